// Caches held per sequence for remote decoding steps: a batch-1 prompt widens to every row, each step must follow
// exactly what the sequence holds, and sequences end on request, when idle, or to make room for a new one.
import { describe, expect, it } from 'vitest';
import { KvCache } from '../../../main/inference/decoding/kv-cache.js';
import type { KvGeometry } from '../../../main/inference/decoding/kv-graph.js';
import { KvSequenceStore, type SequenceStep } from '../../../main/inference/decoding/kv-sequence-store.js';

const geometry: KvGeometry = { layout: 'mosaic-kv-v2', layers: 2, kvHeads: 1, headDim: 2, vocabSize: 8 };
const geometryOf = () => geometry;
const maxPositions = 40;

/** kv_new [L, 2, B, H, T, Dh] whose values name row, position and dimension (the same in every layer and head). */
function kvNew(batch: number, firstPosition: number, tokens: number, rowValue = (row: number) => row): Float32Array {
  const blocks = geometry.layers * 2 * batch * geometry.kvHeads;
  const data = new Float32Array(blocks * tokens * geometry.headDim);
  for (let block = 0; block < blocks; block += 1) {
    const row = Math.floor(block / geometry.kvHeads) % batch;
    for (let t = 0; t < tokens; t += 1) {
      for (let d = 0; d < geometry.headDim; d += 1) {
        data[(block * tokens + t) * geometry.headDim + d] = rowValue(row) * 1000 + (firstPosition + t) * 10 + d;
      }
    }
  }
  return data;
}

/** Row `row`'s positions in layer 0's keys, read through the feeds the graph gets. */
function rowPositions(cache: KvCache, row: number): number[] {
  const keys = cache.feeds.past_key_0!;
  const [, heads, capacity, size] = keys.dims as [number, number, number, number];
  const data = keys.data as Float32Array;
  const start = row * heads * capacity * size;
  return Array.from(data.subarray(start, start + cache.length * size)).filter((_, index) => index % size === 0);
}

const step = (overrides: Partial<SequenceStep>): SequenceStep => ({
  id: 'a',
  start: false,
  end: false,
  maxPositions,
  batch: 1,
  pastLength: 0,
  ...overrides,
});

describe('KvSequenceStore', () => {
  it('keeps each step’s positions, widens a batch-1 prompt to every row once, and ends the sequence on request', async () => {
    const store = new KvSequenceStore();
    const seen: number[][][] = [];
    const run = (overrides: Partial<SequenceStep>, tokens: number, kv: Float32Array) =>
      store.step('graph\0a', geometryOf, step(overrides), tokens, async (cache) => {
        seen.push(Array.from({ length: cache.batch }, (_, row) => rowPositions(cache, row)));
        return { kvNew: kv, result: cache.length };
      });

    expect(await run({ start: true }, 3, kvNew(1, 0, 3))).toBe(0);
    // The first batch-3 step sees the prompt's three positions in every row.
    expect(await run({ batch: 3, pastLength: 3 }, 1, kvNew(3, 3, 1))).toBe(3);
    expect(seen[1]).toEqual([
      [0, 10, 20],
      [0, 10, 20],
      [0, 10, 20],
    ]);
    expect(await run({ batch: 3, pastLength: 4, end: true }, 1, kvNew(3, 4, 1))).toBe(4);
    // Each row kept its own position 3.
    expect(seen[2]).toEqual([
      [0, 10, 20, 30],
      [0, 10, 20, 1030],
      [0, 10, 20, 2030],
    ]);
    expect(store.size).toBe(0);
    await expect(run({ batch: 3, pastLength: 5 }, 1, kvNew(3, 5, 1))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/not held here.*sequence_start/),
    });
  });

  it('refuses a step that does not follow what the sequence holds, or changes its batch, and keeps the cache as it was', async () => {
    const store = new KvSequenceStore();
    const run = (overrides: Partial<SequenceStep>, tokens: number, kv: Float32Array) =>
      store.step('k', geometryOf, step(overrides), tokens, async (cache) => ({ kvNew: kv, result: cache.length }));
    await run({ start: true, batch: 2 }, 2, kvNew(2, 0, 2));
    await expect(run({ batch: 2, pastLength: 1 }, 1, kvNew(2, 1, 1))).rejects.toMatchObject({
      message: expect.stringMatching(/holds 2 positions, but past_length is 1: send past_length 2/),
    });
    await expect(run({ batch: 4, pastLength: 2 }, 1, kvNew(4, 2, 1))).rejects.toMatchObject({
      message: expect.stringMatching(/decodes 2 rows; this step has 4/),
    });
    await expect(run({ batch: 2, pastLength: 2 }, maxPositions, kvNew(2, 2, maxPositions))).rejects.toMatchObject({
      message: expect.stringMatching(/exceed the model's 40/),
    });
    // A failed pass keeps nothing: the next step still follows 2 positions.
    await expect(
      store.step('k', geometryOf, step({ batch: 2, pastLength: 2 }), 1, () =>
        Promise.reject(new Error('graph failed')),
      ),
    ).rejects.toThrow('graph failed');
    expect(await run({ batch: 2, pastLength: 2 }, 1, kvNew(2, 2, 1))).toBe(2);
  });

  it('drops a sequence idle for idleMs, and the least recently used idle one when a new one would not fit', async () => {
    let now = 0;
    const bytesPerSequence = KvCache.floats(geometry, 1, maxPositions) * 4;
    const store = new KvSequenceStore({ idleMs: 1000, maxBytes: 2 * bytesPerSequence, now: () => now });
    const start = (key: string) =>
      store.step(key, geometryOf, step({ id: key, start: true }), 1, async () => ({
        kvNew: kvNew(1, 0, 1),
        result: 0,
      }));
    await start('x');
    now = 10;
    await start('y');
    now = 20;
    await start('z'); // x, least recently used, makes room
    const follow = (key: string) =>
      store.step(key, geometryOf, step({ id: key, pastLength: 1 }), 1, async () => ({
        kvNew: kvNew(1, 1, 1),
        result: key,
      }));
    await expect(follow('x')).rejects.toMatchObject({ message: expect.stringMatching(/not held here/) });
    expect(await follow('y')).toBe('y');
    now = 2000;
    store.sweep();
    expect(store.size).toBe(0);
    store.dispose();
  });

  it('answers QUEUE_FULL when running sequences hold all the room it keeps', async () => {
    const bytesPerSequence = KvCache.floats(geometry, 1, maxPositions) * 4;
    const store = new KvSequenceStore({ maxBytes: bytesPerSequence });
    let release: () => void = () => {};
    const running = store.step('a', geometryOf, step({ start: true }), 1, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { kvNew: kvNew(1, 0, 1), result: 0 };
    });
    await expect(
      store.step('b', geometryOf, step({ id: 'b', start: true }), 1, async () => ({
        kvNew: kvNew(1, 0, 1),
        result: 0,
      })),
    ).rejects.toMatchObject({ code: 'QUEUE_FULL', message: expect.stringMatching(/retry when they end/) });
    await expect(
      store.step('a', geometryOf, step({}), 1, async () => ({ kvNew: kvNew(1, 0, 1), result: 0 })),
    ).rejects.toMatchObject({ message: expect.stringMatching(/still running a step/) });
    release();
    await running;
    store.dispose();
  });
});
