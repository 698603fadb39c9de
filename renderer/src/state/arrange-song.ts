// The song the Arrange workspace works on: its variations, each a stack of takes (undo/redo), and how a take is made
// into the result music.exportSong takes. Pure functions over plain data.
import {
  arrangeTracks,
  musicTicksPerBar,
  type ArrangeResult,
  type ArrangeRun,
  type ArrangeTrack,
  type MusicKey,
  type SongCell,
  type SongTrack,
} from '../../../contract/index.js';
import type { ArrangeMix } from './arrange-settings.js';

/** One version of a variation's tracks: what a call wrote (or an import read), and which cells it changed. */
export interface SongTake {
  /** Unique within the song (a job id, or one made up for imports): rendered files are cached by it. */
  id: string;
  tracks: SongTrack[];
  /** Its length in 4/4 bars (Continue makes a take longer than the one before). */
  bars: number;
  /** The cells the call rewrote (drawn outlined), empty for a whole new song. */
  changed: SongCell[];
  /** What made it, e.g. "Arranged", "Infill Bass bars 3–4". */
  label: string;
}

/*
 * A variation's takes form an undo stack:
 *
 *   [t0 … t(index) … tn]   pushTake: drops t(index+1…n), appends, index → last (at most maxTakes kept, oldest go)
 *                           undo: index − 1 (not below 0) · redo: index + 1 (not past the last)
 */
export interface VariationTakes {
  takes: SongTake[];
  index: number;
}

export interface ArrangeSong {
  /** Unique per song (the first run's job id, or "import:…"). */
  id: string;
  /** Where it came from, in words, e.g. "Arranged", "Harmonized Music variation 2", "Imported song.mid". */
  origin: string;
  /** Bars of the song as first written (each take has its own length). */
  bars: number;
  tempo: number;
  key?: MusicKey;
  style: ArrangeResult['style'];
  drumStyle: ArrangeResult['drumStyle'];
  form?: string;
  /** The seed and model of the run that wrote it (absent for an import). */
  seed?: number;
  model?: string;
  timing?: { totalMs: number; tokensPerSecond: number };
  variations: VariationTakes[];
  /** The variation shown, auditioned and exported. */
  selected: number;
}

/** Takes kept per variation (older ones are dropped from the bottom of the undo stack). */
export const maxTakes = 24;

function modelName(run: ArrangeRun): string {
  return `${run.model.name}@${run.model.version}`;
}

/** A new song from an arrange (or harmonize, humanize, continue-from-Music) run: each variation one take. */
export function songOfRun(run: ArrangeRun, origin: string): ArrangeSong {
  const { result } = run;
  return {
    id: run.jobId,
    origin,
    bars: result.bars,
    tempo: result.tempo,
    ...(result.key ? { key: result.key } : {}),
    style: result.style,
    drumStyle: result.drumStyle,
    ...(result.form ? { form: result.form } : {}),
    seed: run.seed,
    model: modelName(run),
    timing: { totalMs: result.timing.totalMs, tokensPerSecond: result.timing.tokensPerSecond },
    variations: result.variations.map((variation, index) => ({
      takes: [{ id: `${run.jobId}:${index}`, tracks: variation.tracks, bars: result.bars, changed: [], label: origin }],
      index: 0,
    })),
    selected: 0,
  };
}

/**
 * The run (job id) and its variation a take came from, to star it in History: `job:2` for variation 2 of a new song,
 * a bare job id for an edit (a one-variation run); null for an import, which no run made.
 */
export function takeOrigin(take: Pick<SongTake, 'id'>): { jobId: string; variation: number } | null {
  if (take.id.startsWith('import:')) return null;
  const at = take.id.lastIndexOf(':');
  const variation = at < 0 ? 0 : Number(take.id.slice(at + 1));
  return Number.isInteger(variation) ? { jobId: at < 0 ? take.id : take.id.slice(0, at), variation } : null;
}

/** The shown take of a variation (the selected one by default). */
export function currentTake(song: ArrangeSong, variation = song.selected): SongTake | null {
  const takes = song.variations[variation];
  return takes ? (takes.takes[takes.index] ?? null) : null;
}

export function trackOf(tracks: readonly SongTrack[], track: ArrangeTrack): SongTrack | undefined {
  return tracks.find((candidate) => candidate.track === track);
}

/** The parts a take has notes in, in lane order. */
export function tracksWithNotes(tracks: readonly SongTrack[]): ArrangeTrack[] {
  return arrangeTracks.filter((track) => (trackOf(tracks, track)?.notes.length ?? 0) > 0);
}

function replaceVariation(song: ArrangeSong, variation: number, takes: VariationTakes): ArrangeSong {
  return { ...song, variations: song.variations.map((old, index) => (index === variation ? takes : old)) };
}

/** A new take on top of a variation's stack (redo history above the current take is dropped). */
export function pushTake(song: ArrangeSong, variation: number, take: SongTake): ArrangeSong {
  const stack = song.variations[variation];
  if (!stack) return song;
  const takes = [...stack.takes.slice(0, stack.index + 1), take].slice(-maxTakes);
  return replaceVariation(song, variation, { takes, index: takes.length - 1 });
}

export function canUndo(song: ArrangeSong | null, variation: number): boolean {
  return (song?.variations[variation]?.index ?? 0) > 0;
}

export function canRedo(song: ArrangeSong | null, variation: number): boolean {
  const stack = song?.variations[variation];
  return stack !== undefined && stack.index < stack.takes.length - 1;
}

/** Moves a variation's current take by `by` (−1 undo, +1 redo) within its stack. */
export function stepTake(song: ArrangeSong, variation: number, by: -1 | 1): ArrangeSong {
  const stack = song.variations[variation];
  if (!stack) return song;
  const index = Math.min(stack.takes.length - 1, Math.max(0, stack.index + by));
  return index === stack.index ? song : replaceVariation(song, variation, { ...stack, index });
}

/**
 * The result music.exportSong takes for one variation's current take: one variation, each lane with the program the
 * mix gives it (drums stay on channel 10), only `tracks` (default: every part the take has).
 */
export function exportResultOf(
  song: ArrangeSong,
  variation: number,
  mix: ArrangeMix,
  tracks?: readonly ArrangeTrack[],
): ArrangeResult | null {
  const take = currentTake(song, variation);
  if (!take) return null;
  const parts = take.tracks
    .filter((track) => track.notes.length > 0 && (!tracks || tracks.includes(track.track)))
    .map((track) => ({ ...track, program: mix[track.track].program }));
  if (parts.length === 0) return null;
  return {
    task: 'music.arrange',
    ticksPerBeat: 480,
    tempo: song.tempo,
    timeSignature: [4, 4],
    bars: take.bars,
    ...(song.key ? { key: song.key } : {}),
    style: song.style,
    drumStyle: song.drumStyle,
    ...(song.form ? { form: song.form } : {}),
    conditioning: [],
    variations: [
      {
        tracks: parts,
        filledCells: [],
        stats: { notes: parts.reduce((sum, part) => sum + part.notes.length, 0), notesPerTrack: {}, tokens: 0 },
      },
    ],
    timing: { totalMs: 0, tokensPerSecond: 0 },
  };
}

/** The cells where two takes' tracks differ (notes compared exactly), in lane order: what an edit really changed. */
export function changedCells(before: readonly SongTrack[], after: readonly SongTrack[], bars: number): SongCell[] {
  const cells: SongCell[] = [];
  const key = (note: SongTrack['notes'][number]): string =>
    `${note.pitch}:${note.start}:${note.duration}:${note.velocity}`;
  for (const track of arrangeTracks) {
    const byBar = (tracks: readonly SongTrack[]): string[] => {
      const keys: string[][] = Array.from({ length: bars }, () => []);
      for (const note of trackOf(tracks, track)?.notes ?? [])
        keys[Math.floor(note.start / musicTicksPerBar)]?.push(key(note));
      return keys.map((bar) => bar.sort().join(','));
    };
    const [a, b] = [byBar(before), byBar(after)];
    for (let bar = 0; bar < bars; bar += 1) if (a[bar] !== b[bar]) cells.push({ track, bar });
  }
  return cells;
}
