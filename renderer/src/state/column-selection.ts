// A span of selected level columns, kept as the column a drag or Shift+arrow started from and the column it reached.
export interface ColumnSelection {
  /** Where the selection started (inclusive column). */
  anchor: number;
  /** Where it reaches now (inclusive column); may lie left of the anchor. */
  focus: number;
}

/** The selected columns as the half-open region [from, to) that levels.regenerate takes. */
export function regionOf(selection: ColumnSelection): { from: number; to: number } {
  return { from: Math.min(selection.anchor, selection.focus), to: Math.max(selection.anchor, selection.focus) + 1 };
}

/** Keeps both ends inside a level of `width` columns; null when nothing is left. */
export function clampSelection(selection: ColumnSelection | null, width: number): ColumnSelection | null {
  if (!selection || width <= 0) return null;
  const clamp = (column: number): number => Math.min(width - 1, Math.max(0, column));
  return { anchor: clamp(selection.anchor), focus: clamp(selection.focus) };
}

/**
 * Moves the focus by `delta` columns (Shift+arrow); with nothing selected yet, starts a one-column selection at
 * `start` (e.g. the first column in view).
 */
export function extendSelection(
  selection: ColumnSelection | null,
  delta: number,
  width: number,
  start: number,
): ColumnSelection | null {
  if (!selection) return clampSelection({ anchor: start, focus: start }, width);
  return clampSelection({ anchor: selection.anchor, focus: selection.focus + delta }, width);
}

/** "41–44" for inclusive columns, or "41" for one (the contract's one wording, shared with History). */
export { describeLevelColumns as describeColumns } from '../../../contract/levels.js';
