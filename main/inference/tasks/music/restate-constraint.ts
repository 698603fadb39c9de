// A form for single-line clips: the bars of a repeated section restate the bars of its first occurrence, copied note
// for note or (a varied restatement) their first half and then anew, as the arrange pipeline does for its melody.
import type { TokenConstraint } from '../../decoding/token-constraint.js';
import type { RemiVocabulary } from './remi-vocabulary.js';
import { sameOnsetsAndPitches } from './token-families.js';

/** Which generated bars restate which (restatedBars) and which of those are copied whole (copiedBarsOf). */
export interface RestatePlan {
  /** Per generated bar: the earlier generated bar it restates, or undefined. */
  restates: readonly (number | undefined)[];
  /** Restated bars copied note for note; the others restate their source's first half. */
  copied: ReadonlySet<number>;
}

/**
 * Wraps a row's constraint (outermost, so that a restated token must also pass the key lock and the grammar): when a
 * restated bar opens, the source bar's tokens are forced one by one — all of them and the Bar that closes the bar for a
 * copy, those before the bar's half-way Position for a varied restatement, which then goes on from the bar's half —
 * and the row samples freely after. A token the inner constraint forbids ends the restatement there (a primer's note
 * outside a locked key, a grammar limit).
 */
export class RestateConstraint implements TokenConstraint {
  private readonly barToken: number;
  private readonly halfBarPositions: Set<number>;
  /** Positions in a bar's first half: after a varied restatement's motif, the bar goes on from its half. */
  private readonly firstHalfPositions = new Set<number>();
  /** Pitch tokens, and whether the bar's last Position lies in its first half (a chord note there is refused too). */
  private readonly pitches: [number, number];
  private inFirstHalf = false;
  /**
   * A varied restatement's source bar, while the bar being written is one: after its motif the bar goes on from its
   * half, and may not close as the source's copy (onsets and pitches) while it can go on.
   */
  private motifSource: readonly number[] | undefined;
  private readonly positions: [number, number];
  /** Tokens of each generated bar so far (without their Bar token). */
  private readonly bars: number[][];
  private script: number[] = [];
  private scriptAt = 0;

  /**
   * `history`: the row's generated bars before this window, each opened by its Bar token; `firstBar`: the generated
   * bar (0-based) the window's prompt has just opened with its final Bar token.
   */
  constructor(
    private readonly inner: TokenConstraint,
    private readonly plan: RestatePlan,
    vocabulary: RemiVocabulary,
    history: readonly number[],
    firstBar: number,
  ) {
    this.barToken = vocabulary.id('bar');
    const [first, end] = vocabulary.span('position');
    const half = vocabulary.spec.stepsPerBar / 2;
    this.halfBarPositions = new Set();
    for (let token = first; token < end; token += 1)
      if (Number(vocabulary.value(token)) >= half) this.halfBarPositions.add(token);
      else this.firstHalfPositions.add(token);
    this.pitches = vocabulary.span('pitch');
    this.positions = [first, end];
    this.bars = splitBars(history, this.barToken);
    // Bars the history does not hold (a window opened past them) are unknown: never a source.
    while (this.bars.length < firstBar) this.bars.push([]);
    this.openBar(firstBar);
  }

  writeAllowed(mask: Uint8Array): boolean {
    const wrote = this.inner.writeAllowed(mask);
    const next = this.script[this.scriptAt];
    if (next === undefined) return this.continueFromHalf(mask, wrote);
    if (wrote && !mask[next]) {
      this.script = [];
      return true;
    }
    mask.fill(0);
    mask[next] = 1;
    return true;
  }

  /**
   * After a motif, no new note in the bar's first half, nor a chord note there, nor a Bar that would close the bar as
   * its source's copy (unless nothing else is allowed).
   */
  private continueFromHalf(mask: Uint8Array, wrote: boolean): boolean {
    if (!this.motifSource) return wrote;
    if (!wrote) mask.fill(1);
    const kept: number[] = [];
    for (const token of this.firstHalfPositions) if (mask[token]) kept.push(token);
    if (this.inFirstHalf)
      for (let token = this.pitches[0]; token < this.pitches[1]; token += 1) if (mask[token]) kept.push(token);
    // A varied restatement differs from its source: it may not close as its copy while it can still go on.
    if (mask[this.barToken] && sameOnsetsAndPitches(this.bars.at(-1)!, this.motifSource, this.positions, this.pitches))
      kept.push(this.barToken);
    for (const token of kept) mask[token] = 0;
    if (!mask.includes(1)) for (const token of kept) mask[token] = 1;
    return true;
  }

  adjustLogits(logits: Float32Array): void {
    this.inner.adjustLogits?.(logits);
  }

  accept(token: number): void {
    this.inner.accept(token);
    if (this.script[this.scriptAt] === token) this.scriptAt += 1;
    else this.script = [];
    if (this.scriptAt >= this.script.length) this.script = [];
    if (token === this.barToken) this.openBar(this.bars.length);
    else this.bars.at(-1)!.push(token);
    if (this.firstHalfPositions.has(token)) this.inFirstHalf = true;
    else if (this.halfBarPositions.has(token)) this.inFirstHalf = false;
  }

  isComplete(): boolean {
    return this.inner.isComplete();
  }

  /** Starts generated bar `bar` (the Bar token opening it was just given) and its restatement, if it has one. */
  private openBar(bar: number): void {
    this.bars[bar] = [];
    this.bars.length = bar + 1;
    this.script = [];
    this.scriptAt = 0;
    this.inFirstHalf = false;
    this.motifSource = undefined;
    const source = this.plan.restates[bar];
    const tokens = source === undefined ? undefined : this.bars[source];
    if (!tokens || tokens.length === 0) return;
    if (this.plan.copied.has(bar)) this.script = [...tokens, this.barToken];
    else {
      const half = tokens.findIndex((token) => this.halfBarPositions.has(token));
      this.script = tokens.slice(0, half < 0 ? tokens.length : half);
      this.motifSource = tokens;
    }
  }
}

/** Generated bars as token lists, each without the Bar token that opens it. */
function splitBars(history: readonly number[], barToken: number): number[][] {
  const bars: number[][] = [];
  for (const token of history) {
    if (token === barToken) bars.push([]);
    else bars.at(-1)?.push(token);
  }
  return bars;
}
