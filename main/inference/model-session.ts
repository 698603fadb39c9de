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
  /**
   * Present when the graph runs where a decoder's KV cache can stay between passes (an Open Inference Protocol server
   * that holds it per sequence): one pass on the cache of sequence `id`, with the cache inputs left out and only the
   * outputs named fetched. The decoder uses it instead of keeping the cache here and sending it every step.
   */
  runInSequence?(
    feeds: Record<string, ort.Tensor>,
    sequence: HeldSequenceStep,
    outputs: readonly string[],
  ): Promise<ort.InferenceSession.OnnxValueMapType>;
}

/** A step of a sequence whose cache the server holds: the first starts it, the last (when known) ends it. */
export interface HeldSequenceStep {
  id: string;
  start: boolean;
  end: boolean;
}
