// A client of an Open Inference Protocol server over gRPC (`inference.GRPCInferenceService`: Triton, KServe, or another
// `mosaic serve --grpc-port`), for the remote backend: model metadata and ModelInfer with raw tensors, its failures
// turned into the contract's error codes with the server's words.
import * as grpc from '@grpc/grpc-js';
import { MosaicError, type ErrorCode } from '../../../contract/index.js';
import { heldKvCacheExtension, parseOipServerUrl } from '../../../contract/open-inference.js';
import { maxGrpcMessageBytes, openInferenceClientConstructor } from '../../platform/open-inference-proto.js';

/** Where the server is: `host:port`, `grpc://host:port` (plain) or `grpcs://host:port` (TLS), and its bearer token. */
export interface OipServerTarget {
  url: string;
  /** Sent as `authorization: Bearer …` when not empty. */
  token: string;
  /**
   * Send a decoder's whole cache with every step even when the server could hold it (what a server without the
   * mosaic_kv_sequence extension, Triton or KServe, always gets): for comparing the two in benchmarks.
   */
  sendKvCache?: boolean;
}

export interface TensorMetadataMessage {
  name: string;
  datatype: string;
  shape: number[];
}

export interface ModelMetadataMessage {
  name: string;
  versions?: string[];
  platform?: string;
  inputs?: TensorMetadataMessage[];
  outputs?: TensorMetadataMessage[];
}

/** InferParameter as proto-loader takes it (one of its fields set). */
export type InferParameterMessage = { string_param: string } | { bool_param: boolean };

export interface InferRequestMessage {
  model_name: string;
  model_version: string;
  parameters?: Record<string, InferParameterMessage>;
  inputs: { name: string; datatype: string; shape: number[] }[];
  outputs?: { name: string }[];
  raw_input_contents: Buffer[];
}

export interface InferResponseMessage {
  model_name: string;
  model_version: string;
  outputs?: { name: string; datatype: string; shape?: number[] }[];
  raw_output_contents?: Buffer[];
}

const errorCodeOf: Partial<Record<grpc.status, ErrorCode>> = {
  [grpc.status.INVALID_ARGUMENT]: 'BAD_REQUEST',
  [grpc.status.NOT_FOUND]: 'MODEL_NOT_FOUND',
  [grpc.status.UNAUTHENTICATED]: 'UNAUTHORIZED',
  [grpc.status.PERMISSION_DENIED]: 'FORBIDDEN',
  [grpc.status.RESOURCE_EXHAUSTED]: 'QUEUE_FULL',
  [grpc.status.UNAVAILABLE]: 'INFERENCE_HOST_UNAVAILABLE',
  [grpc.status.DEADLINE_EXCEEDED]: 'TIMEOUT',
  [grpc.status.CANCELLED]: 'CANCELLED',
};

type Unary = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => void;

export class OipGrpcClient {
  private readonly client: grpc.Client;
  private readonly metadata = new grpc.Metadata();
  readonly address: string;
  private heldKvCache: Promise<boolean> | undefined;

  constructor(private readonly target: OipServerTarget) {
    const { address, tls } = parseOipServerUrl(target.url);
    this.address = address;
    const Client = openInferenceClientConstructor();
    this.client = new Client(address, tls ? grpc.credentials.createSsl() : grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': maxGrpcMessageBytes,
      'grpc.max_send_message_length': maxGrpcMessageBytes,
      // Outputs come back in one window rather than 64 KiB at a time.
      'grpc-node.flow_control_window': 16 * 1024 * 1024,
    });
    if (target.token) this.metadata.set('authorization', `Bearer ${target.token}`);
  }

  serverMetadata(): Promise<{ name: string; version: string; extensions?: string[] }> {
    return this.call('ServerMetadata', {}, 30_000);
  }

  /** Whether decoders keep their cache on the server (it lists the mosaic_kv_sequence extension), asked once. */
  holdsKvCache(): Promise<boolean> {
    this.heldKvCache ??= this.target.sendKvCache
      ? Promise.resolve(false)
      : this.serverMetadata().then(
          (metadata) => (metadata.extensions ?? []).includes(heldKvCacheExtension),
          (error: unknown) => {
            this.heldKvCache = undefined; // asked again next time
            throw error;
          },
        );
    return this.heldKvCache;
  }

  modelMetadata(name: string, version = ''): Promise<ModelMetadataMessage> {
    return this.call('ModelMetadata', { name, version }, 30_000);
  }

  modelInfer(request: InferRequestMessage): Promise<InferResponseMessage> {
    return this.call('ModelInfer', request, 120_000);
  }

  close(): void {
    this.client.close();
  }

  private call<T>(method: string, request: unknown, timeoutMs: number): Promise<T> {
    const unary = (this.client as unknown as Record<string, Unary>)[method];
    if (!unary) throw new MosaicError('INTERNAL', `The service definition has no ${method}.`);
    return new Promise<T>((resolve, reject) => {
      unary.call(this.client, request, this.metadata, { deadline: Date.now() + timeoutMs }, (error, response) => {
        if (error) reject(this.errorOf(method, error));
        else resolve(response as T);
      });
    });
  }

  private errorOf(method: string, error: grpc.ServiceError): MosaicError {
    const code = errorCodeOf[error.code] ?? 'INFERENCE_FAILED';
    const where = `the Open Inference Protocol server at ${this.address}`;
    const message =
      code === 'UNAUTHORIZED'
        ? `${where} refused the token (${error.details}): set the token in Settings → Inference.`
        : code === 'INFERENCE_HOST_UNAVAILABLE'
          ? `${where} is unreachable (${error.details}): check that it runs and that Settings → Inference names it.`
          : `${method} on ${where} failed: ${error.details}`;
    return new MosaicError(code, message);
  }
}
