// The KV cache [L, 2, B, H, capacity, Dh] in one buffer the caller owns: the graph reads it without a copy and
// returns only the new positions, which are written in place (no per-step copy of the whole cache through JS).
// The buffer is allocated once for `maxCapacity` positions, but the graph is shown only the first `capacity` of them,
// grown in steps of `growthStep`: attention reads (and masks) every position it is shown, so showing the whole
// generation's capacity from the first step would make early steps read mostly empty positions — at batch 8 reading
// the cache, not arithmetic, bounds a step. Growing moves the valid positions to the wider stride in place.
// The step trades the positions shown but not yet valid (half a step on average, each read by every row's attention)
// against the moves: at batch 8 on the int8 multi-query reference a step costs about 1.2 µs more per position shown
// (490 µs at 129 positions, 571 at 192, 644 at 256, for 128 valid), and through whole 256-token generations 16 beat
// 64 by 4–6 % at batch 8 and 1.5 % at batch 1, 32 by 2 %, while 8 moved too often (+3 %).
import type * as ort from 'onnxruntime-node';
import { cacheFeeds, type KvGeometry } from './kv-graph.js';

export class KvCache {
  /** Positions added to the buffer when it is full. */
  static readonly growthStep = 16;
  readonly data: Float32Array;
  /** Valid positions; the graph masks everything at or beyond this. */
  length = 0;
  /** Positions the buffer holds now (≤ maxCapacity). */
  capacity: number;
  /** The graph's cache inputs: views of `data`, which changes in place (new views when the capacity grows). */
  feeds: Record<string, ort.Tensor>;

  private readonly growthStep: number;

  /**
   * @param options.growthStep positions added at a time (KvCache.growthStep by default).
   * @param options.buffer where the cache lives, zeroed, of exactly `KvCache.floats(geometry, batch, maxCapacity)`
   *   floats (a `KvBufferPool` gives one back from an earlier generation); a new one by default.
   */
  constructor(
    readonly geometry: KvGeometry,
    readonly batch: number,
    readonly maxCapacity: number,
    { growthStep = KvCache.growthStep, buffer }: { growthStep?: number; buffer?: Float32Array } = {},
  ) {
    this.growthStep = growthStep;
    this.capacity = Math.min(maxCapacity, growthStep);
    const floats = KvCache.floats(geometry, batch, maxCapacity);
    if (buffer && buffer.length !== floats) {
      throw new RangeError(`KV cache buffer holds ${buffer.length} floats, not ${floats}`);
    }
    this.data = buffer ?? new Float32Array(floats);
    this.feeds = this.viewFeeds();
  }

  /** The floats a cache of `maxCapacity` positions needs: [L, 2, B, H, maxCapacity, Dh]. */
  static floats(geometry: KvGeometry, batch: number, maxCapacity: number): number {
    return geometry.layers * 2 * batch * geometry.kvHeads * maxCapacity * geometry.headDim;
  }

  get bytes(): number {
    return this.data.byteLength;
  }

  /** Copies kv_new [L, 2, B, H, T, Dh] in at offset `length`. */
  append(kvNew: Float32Array, newTokens: number): void {
    this.reserve(newTokens);
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
    this.reserve(newTokens);
    const { layers, kvHeads, headDim } = this.geometry;
    const run = newTokens * headDim;
    const stride = this.capacity * headDim;
    const offset = this.length * headDim;
    for (let layer = 0; layer < layers * 2; layer += 1) {
      for (let head = 0; head < kvHeads; head += 1) {
        const source = kvNewSingleRow.subarray((layer * kvHeads + head) * run, (layer * kvHeads + head + 1) * run);
        for (let row = 0; row < this.batch; row += 1) {
          const block = (layer * this.batch + row) * kvHeads + head;
          this.data.set(source, block * stride + offset);
        }
      }
    }
    this.length += newTokens;
  }

  /** The valid positions, packed: [L, 2, B, H, length, Dh] (what `append` takes). */
  validPositions(): Float32Array {
    const run = this.length * this.geometry.headDim;
    const stride = this.capacity * this.geometry.headDim;
    const packed = new Float32Array(this.blockCount() * run);
    for (let block = 0; block < this.blockCount(); block += 1) {
      packed.set(this.data.subarray(block * stride, block * stride + run), block * run);
    }
    return packed;
  }

  reset(): void {
    this.length = 0;
  }

  /** Makes room for `newTokens` more positions, growing the buffer to the next step (never past maxCapacity). */
  private reserve(newTokens: number): void {
    const needed = this.length + newTokens;
    if (needed <= this.capacity) return;
    if (needed > this.maxCapacity) {
      throw new RangeError(`KV cache full: ${this.length} + ${newTokens} > ${this.maxCapacity}`);
    }
    const capacity = Math.min(this.maxCapacity, Math.ceil(needed / this.growthStep) * this.growthStep);
    const { headDim } = this.geometry;
    const valid = this.length * headDim;
    // Last block first: each moves to a higher offset, so no block is overwritten before it has moved. Positions
    // beyond `length` keep stale finite values, which the graph masks.
    for (let block = this.blockCount() - 1; block > 0; block -= 1) {
      const from = block * this.capacity * headDim;
      this.data.copyWithin(block * capacity * headDim, from, from + valid);
    }
    this.capacity = capacity;
    this.feeds = this.viewFeeds();
  }

  private viewFeeds(): Record<string, ort.Tensor> {
    const used = this.data.subarray(0, this.blockCount() * this.capacity * this.geometry.headDim);
    return cacheFeeds(this.geometry, used, this.batch, this.capacity);
  }

  private blockCount(): number {
    return this.geometry.layers * 2 * this.batch * this.geometry.kvHeads;
  }
}
