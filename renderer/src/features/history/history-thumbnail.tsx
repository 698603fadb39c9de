// A small picture of a history entry, drawn from its preview: a mini tile map for a level or a dungeon, a mini piano
// roll for music, and for an arranged song a strip per part (its lane colour, as in Arrange).
import { useEffect, useRef } from 'react';
import type { HistoryItem, HistoryPreview } from '../../../../contract/index.js';
import { laneHues } from '../arrange/lane-painter.js';
import { paintDungeonRows } from '../dungeons/dungeon-painter.js';

const width = 160;
const height = 56;

/** One flat colour per VGLC tile; air is sky. */
const tileColours: Record<string, string> = {
  X: '#b8643c',
  S: '#c97a4a',
  '?': '#e6b422',
  Q: '#8c6a3c',
  E: '#e0484f',
  '<': '#3fae4a',
  '>': '#3fae4a',
  '[': '#2f8f3a',
  ']': '#2f8f3a',
  o: '#f2d04b',
  B: '#30343c',
  b: '#4a4f59',
};

function paintLevel(context: CanvasRenderingContext2D, rows: readonly string[]): void {
  context.fillStyle = '#6b8cff';
  context.fillRect(0, 0, width, height);
  const columns = rows[0]?.length ?? 0;
  if (columns === 0) return;
  const cell = Math.min(width / columns, height / rows.length);
  const top = (height - cell * rows.length) / 2;
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      const colour = tileColours[row[x]!];
      if (!colour) continue;
      context.fillStyle = colour;
      context.fillRect(x * cell, top + y * cell, Math.ceil(cell), Math.ceil(cell));
    }
  });
}

/** Pixels kept clear above the highest note and below the lowest, so no note touches the rounded edge. */
const noteMargin = 3;

/** Where each preview note is drawn: pitches fill the height between the margins, highest at the top. */
export function thumbnailNoteRects(
  notes: readonly [number, number, number][],
  ticks: number,
  box: { width: number; height: number } = { width, height },
): { x: number; y: number; width: number; height: number }[] {
  if (notes.length === 0) return [];
  const pitches = notes.map(([pitch]) => pitch);
  const highest = Math.max(...pitches);
  const span = highest - Math.min(...pitches) + 1;
  // At least an octave of rows, so a two-note clip is not drawn as two tall bars; a narrower clip is centred.
  const rows = Math.max(12, span);
  const offset = (rows - span) / 2;
  const length = Math.max(ticks, ...notes.map(([, start, duration]) => start + duration), 1);
  const row = (box.height - 2 * noteMargin) / rows;
  return notes.map(([pitch, start, duration]) => ({
    x: (start / length) * box.width,
    y: noteMargin + (offset + highest - pitch) * row,
    width: Math.max(1, (duration / length) * box.width - 0.5),
    height: Math.max(1, row - 0.5),
  }));
}

function paintNotes(
  context: CanvasRenderingContext2D,
  notes: readonly [number, number, number][],
  ticks: number,
): void {
  context.fillStyle = '#121316';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#7aa2f7';
  for (const rect of thumbnailNoteRects(notes, ticks)) context.fillRect(rect.x, rect.y, rect.width, rect.height);
}

/** A song's lanes stacked top to bottom, each a mini piano roll of its part in the part's lane colour. */
function paintLanes(
  context: CanvasRenderingContext2D,
  lanes: NonNullable<HistoryPreview['lanes']>,
  ticks: number,
): void {
  context.fillStyle = '#121316';
  context.fillRect(0, 0, width, height);
  const laneHeight = height / Math.max(1, lanes.length);
  lanes.forEach((lane, index) => {
    const top = index * laneHeight;
    if (index > 0) {
      context.fillStyle = '#23262e';
      context.fillRect(0, Math.round(top), width, 1);
    }
    context.fillStyle = `hsl(${laneHues[lane.track]} 70% 62%)`;
    for (const rect of thumbnailNoteRects(lane.notes, ticks, { width, height: laneHeight }))
      context.fillRect(rect.x, top + rect.y, rect.width, rect.height);
  });
}

export function HistoryThumbnail({ item }: { item: HistoryItem }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    if (item.kind === 'dungeon') paintDungeonRows(context, item.preview.rows ?? [], width, height);
    else if (item.preview.rows) paintLevel(context, item.preview.rows);
    else if (item.preview.lanes) paintLanes(context, item.preview.lanes, item.preview.ticks ?? 0);
    else paintNotes(context, item.preview.notes ?? [], item.preview.ticks ?? 0);
  }, [item]);
  const lanes = item.preview.lanes?.map((lane) => lane.track);
  return (
    <canvas
      ref={canvas}
      className="history-thumbnail"
      width={width}
      height={height}
      data-testid="history-thumbnail"
      data-lanes={lanes?.join(',')}
      aria-label={
        item.kind === 'level'
          ? 'Level thumbnail'
          : item.kind === 'dungeon'
            ? 'Dungeon map thumbnail'
            : lanes
              ? `Song lanes thumbnail: ${lanes.join(', ')}`
              : 'Piano roll thumbnail'
      }
    />
  );
}
