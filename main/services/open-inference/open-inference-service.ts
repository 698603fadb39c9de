// Open Inference Protocol v2 over installed models: metadata from each package's manifest, and one forward pass of its
// graph in the inference host (the host's `run` op, the same one the probe uses). The HTTP routes live in main/http.
import { randomUUID } from 'node:crypto';
import type { ModelDetail, TensorPayload } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import {
  heldKvCacheExtension,
  isCacheInput,
  oipDatatypeOf,
  oipInferRequestSchema,
  oipPlatform,
  type OipDatatype,
  type OipInferRequest,
  type OipInferResponse,
} from '../../../contract/open-inference.js';
import type { InferenceHostSupervisor } from '../inference-host-supervisor/inference-host-supervisor.js';
import { checkPastLength, checkShape, refuseBinaryData, sequenceOf } from './open-inference-rules.js';
import { toPayload, valuesOf } from './oip-tensor-values.js';
import type { ModelLibrary } from '../model-library/model-library.js';
import type { ModelResolver } from '../model-library/model-resolver.js';

type TensorSignature = ModelDetail['manifest']['inputs'][number];

export interface OipTensorMetadata {
  name: string;
  datatype: OipDatatype;
  shape: number[];
}

/** An input whose values are read (and checked) only once its name, shape and datatype fit the model. */
export interface OipTensorInput {
  name: string;
  /** As the client sent it: compared with the manifest's datatype before `payload` is called. */
  datatype: string;
  shape: number[];
  payload: () => TensorPayload;
}

export interface OipTensorRequest {
  id?: string;
  parameters?: Record<string, string | number | boolean>;
  inputs: OipTensorInput[];
  /** Outputs to return (all when absent). */
  outputs?: readonly string[];
}

export interface OipTensorOutput {
  name: string;
  shape: number[];
  datatype: OipDatatype;
  payload: TensorPayload;
}

export interface OipTensorResponse {
  model_name: string;
  model_version: string;
  id: string;
  outputs: OipTensorOutput[];
}

export class OpenInferenceService {
  constructor(
    private readonly host: InferenceHostSupervisor,
    private readonly library: ModelLibrary,
    private readonly resolver: ModelResolver,
    private readonly appVersion: string,
  ) {}

  serverMetadata(): { name: string; version: string; extensions: string[] } {
    return { name: 'mosaic-studio', version: this.appVersion, extensions: [heldKvCacheExtension] };
  }

  /** Ready when the inference host has started and answered. */
  ready(): boolean {
    return this.host.status().state === 'ready';
  }

  /** Why the server is not ready (the inference host's state and, while it backs off, its next try); null when ready. */
  notReadyReason(): string | null {
    return this.host.notReadyReason();
  }

  async modelMetadata(name: string, version?: string) {
    const detail = await this.show(name, version);
    const versions = (await this.library.summaries())
      .filter((summary) => summary.name === name)
      .map((summary) => summary.version);
    const precisions = [detail.manifest.precision, ...(detail.manifest.variants ?? []).map((v) => v.precision)];
    return {
      name,
      versions,
      platform: oipPlatform,
      inputs: detail.manifest.inputs.map(metadataOf),
      outputs: detail.manifest.outputs.map(metadataOf),
      parameters: { version: detail.version, task: detail.manifest.task, precisions: precisions.join(',') },
    };
  }

  /** Whether the host is ready for an installed model (the named or active version); MODEL_NOT_FOUND when none is. */
  async modelReady(name: string, version?: string): Promise<boolean> {
    await this.show(name, version);
    return this.ready();
  }

  /** POST /v2/models/{name}/infer: tensors as flat JSON arrays, checked and converted to the graph's types. */
  async infer(name: string, version: string | undefined, body: unknown): Promise<OipInferResponse> {
    const request = parseInferRequest(body);
    refuseBinaryData(request);
    const answer = await this.inferTensors(name, version, {
      ...(request.id === undefined ? {} : { id: request.id }),
      ...(request.parameters === undefined ? {} : { parameters: request.parameters }),
      inputs: request.inputs.map((input) => ({
        name: input.name,
        datatype: input.datatype,
        shape: input.shape,
        payload: () => toPayload(input.name, input.datatype, input.shape, input.data),
      })),
      ...(request.outputs ? { outputs: request.outputs.map((output) => output.name) } : {}),
    });
    return {
      ...answer,
      outputs: answer.outputs.map((output) => ({
        name: output.name,
        shape: output.shape,
        datatype: output.datatype,
        data: valuesOf(output.payload),
      })),
    };
  }

  /**
   * One forward pass over tensors already decoded (the gRPC front door's typed contents or raw bytes, or /v2's JSON):
   * the model is resolved, each input is held to the manifest (name, rank and fixed dims, one size per symbolic dim,
   * datatype) before its values are read, then `past_length` is checked and the graph runs in the inference host.
   */
  async inferTensors(name: string, version: string | undefined, request: OipTensorRequest): Promise<OipTensorResponse> {
    const detail = await this.show(name, version);
    const manifest = detail.manifest;
    const precision = request.parameters?.precision;
    const graphPath = graphOf(detail, typeof precision === 'string' ? precision : undefined);

    const sequence = sequenceOf(request.parameters, name, manifest);
    const signatures = new Map(manifest.inputs.map((input) => [input.name, input]));
    const symbols = new Map<string, number>();
    const feeds: Record<string, TensorPayload> = {};
    for (const input of request.inputs) {
      const signature = signatures.get(input.name);
      if (!signature) {
        throw badRequest(`${name} has no input "${input.name}" (inputs: ${[...signatures.keys()].join(', ')}).`);
      }
      if (sequence && isCacheInput(input.name)) {
        throw badRequest(
          `Input "${input.name}" is the cache that sequence ${sequence.id} holds here: leave the cache inputs out ` +
            "of a sequence's steps (or send no sequence_id and the whole cache).",
        );
      }
      if (feeds[input.name]) throw badRequest(`Input "${input.name}" is given twice.`);
      checkShape(input.name, input.shape, signature, symbols);
      const expected = oipDatatypeOf[signature.dtype];
      if (input.datatype !== expected) {
        throw badRequest(`Input "${input.name}" is ${expected}, not ${input.datatype}.`);
      }
      feeds[input.name] = input.payload();
    }
    const missing = manifest.inputs
      .filter((input) => !feeds[input.name] && !(sequence && isCacheInput(input.name)))
      .map((input) => input.name);
    if (missing.length > 0) throw badRequest(`Missing input${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`);
    checkPastLength(request.inputs, () => valuesOf(feeds.past_length as TensorPayload));

    const outputNames = request.outputs;
    const known = new Set(manifest.outputs.map((output) => output.name));
    for (const output of outputNames ?? []) {
      if (!known.has(output))
        throw badRequest(`${name} has no output "${output}" (outputs: ${[...known].join(', ')}).`);
    }

    let result;
    try {
      result = await this.host.request({
        op: 'run',
        modelPath: graphPath,
        feeds,
        ...(outputNames ? { outputs: [...outputNames] } : {}),
        ...(sequence ? { sequence } : {}),
      });
    } catch (error) {
      // The inputs matched the manifest; what the graph still refuses (inconsistent sizes, indices out of range) is the
      // request's fault, so it is a 400 rather than a server error.
      if (error instanceof MosaicError && error.code === 'INFERENCE_FAILED') throw badRequest(error.message);
      throw error;
    }
    const order = outputNames ?? manifest.outputs.map((output) => output.name);
    const names = [
      ...order.filter((n) => result.outputs[n]),
      ...Object.keys(result.outputs).filter((n) => !order.includes(n)),
    ];
    return {
      model_name: name,
      model_version: detail.version,
      id: request.id ?? randomUUID(),
      outputs: names.map((output) => {
        const payload = result.outputs[output] as TensorPayload;
        return { name: output, shape: [...payload.dims], datatype: oipDatatypeOf[payload.type], payload };
      }),
    };
  }

  /** RepositoryModelLoad: the active version's graph loaded into the inference host now (as `inference.load`). */
  async loadModel(name: string): Promise<void> {
    const detail = await this.show(name);
    await this.host.request({ op: 'session.load', modelPath: graphOf(detail, undefined) });
  }

  /** RepositoryModelUnload: the active version's graph unloaded from the inference host; false when it was not loaded. */
  async unloadModel(name: string): Promise<boolean> {
    const detail = await this.show(name);
    const { unloaded } = await this.host.request({ op: 'session.unload', modelPath: graphOf(detail, undefined) });
    return unloaded;
  }

  /** Every installed version, the active one of each model first (RepositoryIndex over gRPC). */
  async repositoryIndex(): Promise<{ name: string; version: string; active: boolean }[]> {
    const summaries = await this.library.summaries();
    return summaries.map((summary) => ({ name: summary.name, version: summary.version, active: summary.active }));
  }

  private async show(name: string, version?: string): Promise<ModelDetail> {
    try {
      return await this.resolver.detail(name, version);
    } catch (error) {
      if (error instanceof MosaicError && (error.code === 'BAD_REQUEST' || error.code === 'INVALID_MANIFEST')) {
        throw new MosaicError('MODEL_NOT_FOUND', error.message);
      }
      throw error;
    }
  }
}

function badRequest(message: string): MosaicError {
  return new MosaicError('BAD_REQUEST', message);
}

function metadataOf(signature: TensorSignature): OipTensorMetadata {
  return {
    name: signature.name,
    datatype: oipDatatypeOf[signature.dtype],
    shape: signature.shape.map((dim) => (typeof dim === 'number' ? dim : -1)),
  };
}

/** The graph blob of the package's default precision, or of the variant asked for. */
function graphOf(detail: ModelDetail, precision: string | undefined): string {
  const manifest = detail.manifest;
  const files =
    precision === undefined || precision === manifest.precision
      ? manifest.files
      : manifest.variants?.find((variant) => variant.precision === precision)?.files;
  if (!files) {
    const available = [manifest.precision, ...(manifest.variants ?? []).map((variant) => variant.precision)];
    throw badRequest(`${detail.name}@${detail.version} has no ${precision} variant (has ${available.join(', ')}).`);
  }
  const graph = files.find((file) => file.role === 'graph');
  const located = graph && detail.files.find((file) => file.sha256 === graph.sha256);
  if (!located) throw new MosaicError('MODEL_NOT_FOUND', `${detail.name}@${detail.version} has no graph to run.`);
  return located.blobPath;
}

/** The request's shape checked by the /v2 schema: what every front door (JSON or gRPC) must send. */
export function parseInferRequest(body: unknown): OipInferRequest {
  const parsed = oipInferRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    throw new MosaicError('BAD_REQUEST', `Invalid inference request: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
