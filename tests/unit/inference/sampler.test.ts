import { describe, expect, it } from 'vitest';
import {
  DROP_PER_NAT,
  Sampler,
  weightBelowBest,
  type SamplingOptions,
} from '../../../main/inference/decoding/sampler.js';
import { SeededRandom } from '../../../main/inference/decoding/seeded-random.js';

const plain: SamplingOptions = { temperature: 1, topK: 0, topP: 1 };

function frequencies(logits: number[], options: SamplingOptions, draws: number, allowed?: Uint8Array): number[] {
  const sampler = new Sampler(logits.length);
  const random = new SeededRandom(123);
  const counts = new Array<number>(logits.length).fill(0);
  const data = Float32Array.from(logits);
  for (let i = 0; i < draws; i += 1) counts[sampler.sample(data, 0, options, random, allowed)]! += 1;
  return counts.map((count) => count / draws);
}

function softmax(logits: number[], temperature = 1): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp((logit - max) / temperature));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

describe('SeededRandom', () => {
  it('repeats for the same seed and stream, and differs otherwise', () => {
    const draw = (seed: number, stream: number) => {
      const random = new SeededRandom(seed, stream);
      return Array.from({ length: 8 }, () => random.nextUint32());
    };
    expect(draw(7, 0)).toEqual(draw(7, 0));
    expect(draw(7, 0)).not.toEqual(draw(8, 0));
    expect(draw(7, 0)).not.toEqual(draw(7, 1));
  });

  it('spreads floats evenly over [0, 1)', () => {
    const random = new SeededRandom(1);
    const buckets = new Array<number>(10).fill(0);
    let lowest = 1;
    let highest = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const value = random.nextFloat();
      lowest = Math.min(lowest, value);
      highest = Math.max(highest, value);
      buckets[Math.floor(value * 10)]! += 1;
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('Sampler', () => {
  it('draws the same token for a seed on its one-pass plain path as on the general path', () => {
    // topK = vocabulary size keeps every token but goes through the general path; topK 0 takes the plain one.
    const vocabulary = 300;
    const sampler = new Sampler(vocabulary);
    const logits = new Float32Array(vocabulary);
    const shape = new SeededRandom(9);
    for (const temperature of [0.7, 1, 2.5]) {
      for (let trial = 0; trial < 200; trial += 1) {
        // Wide logits, so that some tokens fall below the 30-nat floor both paths drop.
        for (let token = 0; token < vocabulary; token += 1) logits[token] = (shape.nextFloat() - 0.5) * 80;
        const plainToken = sampler.sample(logits, 0, { temperature, topK: 0, topP: 1 }, new SeededRandom(trial));
        const general = { temperature, topK: vocabulary, topP: 1 };
        expect(sampler.sample(logits, 0, general, new SeededRandom(trial))).toBe(plainToken);
      }
    }
  });

  it('is greedy at temperature 0 and with top-k 1', () => {
    const sampler = new Sampler(5);
    const logits = Float32Array.from([0.1, 2.5, -1, 2.4, 0]);
    expect(sampler.sample(logits, 0, { temperature: 0, topK: 0, topP: 1 }, new SeededRandom(1))).toBe(1);
    expect(sampler.sample(logits, 0, { temperature: 1.5, topK: 1, topP: 1 }, new SeededRandom(1))).toBe(1);
  });

  it('reads logits at an offset (one row of a batch)', () => {
    const sampler = new Sampler(3);
    const logits = Float32Array.from([9, 0, 0, 0, 0, 9]);
    expect(sampler.sample(logits, 3, { temperature: 0, topK: 0, topP: 1 }, new SeededRandom(1))).toBe(2);
  });

  it('samples in proportion to softmax(logits / temperature)', () => {
    const logits = [1, 2, 0.5, -1, 1.5];
    for (const temperature of [1, 0.5]) {
      const observed = frequencies(logits, { ...plain, temperature }, 40_000);
      softmax(logits, temperature).forEach((p, token) => expect(Math.abs(observed[token]! - p)).toBeLessThan(0.012));
    }
  });

  it('never picks a masked token, and returns -1 when nothing is allowed', () => {
    const logits = [5, 4, 3, 2, 1];
    const allowed = Uint8Array.from([0, 1, 0, 1, 0]);
    const observed = frequencies(logits, plain, 5_000, allowed);
    expect(observed[0]! + observed[2]! + observed[4]!).toBe(0);
    expect(observed[1]! / observed[3]!).toBeGreaterThan(2);
    const sampler = new Sampler(5);
    const nothing = new Uint8Array(5);
    expect(sampler.sample(Float32Array.from(logits), 0, plain, new SeededRandom(1), nothing)).toBe(-1);
  });

  it('keeps only the top k tokens and renormalises', () => {
    const logits = [3, 2.9, 2.8, 0, 0, 0, 0, 0];
    const observed = frequencies(logits, { ...plain, topK: 2 }, 20_000);
    expect(observed.slice(2).every((value) => value === 0)).toBe(true);
    const expected = softmax([3, 2.9]);
    expect(Math.abs(observed[0]! - expected[0]!)).toBeLessThan(0.015);
  });

  it('keeps the smallest nucleus reaching top-p', () => {
    // softmax ≈ [0.665, 0.245, 0.090]: p = 0.8 keeps the first two tokens only.
    const observed = frequencies([2, 1, 0], { ...plain, topP: 0.8 }, 20_000);
    expect(observed[2]).toBe(0);
    expect(Math.abs(observed[0]! - 0.665 / 0.91)).toBeLessThan(0.015);
  });

  it('ranks large candidate sets (top-k above the partial-sort limit)', () => {
    const logits = Array.from({ length: 300 }, (_, token) => (token % 7) - token / 100);
    const observed = frequencies(logits, { ...plain, topK: 100 }, 20_000);
    const kept = [...logits.keys()].sort((a, b) => logits[b]! - logits[a]! || a - b).slice(0, 100);
    const allowed = new Set(kept);
    observed.forEach((value, token) => {
      if (!allowed.has(token)) expect(value).toBe(0);
    });
  });

  it('keeps exactly the k best tokens, ties going to the lower id, with negative, tied and masked logits', () => {
    // Integer logits in [-6, 6) tie often; a high temperature makes every kept token likely enough to be seen.
    const vocabulary = 97;
    const shape = new SeededRandom(5);
    for (const k of [1, 3, 17, 60, 96]) {
      const logits = Array.from({ length: vocabulary }, () => Math.floor(shape.nextFloat() * 12) - 6);
      const allowed = Uint8Array.from(logits, (_, token) => (token % 11 === 0 ? 0 : 1));
      const candidates = [...logits.keys()].filter((token) => allowed[token] === 1);
      const best = new Set(candidates.sort((a, b) => logits[b]! - logits[a]! || a - b).slice(0, k));
      const observed = frequencies(logits, { temperature: 1e6, topK: k, topP: 1 }, 200 * k, allowed);
      expect(new Set([...observed.keys()].filter((token) => observed[token]! > 0))).toEqual(best);
    }
  });

  it('weighs tokens by exp to 1e-10 relative, over the whole 30 nats a token may fall below the best', () => {
    let worst = 0;
    for (let nats = 0; nats <= 30; nats += 0.000_61) {
      const relative = Math.abs(weightBelowBest(nats * DROP_PER_NAT) / Math.exp(-nats) - 1);
      worst = Math.max(worst, relative);
    }
    expect(worst).toBeLessThan(1e-10);
    expect(weightBelowBest(0)).toBe(1);
  });

  it('draws the tokens every earlier version drew for the same logits and seeds, in every mode', () => {
    // History's "regenerate exactly" replays recipes recorded by earlier app versions: a sampler that drew other tokens
    // for a seed (a faster top-p walking its tokens in another order, say) would silently break it. These were drawn
    // by the sampler as of commit 41d9dc0 and by this one alike; changing them needs a sampler version in the recipe.
    const vocabulary = 97;
    const shape = new SeededRandom(2026);
    const logits = Float32Array.from(
      { length: vocabulary * 4 },
      (_, i) => (shape.nextFloat() - 0.5) * (i < vocabulary * 2 ? 8 : 40),
    );
    const allowed = Uint8Array.from({ length: vocabulary }, (_, token) => (token % 3 === 0 ? 0 : 1));
    const modes: SamplingOptions[] = [
      { temperature: 1, topK: 0, topP: 1 },
      { temperature: 0.7, topK: 0, topP: 0.9 },
      { temperature: 1.3, topK: 12, topP: 1 },
      { temperature: 1, topK: 40, topP: 0.98 },
      { temperature: 0, topK: 0, topP: 1 },
    ];
    const sampler = new Sampler(vocabulary);
    const drawn: number[][] = [];
    for (const mode of modes) {
      for (const masked of [false, true]) {
        const random = new SeededRandom(77, drawn.length);
        drawn.push(
          Array.from({ length: 12 }, (_, i) =>
            sampler.sample(logits, (i % 4) * vocabulary, mode, random, masked ? allowed : undefined),
          ),
        );
      }
    }
    expect(drawn).toEqual([
      [46, 51, 44, 51, 37, 23, 44, 24, 39, 21, 72, 51],
      [2, 19, 83, 49, 37, 19, 8, 71, 80, 23, 8, 91],
      [41, 75, 83, 5, 68, 48, 72, 51, 15, 80, 82, 5],
      [7, 19, 83, 56, 10, 19, 44, 49, 76, 73, 32, 91],
      [81, 30, 44, 5, 76, 5, 82, 51, 46, 19, 44, 91],
      [46, 80, 32, 88, 46, 23, 44, 5, 76, 35, 82, 49],
      [2, 19, 44, 56, 15, 19, 72, 60, 37, 51, 82, 92],
      [7, 80, 83, 92, 68, 23, 44, 5, 76, 34, 44, 5],
      [76, 19, 72, 51, 76, 19, 72, 51, 76, 19, 72, 51],
      [76, 19, 82, 5, 76, 19, 82, 5, 76, 19, 82, 5],
    ]);
  });

  it('gives identical choices for identical seeds', () => {
    const logits = Float32Array.from(Array.from({ length: 64 }, (_, i) => Math.sin(i)));
    const run = () => {
      const sampler = new Sampler(64);
      const random = new SeededRandom(99, 3);
      return Array.from({ length: 50 }, () =>
        sampler.sample(logits, 0, { temperature: 1.2, topK: 20, topP: 0.95 }, random),
      );
    };
    expect(run()).toEqual(run());
  });
});
