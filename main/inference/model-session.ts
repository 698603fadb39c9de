// What the inference runtime needs of a loaded graph: onnxruntime's own InferenceSession (as is), or a RemoteOipSession that
// runs each forward pass on an Open Inference Protocol server (remote/remote-oip-session.ts). Decoding, task pipelines
// and the session cache see only this.
import type * as ort from 'onnxruntime-node';

export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: ort.InferenceSession['inputMetadata'];
  readonly outputMetadata: ort.InferenceSession['outputMetadata'];
  /** One forward pass, fetching every output, or (second form) the outputs named. onnxruntime's session fits as is. */
  run(feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.OnnxValueMapType>;
  run(feeds: Record<string, ort.Tensor>, outputs: readonly string[]): Promise<ort.InferenceSession.OnnxValueMapType>;
  release(): Promise<void>;
}
