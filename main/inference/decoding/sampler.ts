// Picks the next token from logits: temperature, top-k, top-p, and a mask of allowed tokens, all deterministic given the PRNG.
import type { SeededRandom } from './seeded-random.js';

export interface SamplingOptions {
  /** 0 means greedy (argmax); otherwise logits are divided by it before the softmax. */
  temperature: number;
  /** Keep only the k most likely tokens (0 = no limit). */
  topK: number;
  /** Keep the smallest set of tokens whose probability adds up to p (1 = no limit). */
  topP: number;
}

// Weights are exp((logit - max) / temperature), computed as 2^(-drop / 32) with drop = (max - logit) · 32·log2(e) /
// temperature: a table of 2^(-j/32), a power of two and a degree-4 polynomial, in float64 arithmetic only, so the
// weights (and so the tokens a seed draws) are the same on every machine and every JavaScript engine; relative error
// below 1e-10. Math.exp costs 10–20 ns once its argument leaves ±0.35 (it reduces the range on every call), which made
// sampling from a 512-token vocabulary 10.6 µs a row; with this, 3.9 µs (2.7 µs unmasked, see samplePlain).
const STEPS_PER_OCTAVE = 32;
const LN2_PER_STEP = Math.LN2 / STEPS_PER_OCTAVE;
/** Tokens more than 30 temperature-scaled nats below the best have probability < 1e-13: they are dropped. */
const DROPPED_NATS = 30;
/** A drop is counted in 32nds of an octave: nats × 32·log2(e). */
export const DROP_PER_NAT = Math.LOG2E * STEPS_PER_OCTAVE;
const MAX_DROP = DROPPED_NATS * DROP_PER_NAT;
/** 2^-n for the whole octaves a kept weight can span (exact: powers of two). */
const OCTAVES = Float64Array.from({ length: Math.ceil(MAX_DROP / STEPS_PER_OCTAVE) + 1 }, (_, n) => 2 ** -n);
/** 2^(-j/32), from the Taylor series of exp to 18 terms (exact to the last bit or one below it, machine-independent). */
const STEPS = Float64Array.from({ length: STEPS_PER_OCTAVE }, (_, j) => {
  const x = -j * LN2_PER_STEP;
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= 18; k += 1) {
    term *= x / k;
    sum += term;
  }
  return sum;
});

/** 2^(-drop/32), i.e. exp(-nats) for drop = nats · DROP_PER_NAT, 0 ≤ drop ≤ MAX_DROP. */
export function weightBelowBest(drop: number): number {
  const steps = drop | 0;
  const r = (steps - drop) * LN2_PER_STEP; // (-ln2/32, 0]: e^r by its Taylor polynomial to r^4
  return OCTAVES[steps >> 5]! * STEPS[steps & 31]! * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24)))));
}

// Ranking keys: a float32 logit's bits, turned so that they grow as the logit falls, times 2^21, plus the token id.
// Below 2^53, so exact in a float64: ascending keys are highest logit first, ties by lowest token id.
const RANK_TOKEN_SPAN = 2 ** 21;
const logitBits = new Float32Array(1);
const logitBitsAsInteger = new Uint32Array(logitBits.buffer);

function rankKey(logit: number, token: number): number {
  logitBits[0] = logit;
  const bits = logitBitsAsInteger[0]!;
  // IEEE order as an unsigned integer (negatives flipped, positives offset), then reversed: highest logit, lowest key.
  const ascending = bits >= 0x80000000 ? 0xffffffff - bits : bits + 0x80000000;
  return (0xffffffff - ascending) * RANK_TOKEN_SPAN + token;
}

/** Reusable scratch space, so sampling allocates nothing per step. */
export class Sampler {
  private readonly order: Int32Array;
  private readonly probabilities: Float64Array;
  private readonly keys: Float64Array;

  constructor(readonly vocabSize: number) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1 || vocabSize > RANK_TOKEN_SPAN) {
      throw new RangeError(`vocabulary size must be an integer in [1, ${RANK_TOKEN_SPAN}]`);
    }
    this.order = new Int32Array(vocabSize);
    this.probabilities = new Float64Array(vocabSize);
    this.keys = new Float64Array(vocabSize);
  }

  /**
   * Samples from `logits[offset .. offset + vocabSize)`. `allowed`, when given, is a 0/1 mask: masked tokens are
   * never chosen, nor are non-finite logits. Returns -1 when no token is allowed.
   */
  sample(
    logits: Float32Array,
    offset: number,
    options: SamplingOptions,
    random: SeededRandom,
    allowed?: Uint8Array,
  ): number {
    const max = this.highest(logits, offset, allowed);
    if (max === -Infinity) return -1;
    if (options.temperature <= 0) return this.argmax(logits, offset, max, allowed);
    const scale = DROP_PER_NAT / options.temperature;
    if (options.topK <= 0 && options.topP >= 1) return this.samplePlain(logits, offset, max, scale, random, allowed);

    let live = 0;
    for (let token = 0; token < this.vocabSize; token += 1) {
      if (allowed && allowed[token] === 0) continue;
      const drop = (max - logits[offset + token]!) * scale;
      if (drop >= 0 && drop <= MAX_DROP) this.order[live++] = token;
    }
    const kept = options.topK > 0 ? Math.min(options.topK, live) : live;
    // Only top-k (fewer than all) and top-p need the candidates ranked.
    if (kept < live || options.topP < 1) this.rankHighest(logits, offset, live, kept);

    let total = 0;
    for (let i = 0; i < kept; i += 1) {
      const p = weightBelowBest((max - logits[offset + this.order[i]!]!) * scale);
      this.probabilities[i] = p;
      total += p;
    }
    let nucleus = kept;
    if (options.topP < 1) {
      let cumulative = 0;
      for (let i = 0; i < kept; i += 1) {
        cumulative += this.probabilities[i]!;
        if (cumulative >= options.topP * total) {
          nucleus = i + 1;
          break;
        }
      }
      total = cumulative;
    }
    let threshold = random.nextFloat() * total;
    for (let i = 0; i < nucleus; i += 1) {
      threshold -= this.probabilities[i]!;
      if (threshold < 0) return this.order[i]!;
    }
    return this.order[nucleus - 1]!;
  }

  /** The highest allowed finite logit, or -Infinity when there is none. */
  private highest(logits: Float32Array, offset: number, allowed?: Uint8Array): number {
    let max = -Infinity;
    // NaN fails the comparison; +Infinity is not finite and is never chosen. Unmasked, a loop without the mask test.
    if (!allowed) {
      const end = offset + this.vocabSize;
      for (let index = offset; index < end; index += 1) {
        const logit = logits[index]!;
        if (logit > max && logit !== Infinity) max = logit;
      }
      return max;
    }
    for (let token = 0; token < this.vocabSize; token += 1) {
      const logit = logits[offset + token]!;
      if (logit > max && logit !== Infinity && allowed[token] !== 0) max = logit;
    }
    return max;
  }

  /**
   * Plain sampling (no top-k, no top-p): one pass weighs every token in token order (0 for masked, non-finite and
   * dropped ones), one walks the weights. The same weights in the same order as the general path, so a seed draws the
   * same token either way (adding and subtracting zeros changes nothing); no candidate list, no branch per token
   * beyond the weight's. The unmasked pass is its own loop: without the mask test it runs about a quarter faster
   * (3.5 → 2.7 µs a row on the int8 multi-query reference's logits); only constrained tasks pass a mask.
   */
  private samplePlain(
    logits: Float32Array,
    offset: number,
    max: number,
    scale: number,
    random: SeededRandom,
    allowed?: Uint8Array,
  ): number {
    const probabilities = this.probabilities;
    const vocabSize = this.vocabSize;
    let total = 0;
    let last = 0;
    if (allowed) {
      for (let token = 0; token < vocabSize; token += 1) {
        // NaN and ±Infinity logits give NaN or an infinite drop, which fails the range test.
        const drop = (max - logits[offset + token]!) * scale;
        let p = 0;
        if (drop >= 0 && drop <= MAX_DROP && allowed[token] !== 0) {
          p = weightBelowBest(drop);
          last = token;
        }
        probabilities[token] = p;
        total += p;
      }
    } else {
      for (let token = 0; token < vocabSize; token += 1) {
        const drop = (max - logits[offset + token]!) * scale;
        let p = 0;
        if (drop >= 0 && drop <= MAX_DROP) {
          p = weightBelowBest(drop);
          last = token;
        }
        probabilities[token] = p;
        total += p;
      }
    }
    let threshold = random.nextFloat() * total;
    for (let token = 0; token < last; token += 1) {
      threshold -= probabilities[token]!;
      if (threshold < 0) return token;
    }
    return last;
  }

  /**
   * Moves the `kept` highest-logit tokens of order[0 .. live) to the front, sorted highest first (ties by token id).
   * Each candidate becomes one number that sorts in that order (see `rankKey`), so a quickselect puts the k highest
   * first in O(live) and the engine's native numeric sort orders them, with no comparator called per comparison.
   */
  private rankHighest(logits: Float32Array, offset: number, live: number, kept: number): void {
    const order = this.order;
    const keys = this.keys.subarray(0, live);
    for (let i = 0; i < live; i += 1) keys[i] = rankKey(logits[offset + order[i]!]!, order[i]!);
    let low = 0;
    let high = live - 1;
    while (kept < live && low < high) {
      // Hoare partition around the median of the first, middle and last keys.
      const a = keys[low]!;
      const b = keys[(low + high) >> 1]!;
      const c = keys[high]!;
      const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
      let i = low;
      let j = high;
      while (i <= j) {
        while (keys[i]! < pivot) i += 1;
        while (pivot < keys[j]!) j -= 1;
        if (i <= j) {
          const swap = keys[i]!;
          keys[i] = keys[j]!;
          keys[j] = swap;
          i += 1;
          j -= 1;
        }
      }
      // keys[low .. j] are at most the pivot, keys[i .. high] at least; the k-th lies in one of them or between.
      if (kept - 1 <= j) high = j;
      else if (kept - 1 >= i) low = i;
      else break;
    }
    const ranked = keys.subarray(0, kept).sort();
    for (let i = 0; i < kept; i += 1) {
      const key = ranked[i]!;
      order[i] = key - Math.floor(key / RANK_TOKEN_SPAN) * RANK_TOKEN_SPAN; // exact: a power-of-two span
    }
  }

  /** The first allowed token holding the highest logit (ties go to the lowest id, as in ranking). */
  private argmax(logits: Float32Array, offset: number, max: number, allowed?: Uint8Array): number {
    for (let token = 0; token < this.vocabSize; token += 1) {
      if (logits[offset + token] === max && (!allowed || allowed[token] !== 0)) return token;
    }
    return -1;
  }
}
