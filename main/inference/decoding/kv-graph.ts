// A loaded mosaic-kv-v1 graph: its geometry read from the session, and one forward step over a caller-owned cache.
import * as ort from 'onnxruntime-node';
import { MosaicError } from '../../../contract/index.js';

/** Sizes fixed by the graph (static dims of kv_cache and logits). */
export interface KvGeometry {
  layers: number;
  heads: number;
  headDim: number;
  vocabSize: number;
}

export const kvLayout = 'mosaic-kv-v1';

export function readKvGeometry(session: ort.InferenceSession): KvGeometry {
  const cache = session.inputMetadata.find((value) => value.name === 'kv_cache');
  const logits = session.outputMetadata.find((value) => value.name === 'logits');
  const hasInputs = ['input_ids', 'past_length'].every((name) => session.inputNames.includes(name));
  if (!cache?.isTensor || !logits?.isTensor || !hasInputs || !session.outputNames.includes('kv_new')) {
    throw new MosaicError(
      'MODEL_LOAD_FAILED',
      `The graph is not in the ${kvLayout} layout (inputs: ${session.inputNames.join(', ')}).`,
    );
  }
  const [layers, , , heads, , headDim] = cache.shape;
  const vocabSize = logits.shape[2];
  const sizes = [layers, heads, headDim, vocabSize];
  if (!sizes.every((size) => typeof size === 'number' && size > 0)) {
    throw new MosaicError(
      'MODEL_LOAD_FAILED',
      `kv_cache and logits need static layer, head, head-size and vocabulary dims.`,
    );
  }
  return { layers, heads, headDim, vocabSize } as KvGeometry;
}

export interface KvForward {
  /** [B, T, V] */
  logits: Float32Array;
  /** [L, 2, B, H, T, Dh]: keys and values of the T new positions only. */
  kvNew: Float32Array;
}

/** One forward pass: ids [B, T] (flattened) after `pastLength` cached positions held in `cache` [L, 2, B, H, S, Dh]. */
export async function forwardKv(
  session: ort.InferenceSession,
  cache: ort.Tensor,
  pastLength: number,
  ids: BigInt64Array,
  batch: number,
  newTokens: number,
): Promise<KvForward> {
  const outputs = await session.run({
    input_ids: new ort.Tensor('int64', ids, [batch, newTokens]),
    past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(pastLength)), [1]),
    kv_cache: cache,
  });
  const logits = outputs.logits;
  const kvNew = outputs.kv_new;
  if (!logits || !kvNew) throw new MosaicError('INFERENCE_FAILED', 'The graph did not return logits and kv_new.');
  return { logits: logits.data as Float32Array, kvNew: kvNew.data as Float32Array };
}

/** An empty cache [L, 2, batch, H, 0, Dh], for a prompt that starts from nothing. */
export function emptyCache(geometry: KvGeometry, batch: number): ort.Tensor {
  return new ort.Tensor('float32', new Float32Array(0), [
    geometry.layers,
    2,
    batch,
    geometry.heads,
    0,
    geometry.headDim,
  ]);
}
