// Generates whole bars past the model's context: a batched first window, then per-row windows that re-prefill the
// header and the most recent bars (a sliding window), until every variation has its bars.
import type { SamplingOptions } from '../../decoding/sampler.js';
import type { TokenConstraint } from '../../decoding/token-constraint.js';
import type { TaskContext } from '../task-pipeline.js';

export interface BarWindowRequest {
  /** BOS and the conditioning tokens, repeated at the start of every window. */
  header: readonly number[];
  /** The primer's bars (each starting with the Bar token); may be empty. */
  primer: readonly number[];
  bars: number;
  /** Tokens a bar is expected to take: a window's cache is sized for its bars (a bar over budget gets a new window). */
  tokensPerBar: number;
  variations: number;
  sampling: SamplingOptions;
  seed: number;
  /**
   * The constraint of one row's window: `bars` to generate, the first of them at absolute bar `firstBar` (primer bars
   * counted); `history` holds the row's bars generated before this window, each opened by its Bar token.
   */
  constraint: (
    bars: number,
    firstBar: number,
    prompt: readonly number[],
    history: readonly number[],
  ) => TokenConstraint;
}

export interface BarWindowResult {
  /** Per variation: the generated bars, each starting with the Bar token. */
  rows: number[][];
  windows: number;
  /** Tokens sampled in all windows (including bars cut short at a window's end). */
  sampledTokens: number;
  cancelled: boolean;
}

export class BarWindowDecoder {
  constructor(
    private readonly context: TaskContext,
    private readonly barToken: number,
  ) {}

  async decode(request: BarWindowRequest): Promise<BarWindowResult> {
    const primerBars = request.primer.filter((token) => token === this.barToken).length;
    const rows: number[][] = Array.from({ length: request.variations }, () => []);
    const done = new Array<number>(request.variations).fill(0);
    let windows = 0;
    let sampledTokens = 0;
    let cancelled = false;

    // The first window is shared by every variation, so it is decoded as one batch.
    let pending = [...rows.keys()];
    while (pending.length > 0 && !cancelled) {
      const groups = windows === 0 ? [pending] : pending.map((row) => [row]);
      for (const group of groups) {
        const first = group[0]!;
        const prompt = this.prompt(request, [...request.primer, ...rows[first]!]);
        const firstBar = primerBars + done[first]!;
        const remaining = request.bars - done[first]!;
        const result = await this.context.generate({
          prompt,
          batch: group.length,
          // The cache is sized to what the bars should need (each step's cost grows with it), never past the context.
          maxNewTokens: Math.min(
            this.context.maxPositions - prompt.length,
            Math.ceil(remaining * request.tokensPerBar * 1.4) + 16,
          ),
          sampling: request.sampling,
          // Later windows decode one row at a time: give each (row, window) its own stream.
          seed: windows === 0 ? request.seed : mix(request.seed, first, windows),
          constraint: (batchRow, windowPrompt) =>
            request.constraint(remaining, firstBar, windowPrompt, rows[group[batchRow]!]!),
        });
        windows += 1;
        group.forEach((row, index) => {
          const output = result.rows[index]!;
          sampledTokens += output.length;
          const { tokens, bars } = this.completeBars(output, result.finish[index] === 'constraint');
          rows[row]!.push(...tokens);
          done[row]! += bars;
          if (result.finish[index] === 'cancelled') cancelled = true;
        });
        const finished = done.reduce((sum, bars) => sum + bars, 0);
        this.context.reportProgress({
          fraction: finished / (request.bars * request.variations),
          message: `${finished} bars`,
        });
        if (cancelled || this.context.isCancelled()) {
          cancelled = true;
          break;
        }
      }
      pending = pending.filter((row) => done[row]! < request.bars);
    }
    return { rows, windows, sampledTokens, cancelled };
  }

  /** Header + as many recent whole bars as fit in half the context + the Bar token that opens the next bar. */
  private prompt(request: BarWindowRequest, history: readonly number[]): number[] {
    const budget = Math.floor(this.context.maxPositions / 2) - request.header.length - 1;
    let start = history.length;
    for (let index = history.length - 1; index >= 0; index -= 1) {
      if (history.length - index > budget) break;
      if (history[index] === this.barToken) start = index;
    }
    return [...request.header, ...history.slice(start), this.barToken];
  }

  /**
   * The bars a window finished: the prompt's Bar opens the first, each Bar chosen closes one. A window that ended on
   * its constraint chose one Bar too many (the one after the last bar), which is dropped; a window that ran out of
   * positions drops the bar it was in, unless that was its only one (a bar never fits nowhere, so keep it).
   */
  private completeBars(output: readonly number[], complete: boolean): { tokens: number[]; bars: number } {
    const lastBar = output.lastIndexOf(this.barToken);
    const barCount = output.filter((token) => token === this.barToken).length;
    if (complete) return { tokens: [this.barToken, ...output.slice(0, lastBar)], bars: barCount };
    if (barCount === 0) return { tokens: [this.barToken, ...output], bars: 1 };
    return { tokens: [this.barToken, ...output.slice(0, lastBar)], bars: barCount };
  }
}

/** A 32-bit seed for (seed, row, window). */
export function mix(seed: number, row: number, window: number): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (const value of [row + 1, window + 1]) {
    hash = Math.imul(hash ^ value, 0x85ebca6b) >>> 0;
    hash = (hash ^ (hash >>> 13)) >>> 0;
  }
  return hash;
}
