// Arrange canvas geometry: the bar ruler and four stacked lanes (Melody, Chords, Bass, Drums), where a bar, a cell, a
// note or a drum hit is drawn, and which cell a point is in. Pure: the painter, the pointer and the tests share it.
import {
  arrangeTracks,
  drumInstruments,
  musicTicksPerBar,
  type ArrangeTrack,
  type MusicNote,
} from '../../../../contract/index.js';
import type { CellPoint } from '../../state/arrange-selection.js';

export interface LaneLayout {
  /** CSS pixels of the canvas. */
  width: number;
  height: number;
  /** Height of the bar ruler at the top (0: none, as in the variations' small drawings). */
  ruler: number;
  /** Gap between the ruler and the first lane, and between lanes. */
  gap: number;
  laneHeight: number;
  bars: number;
  pixelsPerTick: number;
}

/** The workspace's lane grid (arrange.css uses the same numbers for the lane headers beside the canvas). */
export const laneMargins = { ruler: 24, gap: 4 } as const;

export function laneLayout(
  width: number,
  height: number,
  bars: number,
  margins: { ruler: number; gap: number } = laneMargins,
): LaneLayout {
  const lanes = arrangeTracks.length;
  const laneHeight = Math.max(4, (height - margins.ruler - margins.gap * lanes) / lanes);
  const pixelsPerTick = Math.max(0, width) / (Math.max(1, bars) * musicTicksPerBar);
  return { width, height, ...margins, laneHeight, bars: Math.max(1, bars), pixelsPerTick };
}

export function laneTop(layout: LaneLayout, lane: number): number {
  return layout.ruler + layout.gap + lane * (layout.laneHeight + layout.gap);
}

export function xOfTick(layout: LaneLayout, tick: number): number {
  return tick * layout.pixelsPerTick;
}

export function xOfBar(layout: LaneLayout, bar: number): number {
  return xOfTick(layout, bar * musicTicksPerBar);
}

/** A cell's rectangle (a lane's bar). */
export function cellRect(layout: LaneLayout, lane: number, bar: number) {
  const x = xOfBar(layout, bar);
  return { x, y: laneTop(layout, lane), width: xOfBar(layout, bar + 1) - x, height: layout.laneHeight };
}

/** The cell under a point, or null above the lanes; points beside the lanes are pulled onto the nearest cell. */
export function cellAt(layout: LaneLayout, x: number, y: number): CellPoint | null {
  if (y < layout.ruler) return null;
  const lane = Math.floor((y - layout.ruler - layout.gap / 2) / (layout.laneHeight + layout.gap));
  const bar = Math.floor(x / Math.max(1e-9, xOfBar(layout, 1)));
  return {
    lane: Math.min(arrangeTracks.length - 1, Math.max(0, lane)),
    bar: Math.min(layout.bars - 1, Math.max(0, bar)),
  };
}

/** The rows a lane draws, top to bottom: pitches (highest first, at least an octave) or the kit pieces it plays. */
export function laneRows(track: ArrangeTrack, notes: readonly MusicNote[]): number[] {
  if (track === 'drums') {
    const kit = ['crash', 'ride', 'open-hihat', 'closed-hihat', 'pedal-hihat', 'high-tom', 'mid-tom', 'low-tom']
      .concat(['snare', 'side-stick', 'kick'])
      .map((name) => drumInstruments[name as keyof typeof drumInstruments] as number);
    const used = new Set(notes.map((note) => note.pitch));
    const extra = [...used].filter((pitch) => !kit.includes(pitch)).sort((a, b) => b - a);
    const rows = [...extra, ...kit.filter((pitch) => used.has(pitch))];
    return rows.length > 0 ? rows : [42, 38, 36];
  }
  const pitches = notes.map((note) => note.pitch);
  const middle = pitches.length > 0 ? Math.round((Math.min(...pitches) + Math.max(...pitches)) / 2) : 60;
  let lowest = Math.min(middle - 6, ...pitches);
  let highest = Math.max(middle + 6, ...pitches);
  lowest = Math.max(0, lowest - 1);
  highest = Math.min(127, highest + 1);
  const rows: number[] = [];
  for (let pitch = highest; pitch >= lowest; pitch -= 1) rows.push(pitch);
  return rows;
}

/** A note's rectangle in its lane; drums are short hits (a 16th). Null when its row is not drawn. */
export function laneNoteRect(
  layout: LaneLayout,
  lane: number,
  rows: readonly number[],
  note: MusicNote,
  drums: boolean,
): { x: number; y: number; width: number; height: number } | null {
  const row = rows.indexOf(note.pitch);
  if (row < 0) return null;
  const rowHeight = layout.laneHeight / rows.length;
  const ticks = drums ? musicTicksPerBar / 16 : note.duration;
  const inset = rowHeight > 5 ? 1 : 0;
  return {
    x: xOfTick(layout, note.start),
    y: laneTop(layout, lane) + row * rowHeight + inset / 2,
    width: Math.max(drums ? 2 : 1.5, ticks * layout.pixelsPerTick - 1),
    height: Math.max(1, rowHeight - inset),
  };
}

/** Velocity 1–127 → 0.35–1: a soft note is drawn fainter, a loud one solid. */
export function velocityAlpha(velocity: number): number {
  const share = Math.min(1, Math.max(0, (velocity - 1) / 126));
  return 0.35 + 0.65 * share;
}

/** Every `n`th bar is numbered, so numbers never crowd (1 below 28 px a bar, 2 below 14 px). */
export function barLabelEvery(layout: LaneLayout): number {
  const barWidth = xOfBar(layout, 1);
  return barWidth >= 28 ? 1 : barWidth >= 14 ? 2 : 4;
}

/** Seconds into the song → x. */
export function xOfSeconds(layout: LaneLayout, seconds: number, tempo: number): number {
  return xOfTick(layout, (seconds * tempo * 480) / 60);
}
