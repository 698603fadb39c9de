// A loaded mosaic-kv graph: its geometry and layout read from the session, and one forward pass over a caller-owned
// cache buffer [L, 2, B, H, S, Dh].
import * as ort from 'onnxruntime-node';
import { MosaicError } from '../../../contract/index.js';
import type { ModelSession } from '../model-session.js';

/**
 * v1 takes the cache as one `kv_cache` input; v2 takes `past_key_{i}` / `past_value_{i}` per layer, which are fed
 * as views of the same buffer (v1's graph must split its input, and onnxruntime's CPU kernels copy to split).
 */
export type KvLayout = 'mosaic-kv-v1' | 'mosaic-kv-v2';

/** Sizes fixed by the graph (static dims of the cache inputs and the logits). */
export interface KvGeometry {
  layout: KvLayout;
  layers: number;
  /** Key/value heads of the cache (query heads can be more: grouped-query and multi-query attention share them). */
  kvHeads: number;
  headDim: number;
  vocabSize: number;
}

export function readKvGeometry(session: ModelSession): KvGeometry {
  const input = (name: string) => session.inputMetadata.find((value) => value.name === name);
  const logits = session.outputMetadata.find((value) => value.name === 'logits');
  const hasCommon =
    ['input_ids', 'past_length'].every((name) => session.inputNames.includes(name)) &&
    session.outputNames.includes('kv_new') &&
    logits?.isTensor;
  const v1 = input('kv_cache');
  const v2 = input('past_key_0');
  if (!hasCommon || !(v1?.isTensor || v2?.isTensor)) {
    throw new MosaicError(
      'MODEL_LOAD_FAILED',
      `The graph is not a mosaic-kv graph (inputs: ${session.inputNames.join(', ')}).`,
    );
  }
  let geometry: KvGeometry;
  const vocabSize = logits.shape[2] as number;
  if (v2?.isTensor) {
    const layers = session.inputNames.filter((name) => /^past_key_\d+$/.test(name)).length;
    const [, kvHeads, , headDim] = v2.shape;
    geometry = { layout: 'mosaic-kv-v2', layers, kvHeads: kvHeads as number, headDim: headDim as number, vocabSize };
  } else {
    const [layers, , , kvHeads, , headDim] = (v1 as { shape: readonly (number | string)[] }).shape;
    geometry = {
      layout: 'mosaic-kv-v1',
      layers: layers as number,
      kvHeads: kvHeads as number,
      headDim: headDim as number,
      vocabSize,
    };
  }
  const sizes = [geometry.layers, geometry.kvHeads, geometry.headDim, geometry.vocabSize];
  if (!sizes.every((size) => typeof size === 'number' && Number.isInteger(size) && size > 0)) {
    throw new MosaicError(
      'MODEL_LOAD_FAILED',
      'The cache inputs and logits need static layer, head, head-size and vocabulary dims.',
    );
  }
  return geometry;
}

/**
 * The cache inputs for a buffer laid out [L, 2, B, H, S, Dh]. onnxruntime-node reads input buffers without copying,
 * so these tensors can be built once and reused while the buffer is updated in place.
 */
export function cacheFeeds(
  geometry: KvGeometry,
  data: Float32Array,
  batch: number,
  capacity: number,
): Record<string, ort.Tensor> {
  const { layers, kvHeads, headDim } = geometry;
  if (geometry.layout === 'mosaic-kv-v1') {
    return { kv_cache: new ort.Tensor('float32', data, [layers, 2, batch, kvHeads, capacity, headDim]) };
  }
  const block = batch * kvHeads * capacity * headDim;
  const feeds: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < layers; layer += 1) {
    const keys = data.subarray(layer * 2 * block, (layer * 2 + 1) * block);
    const values = data.subarray((layer * 2 + 1) * block, (layer * 2 + 2) * block);
    feeds[`past_key_${layer}`] = new ort.Tensor('float32', keys, [batch, kvHeads, capacity, headDim]);
    feeds[`past_value_${layer}`] = new ort.Tensor('float32', values, [batch, kvHeads, capacity, headDim]);
  }
  return feeds;
}

/** Cache inputs with no positions, for a prompt that starts from nothing. */
export function emptyCacheFeeds(geometry: KvGeometry, batch: number): Record<string, ort.Tensor> {
  return cacheFeeds(geometry, new Float32Array(0), batch, 0);
}

export interface KvForward {
  /** [B, T, V] */
  logits: Float32Array;
  /** [L, 2, B, H, T, Dh]: keys and values of the T new positions only. */
  kvNew: Float32Array;
}

/** One forward pass: ids [B, T] (flattened) after `pastLength` cached positions held in the cache feeds. */
export async function forwardKv(
  session: ModelSession,
  cache: Record<string, ort.Tensor>,
  pastLength: number,
  ids: BigInt64Array,
  batch: number,
  newTokens: number,
): Promise<KvForward> {
  const outputs = await session.run({
    ...cache,
    input_ids: new ort.Tensor('int64', ids, [batch, newTokens]),
    past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(pastLength)), [1]),
  });
  const logits = outputs.logits;
  const kvNew = outputs.kv_new;
  if (!logits || !kvNew) throw new MosaicError('INFERENCE_FAILED', 'The graph did not return logits and kv_new.');
  return { logits: logits.data as Float32Array, kvNew: kvNew.data as Float32Array };
}
