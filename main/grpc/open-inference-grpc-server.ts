// The Open Inference Protocol v2 over gRPC (`inference.GRPCInferenceService`, wire-compatible with Triton's and
// KServe's clients), over the same OpenInferenceService as the /v2 REST routes: the same model resolution, checks and
// errors, mapped to gRPC status codes. Every call needs `authorization: Bearer <token>` in its metadata except
// ServerLive and ServerReady (as /v2/health/*: probes carry no secrets).
import * as grpc from '@grpc/grpc-js';
import type { ErrorCode, TensorPayload } from '../../contract/index.js';
import { MosaicError, toErrorPayload } from '../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import { bearerTokenOf, tokensMatch } from '../services/service-access/api-access.js';
import {
  parseInferRequest,
  type OipTensorInput,
  type OpenInferenceService,
} from '../services/open-inference/open-inference-service.js';
import { contentsOf, payloadFromContents, payloadFromRaw, rawOf, type InferTensorContents } from './grpc-tensors.js';
import { maxGrpcMessageBytes, openInferenceServiceDefinition } from '../platform/open-inference-proto.js';

/** How contract error codes map to gRPC status codes (what /v2 answers with HTTP statuses). */
export const grpcStatusOf: Record<ErrorCode, grpc.status> = {
  BAD_REQUEST: grpc.status.INVALID_ARGUMENT,
  UNAUTHORIZED: grpc.status.UNAUTHENTICATED,
  FORBIDDEN: grpc.status.PERMISSION_DENIED,
  NOT_FOUND: grpc.status.NOT_FOUND,
  UNSUPPORTED_METHOD: grpc.status.UNIMPLEMENTED,
  PAYLOAD_TOO_LARGE: grpc.status.RESOURCE_EXHAUSTED,
  QUEUE_FULL: grpc.status.RESOURCE_EXHAUSTED,
  CANCELLED: grpc.status.CANCELLED,
  INTERNAL: grpc.status.INTERNAL,
  INFERENCE_FAILED: grpc.status.INTERNAL,
  MODEL_LOAD_FAILED: grpc.status.INTERNAL,
  INFERENCE_HOST_CRASHED: grpc.status.UNAVAILABLE,
  INFERENCE_HOST_UNAVAILABLE: grpc.status.UNAVAILABLE,
  INFERENCE_HOST_BACKING_OFF: grpc.status.UNAVAILABLE,
  EXECUTION_PROVIDER_UNAVAILABLE: grpc.status.UNAVAILABLE,
  TIMEOUT: grpc.status.DEADLINE_EXCEEDED,
  MODEL_NOT_FOUND: grpc.status.NOT_FOUND,
  MODEL_IN_USE: grpc.status.FAILED_PRECONDITION,
  NO_ACTIVE_VERSION: grpc.status.FAILED_PRECONDITION,
  INVALID_MANIFEST: grpc.status.FAILED_PRECONDITION,
  INTEGRITY_ERROR: grpc.status.DATA_LOSS,
  INCOMPATIBLE_MODEL: grpc.status.FAILED_PRECONDITION,
  DOWNLOAD_FAILED: grpc.status.UNAVAILABLE,
  STORE_UNWRITABLE: grpc.status.INTERNAL,
};

type Parameters = Record<string, string | number | boolean>;

interface InferParameter {
  parameter_choice?: string;
  bool_param?: boolean;
  int64_param?: number;
  string_param?: string;
  double_param?: number;
  uint64_param?: number;
}

interface InferInputTensor {
  name?: string;
  datatype?: string;
  shape?: number[];
  parameters?: Record<string, InferParameter>;
  contents?: InferTensorContents;
}

export interface ModelInferRequestMessage {
  model_name?: string;
  model_version?: string;
  id?: string;
  parameters?: Record<string, InferParameter>;
  inputs?: InferInputTensor[];
  outputs?: { name?: string; parameters?: Record<string, InferParameter> }[];
  raw_input_contents?: Buffer[];
}

export interface OpenInferenceGrpcServerOptions {
  service: OpenInferenceService;
  /** The bearer token every call but ServerLive/ServerReady needs (the HTTP API's). */
  token: string;
  logger: Logger;
}

export class OpenInferenceGrpcServer {
  private readonly server = new grpc.Server({
    'grpc.max_receive_message_length': maxGrpcMessageBytes,
    'grpc.max_send_message_length': maxGrpcMessageBytes,
  });
  private readonly windowed = widenFlowControlWindows(this.server);
  private boundPort: number | null = null;

  constructor(private readonly options: OpenInferenceGrpcServerOptions) {
    if (!options.token) throw new Error('OpenInferenceGrpcServer needs a token.');
    const { service } = options;
    this.server.addService(openInferenceServiceDefinition(), {
      ServerLive: this.unary(false, () => ({ live: true })),
      ServerReady: this.unary(false, () => ({ ready: service.ready() })),
      ServerMetadata: this.unary(true, () => service.serverMetadata()),
      ModelReady: this.unary(true, async (request: { name?: string; version?: string }) => ({
        ready: await service.modelReady(modelName(request.name), request.version || undefined),
      })),
      ModelMetadata: this.unary(true, async (request: { name?: string; version?: string }) => {
        const metadata = await service.modelMetadata(modelName(request.name), request.version || undefined);
        const { parameters: _parameters, ...message } = metadata;
        return message;
      }),
      ModelInfer: this.unary(true, (request: ModelInferRequestMessage) => this.infer(request)),
      ModelStreamInfer: (call: grpc.ServerDuplexStream<ModelInferRequestMessage, unknown>) => this.streamInfer(call),
      RepositoryIndex: this.unary(true, async (request: { ready?: boolean }) => {
        const ready = service.ready();
        const models = (await service.repositoryIndex()).map((entry) => ({
          name: entry.name,
          version: entry.version,
          state: entry.active && ready ? 'READY' : 'UNAVAILABLE',
          reason: entry.active ? (ready ? '' : (service.notReadyReason() ?? '')) : 'not the active version',
        }));
        return { models: request.ready ? models.filter((model) => model.state === 'READY') : models };
      }),
      RepositoryModelLoad: this.unary(true, async (request: { model_name?: string }) => {
        await service.loadModel(modelName(request.model_name));
        return {};
      }),
      RepositoryModelUnload: this.unary(true, async (request: { model_name?: string }) => {
        await service.unloadModel(modelName(request.model_name));
        return {};
      }),
    });
  }

  /** Binds host:port (0 = any free port) and answers the port bound. */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    this.boundPort = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    if (!this.windowed) this.options.logger.debug('gRPC: HTTP/2 flow-control windows left at 64 KiB');
    this.windowed?.afterBind();
    return this.boundPort;
  }

  get port(): number | null {
    return this.boundPort;
  }

  /** Stops accepting calls, lets running ones finish for a moment, then ends the rest. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2_000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async infer(request: ModelInferRequestMessage) {
    const inputs = request.inputs ?? [];
    const raw = request.raw_input_contents ?? [];
    const sentRaw = raw.length > 0;
    if (sentRaw) {
      if (raw.length !== inputs.length) {
        throw new MosaicError(
          'BAD_REQUEST',
          `raw_input_contents has ${raw.length} entries for ${inputs.length} inputs: give one per input, in order.`,
        );
      }
      const typed = inputs.find((input) => hasContents(input.contents));
      if (typed) {
        throw new MosaicError(
          'BAD_REQUEST',
          `Input "${typed.name ?? ''}" has contents as well as raw_input_contents: send every input one way.`,
        );
      }
    }
    // The request's outline (names, shapes, datatypes, parameters, counts) goes through /v2's schema, so both front
    // doors refuse the same requests with the same words; the values are read afterwards, only once they fit the model.
    const outline = parseInferRequest({
      ...(request.id ? { id: request.id } : {}),
      ...(request.parameters ? { parameters: parametersOf(request.parameters) } : {}),
      inputs: inputs.map((input) => ({
        name: input.name ?? '',
        shape: input.shape ?? [],
        datatype: input.datatype ?? '',
        ...(input.parameters ? { parameters: parametersOf(input.parameters) } : {}),
        data: [],
      })),
      ...(request.outputs && request.outputs.length > 0
        ? { outputs: request.outputs.map((output) => ({ name: output.name ?? '' })) }
        : {}),
    });
    const tensorInputs: OipTensorInput[] = outline.inputs.map((input, index) => ({
      name: input.name,
      datatype: input.datatype,
      shape: input.shape,
      payload: () =>
        sentRaw
          ? payloadFromRaw(input.name, input.datatype, input.shape, raw[index] as Buffer)
          : payloadFromContents(input.name, input.datatype, input.shape, inputs[index]?.contents),
    }));
    const answer = await this.options.service.inferTensors(
      modelName(request.model_name),
      request.model_version || undefined,
      {
        ...(outline.id === undefined ? {} : { id: outline.id }),
        ...(outline.parameters === undefined ? {} : { parameters: outline.parameters }),
        inputs: tensorInputs,
        ...(outline.outputs ? { outputs: outline.outputs.map((output) => output.name) } : {}),
      },
    );
    // Raw in, raw out (as Triton answers); FP16 has no typed field, so an FP16 output makes the whole answer raw.
    const answerRaw = sentRaw || answer.outputs.some((output) => output.datatype === 'FP16');
    return {
      model_name: answer.model_name,
      model_version: answer.model_version,
      id: answer.id,
      outputs: answer.outputs.map((output) => ({
        name: output.name,
        datatype: output.datatype,
        shape: output.shape,
        ...(answerRaw ? {} : { contents: contentsOf(output.datatype, output.payload) }),
      })),
      raw_output_contents: answerRaw ? answer.outputs.map((output) => rawOf(output.payload as TensorPayload)) : [],
    };
  }

  /**
   * ModelStreamInfer: the token once, when the stream opens; then each request answered in the order it came (the next
   * waits for the last, as the steps of a sequence must), a refused one with its message and the stream left open.
   */
  private streamInfer(call: grpc.ServerDuplexStream<ModelInferRequestMessage, unknown>): void {
    try {
      this.authorize(call.metadata);
    } catch (error) {
      // grpc-js answers a streaming call's 'error' event with that status.
      call.emit('error', { code: grpc.status.UNAUTHENTICATED, details: toErrorPayload(error).message });
      return;
    }
    let previous: Promise<void> = Promise.resolve();
    call.on('data', (request: ModelInferRequestMessage) => {
      previous = previous.then(async () => {
        try {
          call.write({ infer_response: await this.infer(request) });
        } catch (error) {
          const payload = toErrorPayload(error);
          if (payload.code === 'INTERNAL') this.options.logger.error('gRPC call failed', { message: payload.message });
          call.write({ error_message: payload.message });
        }
      });
    });
    call.on('end', () => void previous.then(() => call.end()));
    call.on('error', () => undefined); // the client went away: nothing to answer
  }

  /** A unary handler: checks the token (unless open), answers, and maps a coded error to its gRPC status. */
  private unary<Request, Response>(
    needsToken: boolean,
    answer: (request: Request) => Response | Promise<Response>,
  ): grpc.handleUnaryCall<Request, Response> {
    return (call, callback) => {
      void (async () => {
        try {
          if (needsToken) this.authorize(call.metadata);
          callback(null, await answer(call.request));
        } catch (error) {
          const payload = toErrorPayload(error);
          if (payload.code === 'INTERNAL') this.options.logger.error('gRPC call failed', { message: payload.message });
          callback({ code: grpcStatusOf[payload.code], details: payload.message, metadata: new grpc.Metadata() });
        }
      })();
    };
  }

  private authorize(metadata: grpc.Metadata): void {
    const header = metadata.get('authorization')[0];
    const token = bearerTokenOf(typeof header === 'string' ? header : header?.toString('utf8'));
    if (token === null) {
      throw new MosaicError(
        'UNAUTHORIZED',
        'Send the API token as metadata "authorization: Bearer <token>" (MOSAIC_HOME/api-token).',
      );
    }
    if (!tokensMatch(this.options.token, token)) throw new MosaicError('UNAUTHORIZED', 'The bearer token is wrong.');
  }
}

/** HTTP/2 flow-control window the server grants each stream and the connection (a decoding step sends ~1 MB). */
export const flowControlWindowBytes = 16 * 1024 * 1024;

interface GrpcServerInternals {
  commonServerOptions?: { settings?: Record<string, unknown> };
  http2Servers?: Map<{ on(event: 'session', listener: (session: Http2SessionLike) => void): void }, unknown>;
}

interface Http2SessionLike {
  setLocalWindowSize?(size: number): void;
}

/**
 * grpc-js leaves the server's HTTP/2 windows at the protocol's 64 KiB, so a 1 MB ModelInfer (a batch-8 step's KV
 * cache) waits for ~16 WINDOW_UPDATE round trips; measured over loopback this was a third of the step's cost
 * (tests/bench/remote-oip.bench.ts). grpc-js has no server option for it: this sets the initial stream window in the
 * settings it passes to http2.createServer, and widens each new session's connection window. Null (windows left as
 * they are) if a later grpc-js keeps its options elsewhere.
 */
function widenFlowControlWindows(server: grpc.Server): { afterBind(): void } | null {
  const internals = server as unknown as GrpcServerInternals;
  if (!internals.commonServerOptions || !(internals.http2Servers instanceof Map)) return null;
  internals.commonServerOptions.settings = {
    ...internals.commonServerOptions.settings,
    initialWindowSize: flowControlWindowBytes,
  };
  return {
    afterBind: () => {
      for (const http2Server of internals.http2Servers?.keys() ?? []) {
        http2Server.on('session', (session) => session.setLocalWindowSize?.(flowControlWindowBytes));
      }
    },
  };
}

/** A model name is required (the protocol has no default model). */
function modelName(name: string | undefined): string {
  if (!name) throw new MosaicError('BAD_REQUEST', 'Name the model (model_name, or name).');
  return name;
}

function hasContents(contents: InferTensorContents | undefined): boolean {
  return Object.values(contents ?? {}).some((values) => Array.isArray(values) && values.length > 0);
}

/** InferParameter values as /v2's parameters (string, number or boolean). */
function parametersOf(parameters: Record<string, InferParameter>): Parameters {
  const result: Parameters = {};
  for (const [key, parameter] of Object.entries(parameters)) {
    const choice = parameter.parameter_choice as keyof InferParameter | undefined;
    const value = choice ? parameter[choice] : undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[key] = value;
  }
  return result;
}
