// Runs a mosaic-kv-v1 graph with onnxruntime-node: keeps the KV cache in one caller-owned buffer and writes each step's kv_new into it.
import * as ort from 'onnxruntime-node';

/** Sizes a mosaic-kv-v1 graph declares in its input/output shapes (onnxruntime-node does not expose metadata_props). */
export interface KvGeometry {
  layers: number;
  heads: number;
  headDim: number;
  vocabSize: number;
}

export function readKvGeometry(session: ort.InferenceSession): KvGeometry {
  const cache = session.inputMetadata.find((value) => value.name === 'kv_cache');
  const logits = session.outputMetadata.find((value) => value.name === 'logits');
  if (!cache?.isTensor || !logits?.isTensor) throw new Error('not a mosaic-kv-v1 graph: kv_cache or logits missing');
  const [layers, , , heads, , headDim] = cache.shape;
  const vocabSize = logits.shape[2];
  for (const size of [layers, heads, headDim, vocabSize]) {
    if (typeof size !== 'number') throw new Error(`kv_cache/logits need static L, H, Dh and V, got ${String(size)}`);
  }
  return { layers, heads, headDim, vocabSize } as KvGeometry;
}

/** The cache [L, 2, B, H, capacity, Dh]; positions < length are valid, the rest is ignored by the graph's mask. */
export class KvCache {
  data: Float32Array;
  length = 0;

  constructor(
    readonly geometry: KvGeometry,
    readonly batch: number,
    public capacity: number,
  ) {
    this.data = new Float32Array(this.blocks() * capacity * geometry.headDim);
  }

  /** One (layer, key-or-value, row, head) block per entry: the cache is that many runs of capacity × Dh floats. */
  blocks(): number {
    return this.geometry.layers * 2 * this.batch * this.geometry.heads;
  }

  tensor(): ort.Tensor {
    const { layers, heads, headDim } = this.geometry;
    return new ort.Tensor('float32', this.data, [layers, 2, this.batch, heads, this.capacity, headDim]);
  }

  /** Copies kv_new [L, 2, B, H, T, Dh] in at offset length; reallocates to exactly the needed capacity if full. */
  append(kvNew: Float32Array, newTokens: number): void {
    if (this.length + newTokens > this.capacity) this.resize(this.length + newTokens);
    const run = newTokens * this.geometry.headDim;
    const stride = this.capacity * this.geometry.headDim;
    const offset = this.length * this.geometry.headDim;
    for (let block = 0; block < this.blocks(); block += 1) {
      this.data.set(kvNew.subarray(block * run, (block + 1) * run), block * stride + offset);
    }
    this.length += newTokens;
  }

  resize(capacity: number): void {
    const { headDim } = this.geometry;
    const next = new Float32Array(this.blocks() * capacity * headDim);
    const kept = Math.min(this.length, capacity) * headDim;
    for (let block = 0; block < this.blocks(); block += 1) {
      const from = block * this.capacity * headDim;
      next.set(this.data.subarray(from, from + kept), block * capacity * headDim);
    }
    this.data = next;
    this.capacity = capacity;
  }
}

/** Token rows [B][T] as the graph's int64 input_ids tensor. */
export function inputIdsTensor(rows: number[][]): ort.Tensor {
  const length = rows[0]?.length ?? 0;
  const ids = new BigInt64Array(rows.length * length);
  rows.forEach((row, index) => row.forEach((token, position) => (ids[index * length + position] = BigInt(token))));
  return new ort.Tensor('int64', ids, [rows.length, length]);
}

/** Runs the graph on the new tokens rows [B][T] with the cache, appends kv_new and returns logits [B, T, V]. */
export async function decodeStep(
  session: ort.InferenceSession,
  cache: KvCache,
  rows: number[][],
): Promise<Float32Array> {
  const newTokens = rows[0]?.length ?? 0;
  const outputs = await session.run({
    input_ids: inputIdsTensor(rows),
    past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(cache.length)), [1]),
    kv_cache: cache.tensor(),
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
