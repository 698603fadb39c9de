// Piano-roll geometry: which rows (pitches or kit pieces) are shown, and where a note, a tick or a bar is drawn.
import { drumInstruments, musicTicksPerBar, type MusicNote } from '../../../../contract/index.js';
import type { MusicPart } from '../../state/music-settings.js';
import { isBlackKey, noteName } from './music-theory.js';

export interface RollRow {
  pitch: number;
  label: string;
  /** A black piano key (melody rows only). */
  black: boolean;
  /** Shown but not allowed: outside the pitch range, or a kit piece that is switched off. */
  muted: boolean;
}

const drumLabels: Record<number, string> = {
  35: 'Kick 2',
  36: 'Kick',
  37: 'Side stick',
  38: 'Snare',
  39: 'Clap',
  40: 'Snare 2',
  41: 'Floor tom 2',
  42: 'Closed hat',
  43: 'Low tom',
  44: 'Pedal hat',
  45: 'Low tom 2',
  46: 'Open hat',
  47: 'Mid tom',
  48: 'High tom 2',
  49: 'Crash',
  50: 'High tom',
  51: 'Ride',
  52: 'China',
  53: 'Ride bell',
  54: 'Tambourine',
  55: 'Splash',
  56: 'Cowbell',
  57: 'Crash 2',
  59: 'Ride 2',
};

/** The name of a General MIDI percussion key, e.g. 42 → "Closed hat". */
export function drumLabel(pitch: number): string {
  return drumLabels[pitch] ?? noteName(pitch);
}

/** Kit rows, top to bottom: cymbals over toms over hats over snare over kick, then any other keys the notes use. */
const kitOrder = ['ride', 'crash', 'high-tom', 'mid-tom', 'low-tom', 'open-hihat', 'pedal-hihat', 'closed-hihat'];
const kitBottom = ['snare', 'side-stick', 'kick'];

export function drumRows(notes: readonly MusicNote[], allowed: ReadonlySet<number> | null): RollRow[] {
  const kit = [...kitOrder, ...kitBottom].map((name) => drumInstruments[name as keyof typeof drumInstruments]);
  const extra = [...new Set(notes.map((note) => note.pitch))].filter((pitch) => !kit.includes(pitch as never));
  return [...extra.sort((a, b) => b - a), ...kit].map((pitch) => ({
    pitch,
    label: drumLabel(pitch),
    black: false,
    muted: allowed !== null && !allowed.has(pitch),
  }));
}

/** Melody rows, highest pitch first: the notes and the allowed range with a little air, at least two octaves. */
export function melodyRows(
  notes: readonly MusicNote[],
  range: { lowest: number; highest: number } | null,
  minimumSpan = 24,
): RollRow[] {
  const pitches = notes.map((note) => note.pitch);
  let lowest = Math.min(...pitches, range?.lowest ?? 60) - 1;
  let highest = Math.max(...pitches, range?.highest ?? 72) + 1;
  const missing = minimumSpan - (highest - lowest + 1);
  if (missing > 0) {
    lowest -= Math.floor(missing / 2);
    highest += Math.ceil(missing / 2);
  }
  lowest = Math.max(0, lowest);
  highest = Math.min(127, highest);
  const rows: RollRow[] = [];
  for (let pitch = highest; pitch >= lowest; pitch -= 1) {
    const outside = range !== null && (pitch < range.lowest || pitch > range.highest);
    rows.push({ pitch, label: noteName(pitch), black: isBlackKey(pitch), muted: outside });
  }
  return rows;
}

export function rollRows(
  part: MusicPart,
  notes: readonly MusicNote[],
  options: { range?: { lowest: number; highest: number } | null; instruments?: ReadonlySet<number> | null },
): RollRow[] {
  return part === 'drums' ? drumRows(notes, options.instruments ?? null) : melodyRows(notes, options.range ?? null);
}

export interface RollLayout {
  /** CSS pixels of the whole canvas. */
  width: number;
  height: number;
  /** Width of the keys (or kit labels) column on the left. */
  keys: number;
  /** Height of the bar ruler at the top. */
  ruler: number;
  /** Height of the velocity lane at the bottom. */
  lane: number;
  rowHeight: number;
  bars: number;
  pixelsPerTick: number;
  rows: RollRow[];
}

export const rollMargins = { keys: 76, ruler: 22, lane: 52, laneGap: 6 } as const;

export function rollLayout(width: number, height: number, rows: RollRow[], bars: number): RollLayout {
  const { keys, ruler, lane, laneGap } = rollMargins;
  const rowHeight = Math.max(3, (height - ruler - lane - laneGap) / Math.max(1, rows.length));
  const pixelsPerTick = Math.max(0, width - keys) / (Math.max(1, bars) * musicTicksPerBar);
  return { width, height, keys, ruler, lane, rowHeight, bars, pixelsPerTick, rows };
}

export function xOfTick(layout: RollLayout, tick: number): number {
  return layout.keys + tick * layout.pixelsPerTick;
}

export function tickOfX(layout: RollLayout, x: number): number {
  return Math.max(0, (x - layout.keys) / Math.max(1e-9, layout.pixelsPerTick));
}

/** Top of the velocity lane, below the last row. */
export function laneTop(layout: RollLayout): number {
  return layout.ruler + layout.rows.length * layout.rowHeight + rollMargins.laneGap;
}

/** A note's rectangle; drums are drawn as short hits (a 16th at most); null when its row is not shown. */
export function noteRect(
  layout: RollLayout,
  note: MusicNote,
  part: MusicPart,
): { x: number; y: number; width: number; height: number } | null {
  const row = layout.rows.findIndex((candidate) => candidate.pitch === note.pitch);
  if (row < 0) return null;
  const ticks = part === 'drums' ? Math.min(note.duration, musicTicksPerBar / 16) : note.duration;
  const gap = layout.rowHeight > 6 ? 1 : 0;
  return {
    x: xOfTick(layout, note.start),
    y: layout.ruler + row * layout.rowHeight + gap,
    width: Math.max(part === 'drums' ? 4 : 2, ticks * layout.pixelsPerTick - 1),
    height: Math.max(2, layout.rowHeight - 2 * gap),
  };
}

/** Velocity 1–127 → 0–1, the share of the colour ramp (and of the lane's height) a note gets. */
export function velocityShare(velocity: number): number {
  return Math.min(1, Math.max(0, (velocity - 1) / 126));
}

/** Seconds of audio → ticks at a tempo (480 per beat). */
export function ticksOfSeconds(seconds: number, tempo: number): number {
  return (seconds * tempo * 480) / 60;
}

/** A text of the bar ruler and the CSS pixels it covers (left to right). */
export interface RulerLabel {
  text: string;
  left: number;
  right: number;
}

/** Pixels kept clear between two ruler labels. */
const rulerLabelGap = 4;

/**
 * The ruler's texts: bar numbers (every bar, or every 2nd or 4th when bars are narrow) and, where generation starts
 * after a primer, "primer" ending just before that bar line. The primer label wins: a bar number it would overlap is
 * left out, so no two labels ever overlap. `measure` gives a text's width in CSS pixels (the canvas's measureText).
 */
export function rulerLabels(
  layout: RollLayout,
  generatedFromTick: number | null,
  measure: (text: string) => number,
): RulerLabel[] {
  const labels: RulerLabel[] = [];
  if (generatedFromTick !== null && generatedFromTick > 0) {
    const right = Math.round(xOfTick(layout, generatedFromTick)) - 6;
    const left = right - measure('primer');
    if (left >= layout.keys + 2) labels.push({ text: 'primer', left, right });
  }
  const barWidth = musicTicksPerBar * layout.pixelsPerTick;
  const every = barWidth >= 28 ? 1 : barWidth >= 14 ? 2 : 4;
  for (let bar = 0; bar < layout.bars; bar += every) {
    const left = Math.round(xOfTick(layout, bar * musicTicksPerBar)) + 4;
    const label = { text: String(bar + 1), left, right: left + measure(String(bar + 1)) };
    const clear = labels.every(
      (other) => label.right + rulerLabelGap <= other.left || other.right + rulerLabelGap <= label.left,
    );
    if (clear && label.right <= layout.width) labels.push(label);
  }
  return labels;
}
