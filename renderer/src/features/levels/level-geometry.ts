// Where columns fall on the level canvas: zoom that fits, the columns in view, and the column under a pointer.
import { levelRows } from '../../../../contract/index.js';

/** Height of the column ruler above the level, in CSS pixels. */
export const rulerHeight = 22;
export const zoomRange = { min: 1, max: 6 } as const;

/** The largest whole zoom at which the ruler and all rows fit in `height` CSS pixels (never below 1). */
export function fitZoom(height: number, tileSize: number): number {
  const zoom = Math.floor((height - rulerHeight) / (levelRows * tileSize));
  return Math.min(zoomRange.max, Math.max(zoomRange.min, zoom));
}

/**
 * The tile size in CSS pixels at which all `columns` fit in `width` CSS pixels: whole pixels, at least 2, and no larger
 * than the largest zoom.
 */
export function fitWidthCell(width: number, columns: number, tileSize: number): number {
  const cell = Math.floor(width / Math.max(1, columns));
  return Math.min(tileSize * zoomRange.max, Math.max(2, cell));
}

/** The columns at least partly visible in a view `viewWidth` wide, scrolled `scrollLeft` into the level. */
export function visibleColumns(
  scrollLeft: number,
  viewWidth: number,
  cell: number,
  width: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollLeft / cell));
  const last = Math.min(width - 1, Math.ceil((scrollLeft + viewWidth) / cell) - 1);
  return { first, last };
}

/** The column under x (CSS pixels from the view's left edge), kept inside the level. */
export function columnAt(x: number, scrollLeft: number, cell: number, width: number): number {
  return Math.min(width - 1, Math.max(0, Math.floor((x + scrollLeft) / cell)));
}

/** The scroll position that brings `column` into view with a margin, or the current one when it is already in view. */
export function scrollToShow(column: number, scrollLeft: number, viewWidth: number, cell: number): number {
  const margin = 2 * cell;
  const left = column * cell;
  if (left - margin < scrollLeft) return Math.max(0, left - margin);
  if (left + cell + margin > scrollLeft + viewWidth) return left + cell + margin - viewWidth;
  return scrollLeft;
}

/** Ruler labels every N columns so that labels stay at least ~40 px apart. */
export function rulerStep(cell: number): number {
  return [1, 2, 5, 10, 20, 50, 100].find((step) => step * cell >= 40) ?? 100;
}
