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
// weighing a 512-token vocabulary 10 µs a row; this is 2–3 µs.
const STEPS_PER_OCTAVE = 32;
const LN2_PER_STEP = Math.LN2 / STEPS_PER_OCTAVE;
/** Tokens more than 30 temperature-scaled nats below the best have probability < 1e-13: they are dropped. */
const DROPPED_NATS = 30;
/** A drop is counted in 32nds of an octave: nats × 32·log2(e). */
export const DROP_PER_NAT = Math.LOG2E * STEPS_PER_OCTAVE;
const MAX_DROP = DROPPED_NATS * DROP_PER_NAT;
/** Top-k and top-p cut the candidates by rank; ranks are bucketed by whole drop steps (weights within 2^(1/32)). */
const BUCKETS = Math.floor(MAX_DROP) + 1;
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

/** The token id of a rank key (exact: the span is a power of two). */
function tokenOfKey(key: number): number {
  return key - Math.floor(key / RANK_TOKEN_SPAN) * RANK_TOKEN_SPAN;
}

/** Up to this many candidates, top-k and top-p rank by sorting; beyond, by drop bucket. */
const RANK_BY_SORTING = 96;

/** Reusable scratch space, so sampling allocates nothing per step. */
export class Sampler {
  private readonly probabilities: Float64Array;
  private readonly keys: Float64Array;
  /** The tokens top-k/top-p may keep, in token order. */
  private readonly liveTokens: Int32Array;
  /** How many of liveTokens the last weighing left (-1 after plain sampling, which weighs every token). */
  private candidates = -1;
  /** Each token's drop bucket (whole 32nds of an octave below the best), -1 when it is out. */
  private readonly tokenBucket: Int32Array;
  private readonly bucketWeight = new Float64Array(BUCKETS);
  private readonly bucketCount = new Int32Array(BUCKETS);

  constructor(readonly vocabSize: number) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1 || vocabSize > RANK_TOKEN_SPAN) {
      throw new RangeError(`vocabulary size must be an integer in [1, ${RANK_TOKEN_SPAN}]`);
    }
    this.probabilities = new Float64Array(vocabSize);
    this.keys = new Float64Array(vocabSize);
    this.liveTokens = new Int32Array(vocabSize);
    this.tokenBucket = new Int32Array(vocabSize);
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
    return this.draw(random, this.weigh(logits, offset, max, options, allowed));
  }

  /**
   * The weights `sample` draws from, by token (not normalized; 0 for every token it cannot choose), or null when no
   * token is allowed. Greedy sampling (temperature 0) puts all the weight on its token. The array is this sampler's
   * scratch space: read it before the next call.
   */
  distribution(
    logits: Float32Array,
    offset: number,
    options: SamplingOptions,
    allowed?: Uint8Array,
  ): Float64Array | null {
    const max = this.highest(logits, offset, allowed);
    if (max === -Infinity) return null;
    if (options.temperature <= 0) {
      this.probabilities.fill(0);
      this.probabilities[this.argmax(logits, offset, max, allowed)] = 1;
    } else {
      this.weigh(logits, offset, max, options, allowed);
    }
    return this.probabilities;
  }

  /** Fills the weights; returns their sum, taken in token order. */
  private weigh(
    logits: Float32Array,
    offset: number,
    max: number,
    options: SamplingOptions,
    allowed?: Uint8Array,
  ): number {
    const scale = DROP_PER_NAT / options.temperature;
    if (options.topK <= 0 && options.topP >= 1) {
      this.candidates = -1;
      return this.weighAll(logits, offset, max, scale, allowed);
    }
    this.candidates = this.weighBest(logits, offset, max, scale, options, allowed);
    let total = 0;
    for (let i = 0; i < this.candidates; i += 1) total += this.probabilities[this.liveTokens[i]!]!;
    return total;
  }

  /**
   * Draws a token from the weights in token order, given their sum in token order (zeros included or not): the running sum of the weights
   * before it is below u · total, the sum through it is not. Zero weights are skipped (subtracting 0 changes nothing,
   * so every path that leaves the same weights draws the same token for a seed). Returns the last weighted token if
   * rounding runs past the end.
   */
  private draw(random: SeededRandom, total: number): number {
    const { probabilities: weights, liveTokens, candidates } = this;
    let threshold = random.nextFloat() * total;
    let last = -1;
    // After top-k/top-p only the live tokens (in token order) can carry weight; otherwise every token is visited.
    const count = candidates < 0 ? this.vocabSize : candidates;
    for (let i = 0; i < count; i += 1) {
      const token = candidates < 0 ? i : liveTokens[i]!;
      const weight = weights[token]!;
      if (weight === 0) continue;
      last = token;
      threshold -= weight;
      if (threshold < 0) return token;
    }
    return last;
  }

  /** The highest allowed finite logit, or -Infinity when there is none. */
  private highest(logits: Float32Array, offset: number, allowed?: Uint8Array): number {
    let max = -Infinity;
    for (let token = 0; token < this.vocabSize; token += 1) {
      const logit = logits[offset + token]!;
      // NaN fails the comparison; +Infinity is not finite and is never chosen.
      if (logit > max && logit !== Infinity && (!allowed || allowed[token] !== 0)) max = logit;
    }
    return max;
  }

  /** Plain sampling (no top-k, no top-p): one pass weighs every token (0 for masked, non-finite and dropped ones). */
  private weighAll(logits: Float32Array, offset: number, max: number, scale: number, allowed?: Uint8Array): number {
    const weights = this.probabilities;
    let total = 0;
    for (let token = 0; token < this.vocabSize; token += 1) {
      // NaN and ±Infinity logits give NaN or an infinite drop, which fails the range test.
      const drop = (max - logits[offset + token]!) * scale;
      const weight = drop >= 0 && drop <= MAX_DROP && (!allowed || allowed[token] !== 0) ? weightBelowBest(drop) : 0;
      weights[token] = weight;
      total += weight;
    }
    return total;
  }

  /**
   * Top-k and/or top-p. The candidates are the best tokens in rank order (highest logit first, ties by lowest token
   * id): the k best, then of those the shortest prefix whose weight reaches p of theirs. The kept tokens are drawn from
   * in token order, like plain sampling's. A few candidates (a constrained step: the music pipelines allow 10–40) are
   * ranked by sorting them; many, by bucket (see `cutByBuckets`).
   */
  private weighBest(
    logits: Float32Array,
    offset: number,
    max: number,
    scale: number,
    options: SamplingOptions,
    allowed?: Uint8Array,
  ): number {
    const { probabilities: weights, liveTokens } = this;
    let live = 0;
    for (let token = 0; token < this.vocabSize; token += 1) {
      const drop = (max - logits[offset + token]!) * scale;
      if (drop >= 0 && drop <= MAX_DROP && (!allowed || allowed[token] !== 0)) {
        weights[token] = weightBelowBest(drop);
        liveTokens[live++] = token;
      } else {
        weights[token] = 0;
      }
    }
    if (live <= RANK_BY_SORTING) this.cutBySorting(logits, offset, live, options);
    else this.cutByBuckets(logits, offset, max, scale, live, options);
    return live;
  }

  /** Ranks the live tokens by sorting their keys, then zeroes the weights of those past the k and p cuts. */
  private cutBySorting(logits: Float32Array, offset: number, live: number, options: SamplingOptions): void {
    const { probabilities: weights, liveTokens, keys } = this;
    for (let i = 0; i < live; i += 1) keys[i] = rankKey(logits[offset + liveTokens[i]!]!, liveTokens[i]!);
    // keys[i] becomes the i-th best token's key; liveTokens stays in token order for the draw.
    const ranked = keys.subarray(0, live).sort();
    let kept = options.topK > 0 ? Math.min(options.topK, live) : live;
    if (options.topP < 1) {
      let total = 0;
      for (let i = 0; i < kept; i += 1) total += weights[tokenOfKey(ranked[i]!)]!;
      const target = options.topP * total;
      let cumulative = 0;
      let nucleus = kept;
      for (let i = 0; i < kept; i += 1) {
        cumulative += weights[tokenOfKey(ranked[i]!)]!;
        if (cumulative >= target) {
          nucleus = i + 1;
          break;
        }
      }
      kept = nucleus;
    }
    for (let i = kept; i < live; i += 1) weights[tokenOfKey(ranked[i]!)] = 0;
  }

  /**
   * Ranks by bucket: every live token's weight goes into the bucket of its whole drop steps (rank order between
   * buckets is bucket order), so a cut walks the buckets and sorts only the one bucket it falls in.
   */
  private cutByBuckets(
    logits: Float32Array,
    offset: number,
    max: number,
    scale: number,
    live: number,
    options: SamplingOptions,
  ): void {
    const { probabilities: weights, liveTokens, tokenBucket, bucketWeight, bucketCount } = this;
    bucketWeight.fill(0);
    bucketCount.fill(0);
    tokenBucket.fill(-1);
    for (let i = 0; i < live; i += 1) {
      const token = liveTokens[i]!;
      const bucket = ((max - logits[offset + token]!) * scale) | 0;
      tokenBucket[token] = bucket;
      bucketWeight[bucket] += weights[token]!;
      bucketCount[bucket] += 1;
    }
    if (options.topK > 0 && options.topK < live) {
      let bucket = 0;
      let before = 0;
      while (before + bucketCount[bucket]! < options.topK) before += bucketCount[bucket++]!;
      this.keepBest(logits, offset, bucket, (rank) => rank < options.topK - before);
    }
    if (options.topP < 1) {
      let kept = 0;
      for (let bucket = 0; bucket < BUCKETS; bucket += 1) kept += bucketWeight[bucket]!;
      const target = options.topP * kept;
      let bucket = 0;
      let before = 0;
      while (bucket < BUCKETS - 1 && before + bucketWeight[bucket]! < target) before += bucketWeight[bucket++]!;
      let cumulative = before;
      // The token that reaches the target is kept; so is the best one when p is 0.
      this.keepBest(logits, offset, bucket, (rank, weight) => {
        const reached = rank > 0 && cumulative >= target;
        cumulative += weight;
        return !reached;
      });
    }
  }

  /**
   * Keeps every token of the buckets before `cut`, none after it, and of the cut bucket's tokens, walked in rank
   * order, those `keep(rank, weight)` accepts until it first refuses (zeroing the rest's weights and bucket entries).
   */
  private keepBest(
    logits: Float32Array,
    offset: number,
    cut: number,
    keep: (rank: number, weight: number) => boolean,
  ): void {
    const { probabilities: weights, tokenBucket, bucketWeight, bucketCount, keys } = this;
    let members = 0;
    for (let token = 0; token < this.vocabSize; token += 1) {
      const bucket = tokenBucket[token]!;
      if (bucket === cut) keys[members++] = rankKey(logits[offset + token]!, token);
      else if (bucket > cut) {
        weights[token] = 0;
        tokenBucket[token] = -1;
      }
    }
    bucketWeight.fill(0, cut + 1);
    bucketCount.fill(0, cut + 1);
    const ranked = keys.subarray(0, members).sort();
    let kept = 0;
    let keptWeight = 0;
    for (let rank = 0; rank < members; rank += 1) {
      const key = ranked[rank]!;
      const token = tokenOfKey(key);
      if (kept === rank && keep(rank, weights[token]!)) {
        kept += 1;
        keptWeight += weights[token]!;
      } else {
        weights[token] = 0;
        tokenBucket[token] = -1;
      }
    }
    bucketWeight[cut] = keptWeight;
    bucketCount[cut] = kept;
  }

  /** The first allowed token holding the highest logit (ties go to the lowest id, as in ranking). */
  private argmax(logits: Float32Array, offset: number, max: number, allowed?: Uint8Array): number {
    for (let token = 0; token < this.vocabSize; token += 1) {
      if (logits[offset + token] === max && (!allowed || allowed[token] !== 0)) return token;
    }
    return -1;
  }
}
