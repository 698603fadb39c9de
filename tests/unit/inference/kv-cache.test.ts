// The KV cache buffer: positions land where the graph's views expect them, before and after the shown capacity grows.
import { describe, expect, it } from 'vitest';
import { KvCache } from '../../../main/inference/decoding/kv-cache.js';
import type { KvGeometry } from '../../../main/inference/decoding/kv-graph.js';

const geometry: KvGeometry = { layout: 'mosaic-kv-v2', layers: 2, kvHeads: 2, headDim: 3, vocabSize: 8 };
const blocksPerRow = (batch: number) => geometry.layers * 2 * batch * geometry.kvHeads;

/** kv_new [L, 2, B, H, T, Dh] whose every value names its block, position and dimension. */
function kvNew(batch: number, firstPosition: number, tokens: number): Float32Array {
  const { headDim } = geometry;
  const data = new Float32Array(blocksPerRow(batch) * tokens * headDim);
  for (let block = 0; block < blocksPerRow(batch); block += 1) {
    for (let t = 0; t < tokens; t += 1) {
      for (let d = 0; d < headDim; d += 1) {
        data[(block * tokens + t) * headDim + d] = block * 1000 + (firstPosition + t) * 10 + d;
      }
    }
  }
  return data;
}

/** Every valid position of every block, read through the graph's feeds (each [B, H, capacity, Dh]). */
function readThroughFeeds(cache: KvCache): number[] {
  const values: number[] = [];
  for (const tensor of Object.values(cache.feeds)) {
    expect(tensor.dims).toEqual([cache.batch, geometry.kvHeads, cache.capacity, geometry.headDim]);
    const data = tensor.data as Float32Array;
    for (let head = 0; head < cache.batch * geometry.kvHeads; head += 1) {
      const start = head * cache.capacity * geometry.headDim;
      values.push(...data.subarray(start, start + cache.length * geometry.headDim));
    }
  }
  return values;
}

describe('KvCache', () => {
  it('shows the graph a capacity that grows in steps, keeping every position in place', () => {
    const batch = 2;
    const cache = new KvCache(geometry, batch, 11, { growthStep: 4 });
    const reference = new KvCache(geometry, batch, 11, { growthStep: 11 }); // never grows
    expect(cache.capacity).toBe(4);
    const capacities: number[] = [];
    for (const [first, tokens] of [
      [0, 3],
      [3, 1],
      [4, 1],
      [5, 4],
      [9, 2],
    ] as const) {
      cache.append(kvNew(batch, first, tokens), tokens);
      reference.append(kvNew(batch, first, tokens), tokens);
      capacities.push(cache.capacity);
      expect(readThroughFeeds(cache)).toEqual(readThroughFeeds(reference));
    }
    expect(capacities).toEqual([4, 4, 8, 11, 11]);
    expect(readThroughFeeds(cache)[0]).toBe(0);
    expect(() => cache.append(kvNew(batch, 11, 1), 1)).toThrow(/KV cache full/);
  });

  it('broadcasts a batch-1 prompt to every row, growing as needed', () => {
    const cache = new KvCache(geometry, 3, 20, { growthStep: 4 });
    const single = kvNew(1, 0, 6);
    cache.appendBroadcast(single, 6);
    expect(cache.capacity).toBe(8);
    const { headDim, kvHeads } = geometry;
    // Row r of layer-kind k, head h holds what row 0 of the batch-1 prompt held for (k, h).
    const key1 = cache.feeds.past_key_1!.data as Float32Array;
    for (let row = 0; row < 3; row += 1) {
      for (let head = 0; head < kvHeads; head += 1) {
        const start = (row * kvHeads + head) * cache.capacity * headDim;
        const sourceBlock = 2 * kvHeads + head; // layer 1, keys
        expect([...key1.subarray(start, start + 6 * headDim)]).toEqual([
          ...single.subarray(sourceBlock * 6 * headDim, (sourceBlock + 1) * 6 * headDim),
        ]);
      }
    }
  });
});
