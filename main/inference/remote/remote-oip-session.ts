// A ModelSession whose forward passes run on an Open Inference Protocol server over gRPC: the remote backend. The
// decoding loop (sampling, constraints, the KV cache buffer) stays in this process; each call to `run` is one
// ModelInfer with the tensors as raw little-endian bytes, answered raw. The model is named as the server knows it:
// the installed version (`mosaic serve` on another machine), or its Triton version (a repository written by
// `mosaic models export --triton`), whichever the server lists.
import * as ort from 'onnxruntime-node';
import type { TensorType } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { oipDatatypeOf, tensorTypeOf, tritonVersionOf, type OipDatatype } from '../../../contract/open-inference.js';
import type { HeldSequenceStep, ModelSession } from '../model-session.js';
import type { InstalledGraph } from './installed-graph.js';
import type { InferRequestMessage, OipGrpcClient, TensorMetadataMessage } from './oip-grpc-client.js';

type ValueMetadata = ort.InferenceSession['inputMetadata'][number];

/** The versions a server may list for an installed version: its own, then Triton's integer. */
function versionCandidates(version: string): string[] {
  try {
    return [version, String(tritonVersionOf(version))];
  } catch {
    return [version];
  }
}

function metadataOf(tensor: TensorMetadataMessage): ValueMetadata {
  const type = tensorTypeOf[tensor.datatype as OipDatatype];
  if (!type)
    throw new MosaicError('INCOMPATIBLE_MODEL', `Tensor "${tensor.name}" is ${tensor.datatype}, not served here.`);
  // -1 is a symbolic dimension; onnxruntime names those, so give them a name.
  const shape = (tensor.shape ?? []).map((dim, axis) => (Number(dim) < 0 ? `dim_${axis}` : Number(dim)));
  return { name: tensor.name, isTensor: true, type, shape } as ValueMetadata;
}

export class RemoteOipSession implements ModelSession {
  readonly inputNames: string[];
  readonly outputNames: string[];
  readonly inputMetadata: ValueMetadata[];
  readonly outputMetadata: ValueMetadata[];
  readonly runInSequence?: ModelSession['runInSequence'];

  private constructor(
    private readonly client: OipGrpcClient,
    private readonly modelName: string,
    private readonly modelVersion: string,
    private readonly parameters: InferRequestMessage['parameters'],
    inputs: TensorMetadataMessage[],
    outputs: TensorMetadataMessage[],
    holdsKvCache: boolean,
  ) {
    if (holdsKvCache) this.runInSequence = (feeds, sequence, names) => this.inSequence(feeds, sequence, names);
    this.inputMetadata = inputs.map(metadataOf);
    this.outputMetadata = outputs.map(metadataOf);
    this.inputNames = inputs.map((input) => input.name);
    this.outputNames = outputs.map((output) => output.name);
  }

  /** Finds the model on the server (its metadata says which versions it has) and reads its signature. */
  static async open(client: OipGrpcClient, graph: InstalledGraph): Promise<RemoteOipSession> {
    const listed = await client.modelMetadata(graph.name);
    const versions = listed.versions ?? [];
    const version = versionCandidates(graph.version).find((candidate) => versions.includes(candidate));
    if (!version) {
      throw new MosaicError(
        'MODEL_NOT_FOUND',
        `The Open Inference Protocol server at ${client.address} has ${graph.name} in versions ` +
          `${versions.join(', ') || 'none'}, not ${versionCandidates(graph.version).join(' or ')}: install or export ` +
          `${graph.name}@${graph.version} there.`,
      );
    }
    const [metadata, holdsKvCache] = await Promise.all([
      client.modelMetadata(graph.name, version),
      client.holdsKvCache(),
    ]);
    const parameters = graph.isDefault ? undefined : { precision: { string_param: graph.precision } };
    return new RemoteOipSession(
      client,
      graph.name,
      version,
      parameters,
      metadata.inputs ?? [],
      metadata.outputs ?? [],
      holdsKvCache,
    );
  }

  run(feeds: Record<string, ort.Tensor>, outputs?: readonly string[]): Promise<ort.InferenceSession.OnnxValueMapType> {
    return this.infer(feeds, outputs, this.parameters);
  }

  /** A step on the cache the server holds for sequence `id` (only when it lists the mosaic_kv_sequence extension). */
  private inSequence(
    feeds: Record<string, ort.Tensor>,
    sequence: HeldSequenceStep,
    outputs: readonly string[],
  ): Promise<ort.InferenceSession.OnnxValueMapType> {
    // Over the client's stream: a step is then one message on an open HTTP/2 stream, not a new one.
    return this.infer(
      feeds,
      outputs,
      {
        ...this.parameters,
        sequence_id: { string_param: sequence.id },
        ...(sequence.start ? { sequence_start: { bool_param: true } } : {}),
        ...(sequence.end ? { sequence_end: { bool_param: true } } : {}),
      },
      true,
    );
  }

  private async infer(
    feeds: Record<string, ort.Tensor>,
    outputs: readonly string[] | undefined,
    parameters: InferRequestMessage['parameters'],
    streamed = false,
  ): Promise<ort.InferenceSession.OnnxValueMapType> {
    const names = Object.keys(feeds);
    const request: InferRequestMessage = {
      model_name: this.modelName,
      model_version: this.modelVersion,
      ...(parameters ? { parameters } : {}),
      inputs: names.map((name) => {
        const tensor = feeds[name]!;
        return { name, datatype: oipDatatypeOf[tensor.type as TensorType], shape: [...tensor.dims] };
      }),
      ...(outputs ? { outputs: outputs.map((name) => ({ name })) } : {}),
      raw_input_contents: names.map((name) => {
        const data = feeds[name]!.data as ArrayBufferView;
        return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      }),
    };
    const response = await (streamed ? this.client.streamInfer(request) : this.client.modelInfer(request));
    const raw = response.raw_output_contents ?? [];
    const answer: Record<string, ort.Tensor> = {};
    (response.outputs ?? []).forEach((output, index) => {
      const bytes = raw[index];
      if (!bytes) {
        throw new MosaicError(
          'INFERENCE_FAILED',
          `The server answered "${output.name}" without raw contents, though the request was raw.`,
        );
      }
      answer[output.name] = tensorOf(output.datatype as OipDatatype, output.shape ?? [], bytes);
    });
    return answer;
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}

/** Raw little-endian bytes as an onnxruntime tensor (copied into an aligned buffer). */
function tensorOf(datatype: OipDatatype, shape: number[], bytes: Uint8Array): ort.Tensor {
  const type = tensorTypeOf[datatype];
  if (!type) throw new MosaicError('INFERENCE_FAILED', `The server answered a ${datatype} tensor, not served here.`);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const dims = shape.map(Number);
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', new Float32Array(copy.buffer), dims);
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(copy.buffer), dims);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(copy.buffer), dims);
    case 'int8':
      return new ort.Tensor('int8', new Int8Array(copy.buffer), dims);
    case 'uint8':
      return new ort.Tensor('uint8', copy, dims);
    case 'bool':
      return new ort.Tensor('bool', copy, dims);
    case 'float16':
      return new ort.Tensor('float16', new Uint16Array(copy.buffer), dims);
  }
}
