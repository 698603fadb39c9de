// The decoder on real mosaic-kv-v2 graphs in onnxruntime-node: models/fixtures/tiny-decoder (multi-head attention) and
// tiny-decoder-mqa (one key/value head for both query heads), both trained to count modulo 32.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCacheFeeds, forwardKv, readKvGeometry, type KvGeometry } from '../../main/inference/decoding/kv-graph.js';
import { KvBufferPool } from '../../main/inference/decoding/kv-buffer-pool.js';
import { KvCache } from '../../main/inference/decoding/kv-cache.js';
import { generate, type GenerateOptions } from '../../main/inference/decoding/kv-generator.js';
import type { ConstraintFactory } from '../../main/inference/decoding/token-constraint.js';
import { findPackageRoot } from '../../main/platform/paths.js';

interface Expected {
  config: { max_positions: number };
  prompt: number[];
  last_logits: number[];
  greedy: number[];
  batch_prompts: number[][];
  batch_greedy: number[][];
  tolerance: number;
}

const fixtures = [
  { fixture: 'tiny-decoder', kvHeads: 2 },
  { fixture: 'tiny-decoder-mqa', kvHeads: 1 },
];

describe.each(fixtures)('mosaic-kv-v2 decoding, $fixture ($kvHeads key/value heads)', ({ fixture, kvHeads }) => {
  const folder = `${findPackageRoot()}/models/fixtures/${fixture}`;
  const expected = JSON.parse(readFileSync(`${folder}/expected.json`, 'utf8')) as Expected;
  let session: ort.InferenceSession;
  let geometry: KvGeometry;

  beforeAll(async () => {
    session = await ort.InferenceSession.create(`${folder}/model.onnx`, { executionProviders: ['cpu'] });
    geometry = readKvGeometry(session);
  });
  afterAll(async () => {
    await session.release();
  });

  const greedy = { temperature: 0, topK: 0, topP: 1 };
  const options = (overrides: Partial<GenerateOptions>): GenerateOptions => ({
    prompt: expected.prompt,
    batch: 1,
    maxNewTokens: 16,
    sampling: greedy,
    seed: 1,
    maxPositions: expected.config.max_positions,
    ...overrides,
  });

  it('reads the geometry from the graph', () => {
    expect(geometry).toMatchObject({ layers: 2, kvHeads, headDim: 16, vocabSize: 32 });
  });

  it("matches torch's logits for the prompt", async () => {
    const ids = BigInt64Array.from(expected.prompt, BigInt);
    const { logits } = await forwardKv(session, emptyCacheFeeds(geometry, 1), 0, ids, 1, expected.prompt.length);
    const last = logits.subarray((expected.prompt.length - 1) * 32, expected.prompt.length * 32);
    last.forEach((value, token) =>
      expect(Math.abs(value - expected.last_logits[token]!)).toBeLessThan(expected.tolerance),
    );
  });

  it("reproduces torch's greedy continuation", async () => {
    const result = await generate(session, geometry, options({}));
    expect(result.rows[0]).toEqual(expected.greedy);
    expect(result.finish).toEqual(['max-tokens']);
    expect(result.stats).toMatchObject({ promptTokens: 3, newTokens: 16 });
  });

  it('gives the same logits whether the cache grows in steps or is shown whole from the start', async () => {
    const batch = 3;
    const growing = new KvCache(geometry, batch, 60, { growthStep: 4 });
    const whole = new KvCache(geometry, batch, 60, { growthStep: 60 });
    const prompt = BigInt64Array.from(expected.prompt, BigInt);
    for (const cache of [growing, whole]) {
      const prefill = await forwardKv(session, emptyCacheFeeds(geometry, 1), 0, prompt, 1, prompt.length);
      cache.appendBroadcast(prefill.kvNew, prompt.length);
    }
    let ids = BigInt64Array.from({ length: batch }, (_, row) => BigInt(row + 1));
    for (let step = 0; step < 40; step += 1) {
      const [a, b] = await Promise.all(
        [growing, whole].map((cache) => forwardKv(session, cache.feeds, cache.length, ids, batch, 1)),
      );
      for (let index = 0; index < a!.logits.length; index += 1) {
        expect(Math.abs(a!.logits[index]! - b!.logits[index]!)).toBeLessThan(1e-5);
      }
      growing.append(a!.kvNew, 1);
      whole.append(b!.kvNew, 1);
      ids = BigInt64Array.from({ length: batch }, (_, row) => BigInt((step * 7 + row) % 32));
    }
    expect(growing.capacity).toBe(44);
  });

  it('decodes each reference prompt, and a batch of one prompt gives identical greedy rows', async () => {
    for (const [index, prompt] of expected.batch_prompts.entries()) {
      const result = await generate(session, geometry, options({ prompt }));
      expect(result.rows[0]).toEqual(expected.batch_greedy[index]);
    }
    const batched = await generate(session, geometry, options({ batch: 5 }));
    for (const row of batched.rows) expect(row).toEqual(expected.greedy);
  });

  it('gives the same tokens for the same seed and different tokens for another seed', async () => {
    const sampling = { temperature: 3, topK: 0, topP: 1 };
    const first = await generate(session, geometry, options({ batch: 4, sampling, seed: 11 }));
    const again = await generate(session, geometry, options({ batch: 4, sampling, seed: 11 }));
    const other = await generate(session, geometry, options({ batch: 4, sampling, seed: 12 }));
    expect(again.rows).toEqual(first.rows);
    expect(other.rows).not.toEqual(first.rows);
    // Rows use independent streams: variations differ from each other.
    expect(new Set(first.rows.map((row) => row.join(','))).size).toBeGreaterThan(1);
  });

  it('gives the same tokens on a buffer an earlier generation used, and hands the buffer back', async () => {
    const sampled = { temperature: 1, topK: 0, topP: 1 };
    const alone = await generate(session, geometry, options({ batch: 3, sampling: sampled, seed: 11 }));
    const pool = new KvBufferPool();
    const dirty = pool.acquire(KvCache.floats(geometry, 3, expected.prompt.length + 16));
    dirty.fill(Number.NaN); // whatever an earlier generation left, even non-finite values, must not reach this one
    pool.release(dirty);
    const pooled = await generate(
      session,
      geometry,
      options({ batch: 3, sampling: sampled, seed: 11, cacheBuffers: pool }),
    );
    expect(pooled.rows).toEqual(alone.rows);
    expect(pool.idleBytes).toBe(dirty.buffer.byteLength);
    expect(pool.acquire(dirty.length).buffer).toBe(dirty.buffer);
  });

  it('a variation does not depend on the batch size', async () => {
    const sampling = { temperature: 2, topK: 8, topP: 1 };
    const small = await generate(session, geometry, options({ batch: 2, sampling, seed: 5 }));
    const large = await generate(session, geometry, options({ batch: 6, sampling, seed: 5 }));
    expect(large.rows.slice(0, 2)).toEqual(small.rows);
  });

  it('obeys a token constraint on every step', async () => {
    const evensOnly: ConstraintFactory = () => ({
      writeAllowed: (mask) => {
        mask.forEach((_, token) => (mask[token] = token % 2 === 0 ? 1 : 0));
        return true;
      },
      accept: () => undefined,
      isComplete: () => false,
    });
    const result = await generate(
      session,
      geometry,
      options({ batch: 3, sampling: { temperature: 1.5, topK: 0, topP: 1 }, constraint: evensOnly, maxNewTokens: 30 }),
    );
    for (const row of result.rows) {
      expect(row).toHaveLength(30);
      expect(row.every((token) => token % 2 === 0)).toBe(true);
    }
  });

  it('stops a row at a stop token or when its constraint completes', async () => {
    const stopped = await generate(session, geometry, options({ stopTokens: [10] }));
    expect(stopped.rows[0]).toEqual([6, 7, 8, 9, 10]);
    expect(stopped.finish).toEqual(['stop-token']);

    let accepted = 0;
    const fourTokens: ConstraintFactory = () => ({
      writeAllowed: () => false,
      accept: () => void (accepted += 1),
      isComplete: () => accepted >= 4,
    });
    const complete = await generate(session, geometry, options({ constraint: fourTokens }));
    expect(complete.rows[0]).toHaveLength(4);
    expect(complete.finish).toEqual(['constraint']);
  });

  it('stops within one step of a cancel request', async () => {
    let progressCalls = 0;
    let cancelAfter = 0;
    const result = await generate(
      session,
      geometry,
      options({
        maxNewTokens: 40,
        progressEvery: 1,
        onProgress: (_, step) => {
          progressCalls += 1;
          if (step === 5) cancelAfter = step;
        },
        shouldStop: () => cancelAfter > 0,
      }),
    );
    expect(result.finish).toEqual(['cancelled']);
    expect(result.rows[0]).toHaveLength(5);
    expect(progressCalls).toBe(5);
  });

  it('refuses requests that do not fit the model', async () => {
    await expect(generate(session, geometry, options({ maxNewTokens: 62 }))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(generate(session, geometry, options({ prompt: [40] }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(generate(session, geometry, options({ prompt: [] }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
