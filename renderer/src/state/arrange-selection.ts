// Cell selection on the Arrange canvas: a rectangle of lanes × bars between an anchor and a cursor cell, made on (and
// belonging to) one variation. Pure functions, shared by the pointer, the keyboard and Infill.
import { arrangeTracks, type ArrangeTrack, type CellSpan } from '../../../contract/index.js';

/** A cell: a lane (0 = Melody … 3 = Drums) and a bar, both from 0. */
export interface CellPoint {
  lane: number;
  bar: number;
}

/*
 * Keyboard model (the canvas has focus):
 *   arrows        move the cursor one bar (left/right) or one lane (up/down); the selection collapses onto it
 *   Shift+arrows  move the cursor, keeping the anchor: the selection grows or shrinks as a rectangle
 *   Home / End    first / last bar of the cursor's lane (with Shift: extend to there)
 *   Mod+A         every cell of the song; Escape clears the selection
 * The pointer: press on a cell sets anchor and cursor there; dragging moves the cursor.
 */
export interface CellSelection {
  /** The variation the selection was made on: it is shown (and infilled) only there. */
  variation: number;
  anchor: CellPoint;
  cursor: CellPoint;
}

export interface CellRect {
  fromLane: number;
  toLane: number;
  fromBar: number;
  toBar: number;
}

export type SelectionMove = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

export function selectionRect(selection: Pick<CellSelection, 'anchor' | 'cursor'>): CellRect {
  const { anchor, cursor } = selection;
  return {
    fromLane: Math.min(anchor.lane, cursor.lane),
    toLane: Math.max(anchor.lane, cursor.lane),
    fromBar: Math.min(anchor.bar, cursor.bar),
    toBar: Math.max(anchor.bar, cursor.bar),
  };
}

function clampPoint(point: CellPoint, bars: number): CellPoint {
  return {
    lane: Math.min(arrangeTracks.length - 1, Math.max(0, point.lane)),
    bar: Math.min(Math.max(0, bars - 1), Math.max(0, point.bar)),
  };
}

/** One cell selected (a press, or an arrow without Shift). */
export function selectCell(variation: number, cell: CellPoint, bars: number): CellSelection {
  const point = clampPoint(cell, bars);
  return { variation, anchor: point, cursor: point };
}

/** The selection after a key: a new one at the first cell when there was none (or it was another variation's). */
export function moveSelection(
  selection: CellSelection | null,
  move: SelectionMove,
  extend: boolean,
  variation: number,
  bars: number,
): CellSelection {
  if (!selection || selection.variation !== variation) return selectCell(variation, { lane: 0, bar: 0 }, bars);
  const { cursor } = selection;
  const next: CellPoint = {
    left: { ...cursor, bar: cursor.bar - 1 },
    right: { ...cursor, bar: cursor.bar + 1 },
    up: { ...cursor, lane: cursor.lane - 1 },
    down: { ...cursor, lane: cursor.lane + 1 },
    home: { ...cursor, bar: 0 },
    end: { ...cursor, bar: bars - 1 },
  }[move];
  const moved = clampPoint(next, bars);
  return extend ? { ...selection, cursor: moved } : { variation, anchor: moved, cursor: moved };
}

/** The selection dragged to `cell` (the anchor stays where the press was). */
export function dragSelection(selection: CellSelection, cell: CellPoint, bars: number): CellSelection {
  return { ...selection, cursor: clampPoint(cell, bars) };
}

/** Every cell of the song. */
export function selectAll(variation: number, bars: number): CellSelection {
  return { variation, anchor: { lane: 0, bar: 0 }, cursor: { lane: arrangeTracks.length - 1, bar: bars - 1 } };
}

/** The selection as the contract's cell spans (bars from 0, inclusive), one per lane. */
export function spansOf(selection: CellSelection): CellSpan[] {
  const rect = selectionRect(selection);
  const spans: CellSpan[] = [];
  for (let lane = rect.fromLane; lane <= rect.toLane; lane += 1)
    spans.push({ track: arrangeTracks[lane]!, fromBar: rect.fromBar, toBar: rect.toBar });
  return spans;
}

export function containsCell(selection: CellSelection, lane: number, bar: number): boolean {
  const rect = selectionRect(selection);
  return lane >= rect.fromLane && lane <= rect.toLane && bar >= rect.fromBar && bar <= rect.toBar;
}

/** "Bass bars 3–4", "Melody–Bass bar 2": the selection in words, bars counted from 1 as the ruler shows them. */
export function describeSelection(selection: CellSelection, titles: Record<ArrangeTrack, string>): string {
  const rect = selectionRect(selection);
  const first = titles[arrangeTracks[rect.fromLane]!];
  const lanes = rect.fromLane === rect.toLane ? first : `${first}–${titles[arrangeTracks[rect.toLane]!]}`;
  const bars = rect.fromBar === rect.toBar ? `bar ${rect.fromBar + 1}` : `bars ${rect.fromBar + 1}–${rect.toBar + 1}`;
  return `${lanes} ${bars}`;
}

/** A selection kept for a song of `bars` bars: null when it no longer fits (the song got shorter). */
export function fitSelection(selection: CellSelection, bars: number): CellSelection | null {
  const rect = selectionRect(selection);
  return rect.toBar < bars ? selection : null;
}
