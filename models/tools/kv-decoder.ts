// Runs a mosaic-kv-v2 graph with onnxruntime-node: one caller-owned cache buffer [L, 2, B, H, S, Dh] fed as 2L subarray views.
// Deliberately separate from the app's runtime (main/inference/decoding): the toolkit checks exported graphs against
// torch and measures layouts with this, so it shows the graph exactly the capacity the caller chose (torch's, in
// verify-kv-export.ts), resizes to exactly what is needed, and takes other layouts' feeds (bench-layouts.ts); the
// runtime grows its cache in steps and pools its buffers. A fault in the runtime's cache cannot hide in the checks.
import * as ort from 'onnxruntime-node';

/** Sizes a mosaic-kv-v2 graph declares in its input/output shapes (onnxruntime-node does not expose metadata_props). */
export interface KvGeometry {
  layers: number;
  /** Key/value heads of the cache (query heads can be more: grouped-query and multi-query attention share them). */
  kvHeads: number;
  headDim: number;
  vocabSize: number;
}

/** The per-layer cache input names, in the order of the buffer's blocks: past_key_0, past_value_0, past_key_1, ... */
export function cacheInputNames(layers: number): string[] {
  return Array.from({ length: layers }, (_, layer) => [`past_key_${layer}`, `past_value_${layer}`]).flat();
}

export function readKvGeometry(session: ort.InferenceSession): KvGeometry {
  const keys = session.inputMetadata.find((value) => value.name === 'past_key_0');
  const logits = session.outputMetadata.find((value) => value.name === 'logits');
  if (!keys?.isTensor || !logits?.isTensor) throw new Error('not a mosaic-kv-v2 graph: past_key_0 or logits missing');
  const layers = session.inputNames.filter((name) => /^past_key_\d+$/.test(name)).length;
  const expected = ['input_ids', 'past_length', ...cacheInputNames(layers)];
  if (expected.some((name) => !session.inputNames.includes(name)) || session.inputNames.length !== expected.length) {
    throw new Error(`not a mosaic-kv-v2 graph: inputs ${session.inputNames.join(', ')}`);
  }
  const [, kvHeads, , headDim] = keys.shape;
  const vocabSize = logits.shape[2];
  for (const size of [kvHeads, headDim, vocabSize]) {
    if (typeof size !== 'number') throw new Error(`past_key_0/logits need static H, Dh and V, got ${String(size)}`);
  }
  return { layers, kvHeads, headDim, vocabSize } as KvGeometry;
}

/**
 * The cache [L, 2, B, H, capacity, Dh] in one Float32Array: block (layer, key|value) is the contiguous run of
 * B·H·capacity·Dh floats that the graph's past_key_{layer} / past_value_{layer} input views. Positions < length are
 * valid; the graph masks the rest, which must hold finite values (NaN × 0 is NaN).
 */
export class KvCache {
  data: Float32Array;
  length = 0;
  /** The 2L cache inputs, views of `data` built once per buffer and reused at every step. */
  feeds: Record<string, ort.Tensor>;

  constructor(
    readonly geometry: KvGeometry,
    readonly batch: number,
    public capacity: number,
  ) {
    this.data = new Float32Array(this.rows() * capacity * geometry.headDim);
    this.feeds = this.views();
  }

  /** (layer, key-or-value, row, head) runs of capacity × Dh floats: 2·L·B·H. */
  rows(): number {
    return this.geometry.layers * 2 * this.batch * this.geometry.kvHeads;
  }

  /**
   * past_key_i is block 2i of `data` and past_value_i block 2i + 1, each a zero-copy `subarray` view shaped
   * [B, H, capacity, Dh]. onnxruntime-node reads the view's memory in place at every run, so kv_new written into
   * `data` after a step is what the next step sees: nothing is copied into the graph.
   */
  private views(): Record<string, ort.Tensor> {
    const { layers, kvHeads, headDim } = this.geometry;
    const block = this.batch * kvHeads * this.capacity * headDim;
    const shape = [this.batch, kvHeads, this.capacity, headDim];
    const view = (index: number) =>
      new ort.Tensor('float32', this.data.subarray(index * block, (index + 1) * block), shape);
    const feeds: Record<string, ort.Tensor> = {};
    for (let layer = 0; layer < layers; layer += 1) {
      feeds[`past_key_${layer}`] = view(2 * layer);
      feeds[`past_value_${layer}`] = view(2 * layer + 1);
    }
    return feeds;
  }

  /** Copies kv_new [L, 2, B, H, T, Dh] in at offset length; reallocates to exactly the needed capacity if full. */
  append(kvNew: Float32Array, newTokens: number): void {
    if (this.length + newTokens > this.capacity) this.resize(this.length + newTokens);
    const run = newTokens * this.geometry.headDim;
    const stride = this.capacity * this.geometry.headDim;
    const offset = this.length * this.geometry.headDim;
    for (let row = 0; row < this.rows(); row += 1) {
      this.data.set(kvNew.subarray(row * run, (row + 1) * run), row * stride + offset);
    }
    this.length += newTokens;
  }

  /** A new buffer (and new views: a view always covers its buffer's whole block) keeping the valid positions. */
  resize(capacity: number): void {
    const { headDim } = this.geometry;
    const next = new Float32Array(this.rows() * capacity * headDim);
    const kept = Math.min(this.length, capacity) * headDim;
    for (let row = 0; row < this.rows(); row += 1) {
      const from = row * this.capacity * headDim;
      next.set(this.data.subarray(from, from + kept), row * capacity * headDim);
    }
    this.data = next;
    this.capacity = capacity;
    this.feeds = this.views();
  }
}

/** Token rows [B][T] as the graph's int64 input_ids tensor. */
export function inputIdsTensor(rows: number[][]): ort.Tensor {
  const length = rows[0]?.length ?? 0;
  const ids = new BigInt64Array(rows.length * length);
  rows.forEach((row, index) => row.forEach((token, position) => (ids[index * length + position] = BigInt(token))));
  return new ort.Tensor('int64', ids, [rows.length, length]);
}

/**
 * Runs the graph on the new tokens rows [B][T] with the cache, appends kv_new and returns logits [B, T, V].
 * `cacheFeeds` replaces the per-layer views (bench-layouts.ts feeds the old one-tensor layout this way).
 */
export async function decodeStep(
  session: ort.InferenceSession,
  cache: KvCache,
  rows: number[][],
  cacheFeeds: (cache: KvCache) => Record<string, ort.Tensor> = (c) => c.feeds,
): Promise<Float32Array> {
  const newTokens = rows[0]?.length ?? 0;
  const outputs = await session.run({
    input_ids: inputIdsTensor(rows),
    past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(cache.length)), [1]),
    ...cacheFeeds(cache),
  });
  const logits = outputs.logits;
  const kvNew = outputs.kv_new;
  if (!logits || !kvNew) throw new Error('graph did not return logits and kv_new');
  cache.append(kvNew.data as Float32Array, newTokens);
  return logits.data as Float32Array;
}

/** Index of the largest logit of row b at position t in logits [B, T, V]. */
export function argmaxAt(logits: Float32Array, vocabSize: number, newTokens: number, b: number, t: number): number {
  const start = (b * newTokens + t) * vocabSize;
  let best = 0;
  for (let v = 1; v < vocabSize; v += 1) if (logits[start + v]! > logits[start + best]!) best = v;
  return best;
}
