// One decoded sequence of an arrangement (the pitched tracks, or the drums): its windows of bars and each window's
// prompt `header Bar {Track_t (Fill_k | events)} ... Sep`, with the cells it numbers in context order.
import type { ArrangeTrack } from '../../../../../contract/arrange.js';
import { cellKey } from './arrange-grammar-constraint.js';
import type { ArrangeVocabulary } from './arrange-vocabulary.js';

/** A run of bars [fromBar, toBar) whose fill cells one decode writes. */
export interface SequenceWindow {
  fromBar: number;
  toBar: number;
}

export interface SequenceCell {
  track: ArrangeTrack;
  bar: number;
}

export interface SequencePrompt {
  prompt: number[];
  /** The window's fill cells, numbered k = 0, 1, ... in this order (bar-major, track order). */
  cells: SequenceCell[];
  /** The bars the prompt shows. */
  fromBar: number;
  toBar: number;
}

/** Share of the model's positions a window's own bars and fills may take; the rest shows the bars around it. */
const windowShare = 0.6;
/** Room left over the expected fills (tokens per fill cell vary widely from bar to bar). */
const fillMargin = 1.4;

export class ArrangeSequence {
  constructor(
    private readonly vocabulary: ArrangeVocabulary,
    /** BOS and conditions, ahead of every window. */
    readonly header: readonly number[],
    /** The sequence's tracks in header order. */
    readonly tracks: readonly ArrangeTrack[],
    readonly bars: number,
    /** Cells to write, keyed `track:bar` (only this sequence's tracks count). */
    private readonly fill: ReadonlySet<string>,
    /** Tokens a fill cell is expected to take between its Fill and End (a humanized cell: exactly its script). */
    private readonly expectedTokens: (track: ArrangeTrack, bar: number) => number,
    private readonly maxPositions: number,
  ) {}

  /** The fill cells of bars [fromBar, toBar), in sequence order. */
  cells(fromBar: number, toBar: number): SequenceCell[] {
    const cells: SequenceCell[] = [];
    for (let bar = fromBar; bar < toBar; bar += 1)
      for (const track of this.tracks) if (this.fill.has(cellKey(track, bar))) cells.push({ track, bar });
    return cells;
  }

  get cellCount(): number {
    return this.cells(0, this.bars).length;
  }

  /** Tokens the cells of a window may generate: Fill, the expected events with a margin, End; then EOS. */
  newTokenBudget(window: SequenceWindow, promptLength: number): number {
    const expected = this.cells(window.fromBar, window.toBar).reduce(
      (sum, cell) => sum + 2 + this.expectedTokens(cell.track, cell.bar) * fillMargin,
      0,
    );
    return Math.max(1, Math.min(this.maxPositions - promptLength, Math.ceil(expected) + 8));
  }

  /**
   * Consecutive windows covering every bar with fill cells: each grows bar by bar while its context (known cells as
   * they were given, fill cells as one token) and its expected fills stay within `windowShare` of the positions.
   */
  windows(known: ReadonlyMap<string, readonly number[]>): SequenceWindow[] {
    const windows: SequenceWindow[] = [];
    const budget = this.maxPositions * windowShare - this.header.length - 1;
    let bar = 0;
    while (bar < this.bars) {
      if (this.cells(bar, bar + 1).length === 0) {
        bar += 1;
        continue;
      }
      let toBar = bar + 1;
      let cost = this.barCost(bar, known) + this.fillCost(bar);
      while (toBar < this.bars) {
        const more = this.barCost(toBar, known) + this.fillCost(toBar);
        if (cost + more > budget) break;
        cost += more;
        toBar += 1;
      }
      windows.push({ fromBar: bar, toBar });
      bar = toBar;
    }
    return windows;
  }

  /**
   * The window's prompt for one row: its bars with Fill_k in the cells to write, then as many bars before it as fit
   * beside the fills' budget (nearest first), then following bars whose cells are all known; then Sep.
   */
  prompt(window: SequenceWindow, known: ReadonlyMap<string, readonly number[]>): SequencePrompt {
    const cells = this.cells(window.fromBar, window.toBar);
    const limit = this.maxPositions - this.newTokenBudget(window, 0) - this.header.length - 1;
    let length = 0;
    for (let bar = window.fromBar; bar < window.toBar; bar += 1) length += this.barCost(bar, known);
    let fromBar = window.fromBar;
    while (fromBar > 0 && length + this.barCost(fromBar - 1, known) <= limit) {
      fromBar -= 1;
      length += this.barCost(fromBar, known);
    }
    let toBar = window.toBar;
    while (toBar < this.bars && this.isKnown(toBar, known) && length + this.barCost(toBar, known) <= limit) {
      length += this.barCost(toBar, known);
      toBar += 1;
    }
    const v = this.vocabulary;
    const prompt = [...this.header];
    const numbered = new Map(cells.map((cell, k) => [cellKey(cell.track, cell.bar), k]));
    for (let bar = fromBar; bar < toBar; bar += 1) {
      prompt.push(v.id('bar'));
      for (const track of this.tracks) {
        prompt.push(v.trackToken(track));
        const k = numbered.get(cellKey(track, bar));
        if (k !== undefined) prompt.push(v.fillToken(k));
        else prompt.push(...(known.get(cellKey(track, bar)) ?? []));
      }
    }
    prompt.push(v.special('Sep'));
    return { prompt, cells, fromBar, toBar };
  }

  /** Context tokens of a bar: Bar, and per track its Track token and its events (a cell still to write: one Fill). */
  private barCost(bar: number, known: ReadonlyMap<string, readonly number[]>): number {
    let cost = 1;
    for (const track of this.tracks) {
      const key = cellKey(track, bar);
      cost += 1 + (this.fill.has(key) && !known.has(key) ? 1 : (known.get(key)?.length ?? 0));
    }
    return cost;
  }

  private fillCost(bar: number): number {
    return this.cells(bar, bar + 1).reduce(
      (sum, cell) => sum + 2 + this.expectedTokens(cell.track, cell.bar) * fillMargin,
      0,
    );
  }

  private isKnown(bar: number, known: ReadonlyMap<string, readonly number[]>): boolean {
    return this.tracks.every((track) => known.has(cellKey(track, bar)));
  }
}
