// The KV cache [L, 2, B, H, capacity, Dh] in one buffer the caller owns: the graph reads it without a copy and
// returns only the new positions, which are written in place (no per-step copy of the whole cache through JS).
import type * as ort from 'onnxruntime-node';
import { cacheFeeds, type KvGeometry } from './kv-graph.js';

export class KvCache {
  readonly data: Float32Array;
  /** Valid positions; the graph masks everything at or beyond this. */
  length = 0;
  /** The graph's cache inputs, built once: they view `data`, which changes in place. */
  readonly feeds: Record<string, ort.Tensor>;

  constructor(
    readonly geometry: KvGeometry,
    readonly batch: number,
    readonly capacity: number,
  ) {
    this.data = new Float32Array(this.blockCount() * capacity * geometry.headDim);
    this.feeds = cacheFeeds(geometry, this.data, batch, capacity);
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  /** Copies kv_new [L, 2, B, H, T, Dh] in at offset `length`. */
  append(kvNew: Float32Array, newTokens: number): void {
    if (this.length + newTokens > this.capacity) {
      throw new RangeError(`KV cache full: ${this.length} + ${newTokens} > ${this.capacity}`);
    }
    const run = newTokens * this.geometry.headDim;
    const stride = this.capacity * this.geometry.headDim;
    const offset = this.length * this.geometry.headDim;
    for (let block = 0; block < this.blockCount(); block += 1) {
      this.data.set(kvNew.subarray(block * run, (block + 1) * run), block * stride + offset);
    }
    this.length += newTokens;
  }

  /**
   * Fills every row of this cache from row 0 of a batch-1 kv_new [L, 2, 1, H, T, Dh]: the shared prompt is computed
   * once and copied, rather than prefilled B times.
   */
  appendBroadcast(kvNewSingleRow: Float32Array, newTokens: number): void {
    const { layers, heads, headDim } = this.geometry;
    const run = newTokens * headDim;
    const stride = this.capacity * headDim;
    const offset = this.length * headDim;
    if (this.length + newTokens > this.capacity) {
      throw new RangeError(`KV cache full: ${this.length} + ${newTokens} > ${this.capacity}`);
    }
    for (let layer = 0; layer < layers * 2; layer += 1) {
      for (let head = 0; head < heads; head += 1) {
        const source = kvNewSingleRow.subarray((layer * heads + head) * run, (layer * heads + head + 1) * run);
        for (let row = 0; row < this.batch; row += 1) {
          const block = (layer * this.batch + row) * heads + head;
          this.data.set(source, block * stride + offset);
        }
      }
    }
    this.length += newTokens;
  }

  reset(): void {
    this.length = 0;
  }

  private blockCount(): number {
    return this.geometry.layers * 2 * this.batch * this.geometry.heads;
  }
}
