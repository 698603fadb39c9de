// The selected level, drawn crisp at a whole zoom in a horizontally scrolling view; drag or Shift+arrows select columns.
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { GeneratedLevel } from '../../../../contract/index.js';
import { extendSelection, regionOf, type ColumnSelection } from '../../state/column-selection.js';
import { prepareCanvas, useElementSize } from '../../ui/canvas-size.js';
import { columnAt, rulerHeight, scrollToShow, visibleColumns } from './level-geometry.js';
import { paintLevel } from './level-painter.js';
import type { TilesetArt } from './tileset-art.js';

export interface LevelCanvasProps {
  level: GeneratedLevel;
  art: TilesetArt;
  /** CSS pixels per tile. */
  cell: number;
  selection: ColumnSelection | null;
  busyRegion: { from: number; to: number } | null;
  onSelect: (selection: ColumnSelection | null) => void;
  onZoom: (change: ZoomChange) => void;
  /** Told which columns are in view whenever that changes. */
  onView?: (view: { first: number; last: number }) => void;
}

/** in/out: one step; fit: the level's height fills the stage; width: every column fits across the stage. */
export type ZoomChange = 'in' | 'out' | 'fit' | 'width';
/** Zoom keys, on the level and anywhere in the workspace while no text field has the keyboard. */
export const zoomKeys: Record<string, ZoomChange> = {
  '+': 'in',
  '=': 'in',
  '-': 'out',
  '0': 'fit',
  w: 'width',
  W: 'width',
};

export function LevelCanvas({ level, art, cell, selection, busyRegion, onSelect, onZoom, onView }: LevelCanvasProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(false);
  const [scrollLeft, setScrollLeft] = useState(0);
  const { width: viewWidth } = useElementSize(scroller);
  const columns = level.rows[0]!.length;
  const levelWidth = columns * cell;
  const height = rulerHeight + level.rows.length * cell;
  const width = Math.min(viewWidth, levelWidth);

  useEffect(() => {
    const context = canvas.current && width > 0 ? prepareCanvas(canvas.current, width, height) : null;
    if (!context) return;
    const region = selection ? regionOf(selection) : null;
    paintLevel(context, level, art, { cell, scrollLeft, width, height, selection: region, busyRegion });
  }, [level, art, cell, scrollLeft, width, height, selection, busyRegion]);

  const { first, last } = visibleColumns(scrollLeft, width, cell, columns);
  useEffect(() => {
    if (width > 0) onView?.({ first, last });
  }, [first, last, width, onView]);

  // Handlers read the element's scroll position: keys can repeat faster than React re-renders with the new one.
  const liveScroll = (): number => scroller.current?.scrollLeft ?? scrollLeft;
  const scrollTo = (left: number): void => {
    if (scroller.current) scroller.current.scrollLeft = left;
  };
  const columnOf = (event: PointerEvent<HTMLCanvasElement>): number =>
    columnAt(event.clientX - event.currentTarget.getBoundingClientRect().left, liveScroll(), cell, columns);

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (event.button !== 0) return;
    dragging.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
    const column = columnOf(event);
    onSelect(
      event.shiftKey && selection ? { anchor: selection.anchor, focus: column } : { anchor: column, focus: column },
    );
    scroller.current?.focus({ preventScroll: true });
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (!dragging.current || !selection) return;
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
    // Near an edge, the view follows the drag.
    if (x < cell) scrollTo(liveScroll() - cell / 2);
    else if (x > width - cell) scrollTo(liveScroll() + cell / 2);
    const column = columnOf(event);
    if (column !== selection.focus) onSelect({ anchor: selection.anchor, focus: column });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (step && event.shiftKey) {
      const next = extendSelection(selection, step, columns, visibleColumns(liveScroll(), width, cell, columns).first);
      onSelect(next);
      if (next) scrollTo(scrollToShow(next.focus, liveScroll(), width, cell));
    } else if (step) scrollTo(liveScroll() + step * 4 * cell);
    else if (event.key === 'Home') scrollTo(0);
    else if (event.key === 'End') scrollTo(levelWidth);
    else if (event.key === 'Escape' && selection) onSelect(null);
    else if (zoomKeys[event.key]) onZoom(zoomKeys[event.key]!);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={scroller}
      className="level-scroller"
      tabIndex={0}
      role="group"
      aria-label={`Level map, ${columns} columns. Drag or Shift+arrows to select columns, arrows to scroll, + and − to zoom.`}
      data-testid="level-scroller"
      onScroll={(event) => setScrollLeft(event.currentTarget.scrollLeft)}
      onKeyDown={onKeyDown}
    >
      <div className="level-track" style={{ width: levelWidth, height }}>
        <canvas
          ref={canvas}
          className="level-canvas"
          data-testid="level-canvas"
          style={{ width, height }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (dragging.current = false)}
          onPointerCancel={() => (dragging.current = false)}
        />
      </div>
    </div>
  );
}
