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

/** Reusable scratch space, so sampling allocates nothing per step. */
export class Sampler {
  private readonly order: Int32Array;
  private readonly probabilities: Float64Array;

  constructor(readonly vocabSize: number) {
    this.order = new Int32Array(vocabSize);
    this.probabilities = new Float64Array(vocabSize);
  }

  /**
   * Samples from `logits[offset .. offset + vocabSize)`. `allowed`, when given, is a 0/1 mask: masked tokens are
   * never chosen. Returns -1 when no token is allowed.
   */
  sample(
    logits: Float32Array,
    offset: number,
    options: SamplingOptions,
    random: SeededRandom,
    allowed?: Uint8Array,
  ): number {
    let count = 0;
    let max = -Infinity;
    for (let token = 0; token < this.vocabSize; token += 1) {
      if (allowed && allowed[token] === 0) continue;
      const logit = logits[offset + token]!;
      if (!Number.isFinite(logit)) continue;
      this.order[count++] = token;
      if (logit > max) max = logit;
    }
    if (count === 0) return -1;
    if (options.temperature <= 0 || count === 1) return this.argmax(logits, offset, count);

    // Tokens more than 30 temperature-scaled nats below the best have probability < 1e-13: drop them before sorting.
    const floor = max - 30 * options.temperature;
    if (options.topK <= 0 && options.topP >= 1)
      return this.samplePlain(logits, offset, count, max, floor, options, random);
    let live = 0;
    for (let i = 0; i < count; i += 1) {
      const token = this.order[i]!;
      if (logits[offset + token]! >= floor) this.order[live++] = token;
    }
    const kept = options.topK > 0 ? Math.min(options.topK, live) : live;
    // Plain sampling needs no order: only top-k (fewer than all) and top-p need the candidates ranked.
    if (kept < live || options.topP < 1) this.rankHighest(logits, offset, live, kept);

    let total = 0;
    for (let i = 0; i < kept; i += 1) {
      const p = Math.exp((logits[offset + this.order[i]!]! - max) / options.temperature);
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

  /**
   * Plain sampling (no top-k, no top-p): one pass drops the tokens below `floor` and weighs the rest, in token order.
   * The same arithmetic in the same order as the ranked path, so a seed draws the same token either way; it spares a
   * pass over the vocabulary per row, which batch 8 pays eight times a step.
   */
  private samplePlain(
    logits: Float32Array,
    offset: number,
    count: number,
    max: number,
    floor: number,
    options: SamplingOptions,
    random: SeededRandom,
  ): number {
    const order = this.order;
    const probabilities = this.probabilities;
    let live = 0;
    let total = 0;
    for (let i = 0; i < count; i += 1) {
      const token = order[i]!;
      const logit = logits[offset + token]!;
      if (logit < floor) continue;
      const p = Math.exp((logit - max) / options.temperature);
      order[live] = token;
      probabilities[live] = p;
      live += 1;
      total += p;
    }
    let threshold = random.nextFloat() * total;
    for (let i = 0; i < live; i += 1) {
      threshold -= probabilities[i]!;
      if (threshold < 0) return order[i]!;
    }
    return order[live - 1]!;
  }

  /**
   * Moves the `kept` highest-logit tokens of order[0 .. live) to the front, sorted highest first (ties by token id).
   * For small k a partial insertion sort (close to O(live)); otherwise a full sort.
   */
  private rankHighest(logits: Float32Array, offset: number, live: number, kept: number): void {
    const order = this.order;
    if (kept > 32) {
      order.subarray(0, live).sort((x, y) => logits[offset + y]! - logits[offset + x]! || x - y);
      return;
    }
    const before = (x: number, y: number): boolean => {
      const difference = logits[offset + x]! - logits[offset + y]!;
      return difference > 0 || (difference === 0 && x < y);
    };
    let filled = 0;
    for (let i = 0; i < live; i += 1) {
      const token = order[i]!;
      if (filled === kept && !before(token, order[kept - 1]!)) continue;
      let position = filled < kept ? filled++ : kept - 1;
      while (position > 0 && before(token, order[position - 1]!)) {
        order[position] = order[position - 1]!;
        position -= 1;
      }
      order[position] = token;
    }
  }

  private argmax(logits: Float32Array, offset: number, count: number): number {
    let best = this.order[0]!;
    for (let i = 1; i < count; i += 1) {
      const token = this.order[i]!;
      if (logits[offset + token]! > logits[offset + best]!) best = token;
    }
    return best;
  }
}
