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
  private stream: InferStream | null = null;

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

  /**
   * ModelInfer over this client's one ModelStreamInfer stream (opened on first use, and again after it fails): a
   * decoding step without the new HTTP/2 stream a unary call opens. Answers come back in the order asked.
   */
  streamInfer(request: InferRequestMessage): Promise<InferResponseMessage> {
    this.stream ??= new InferStream(
      (
        this.client as unknown as {
          ModelStreamInfer(metadata: grpc.Metadata): grpc.ClientDuplexStream<unknown, StreamAnswer>;
        }
      ).ModelStreamInfer(this.metadata),
      (error) => this.errorOf('ModelStreamInfer', error),
      this.address,
      () => (this.stream = null),
    );
    return this.stream.infer(request);
  }

  close(): void {
    this.stream?.close();
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

  private errorOf(method: string, error: Pick<grpc.ServiceError, 'code' | 'details'>): MosaicError {
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

interface StreamAnswer {
  error_message?: string;
  infer_response?: InferResponseMessage;
}

/** One open ModelStreamInfer call: requests written in order, each answer settling the oldest request waiting. */
class InferStream {
  private readonly waiting: {
    resolve: (response: InferResponseMessage) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
  }[] = [];
  private closed = false;

  constructor(
    private readonly call: grpc.ClientDuplexStream<unknown, StreamAnswer>,
    errorOf: (error: Pick<grpc.ServiceError, 'code' | 'details'>) => MosaicError,
    private readonly address: string,
    private readonly onClosed: () => void,
  ) {
    call.on('data', (answer: StreamAnswer) => {
      const next = this.waiting.shift();
      if (!next) return;
      clearTimeout(next.timer);
      if (answer.infer_response) next.resolve(answer.infer_response);
      else {
        next.reject(
          new MosaicError(
            'INFERENCE_FAILED',
            `ModelInfer on the Open Inference Protocol server at ${this.address} failed: ${answer.error_message ?? 'no answer'}`,
          ),
        );
      }
    });
    call.on('error', (error: grpc.ServiceError) => this.fail(errorOf(error)));
    call.on('end', () =>
      this.fail(errorOf({ code: grpc.status.UNAVAILABLE, details: 'the server ended the ModelStreamInfer stream' })),
    );
  }

  infer(request: InferRequestMessage, timeoutMs = 120_000): Promise<InferResponseMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new MosaicError(
            'TIMEOUT',
            `The Open Inference Protocol server at ${this.address} did not answer a step in ${timeoutMs / 1000} s.`,
          ),
        );
        this.call.cancel();
      }, timeoutMs);
      timer.unref();
      this.waiting.push({ resolve, reject, timer });
      this.call.write(request);
    });
  }

  close(): void {
    this.fail(new MosaicError('CANCELLED', 'The remote backend was closed.'));
    this.call.end();
  }

  /** Rejects every request waiting; the client opens a new stream for the next. */
  private fail(error: MosaicError): void {
    if (!this.closed) {
      this.closed = true;
      this.onClosed();
    }
    for (const waiting of this.waiting.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
  }
}
