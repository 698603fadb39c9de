// What the taste model sees of a variation: a few numbers measured on the result itself (no model in the loop), one
// vector per kind. Music is measured on its generated notes only (a primer is the user's, not the model's choice).
import type {
  ArrangeRun,
  GeneratedLevel,
  HistoryEntry,
  LevelRun,
  MusicNote,
  MusicRun,
  SongTrack,
  TasteKind,
} from '../../../contract/index.js';
import { MosaicError, musicTicksPerBar } from '../../../contract/index.js';

/** Feature names per kind, in vector order. */
export const tasteFeatureNames = {
  melody: [
    'notesPerBar',
    'pitchRange',
    'stepShare',
    'onsetEntropy',
    'syncopation',
    'velocityMean',
    'velocitySpread',
    'barRepetition',
  ],
  drums: [
    'hitsPerBar',
    'velocityMean',
    'velocitySpread',
    'microTiming',
    'onsetEntropy',
    'syncopation',
    'barRepetition',
  ],
  song: [
    'melodyPerBar',
    'chordsPerBar',
    'bassPerBar',
    'drumsPerBar',
    'melodyRange',
    'melodyStepShare',
    'velocitySpread',
    'barRepetition',
  ],
  level: ['enemies', 'gaps', 'blocks', 'pipes', 'coins', 'pathLength', 'jumps', 'elevation'],
} as const satisfies Record<TasteKind, readonly string[]>;

/** The kind a recorded run belongs to: melody or drums by the music task, songs, levels. */
export function tasteKindOf(run: HistoryEntry['run']): TasteKind {
  const result = run.result as { task?: string; levels?: unknown };
  if (result.task === 'music.arrange') return 'song';
  if (result.task === 'music.drums') return 'drums';
  if (result.task === 'music.melody') return 'melody';
  if (Array.isArray(result.levels)) return 'level';
  throw new MosaicError('BAD_REQUEST', 'This run is neither music, a song nor a level: taste cannot rank it.');
}

/** One feature vector per variation, in generated order. */
export function variationFeatures(run: HistoryEntry['run'], kind: TasteKind = tasteKindOf(run)): number[][] {
  switch (kind) {
    case 'melody':
    case 'drums': {
      const { result } = run as MusicRun;
      const bars = Math.max(1, result.bars - Math.floor(result.generatedFromTick / musicTicksPerBar));
      return result.variations.map((variation) => {
        const notes = variation.notes.slice(variation.primerNotes);
        const shifted = notes.map((note) => ({ ...note, start: note.start - result.generatedFromTick }));
        return kind === 'melody' ? melodyFeatures(shifted, bars) : drumFeatures(shifted, bars);
      });
    }
    case 'song': {
      const { result } = run as ArrangeRun;
      return result.variations.map((variation) => songFeatures(variation.tracks, result.bars));
    }
    case 'level':
      return (run as LevelRun).result.levels.map(levelFeatures);
  }
}

const sixteenth = musicTicksPerBar / 16;

function melodyFeatures(notes: readonly MusicNote[], bars: number): number[] {
  return [
    notes.length / bars,
    pitchRange(notes),
    stepShare(notes),
    onsetEntropy(notes),
    syncopation(notes),
    mean(notes.map((note) => note.velocity)),
    spread(notes.map((note) => note.velocity)),
    barRepetition(notes, bars, true),
  ];
}

function drumFeatures(notes: readonly MusicNote[], bars: number): number[] {
  const offGrid = notes.map((note) => {
    const offset = note.start % sixteenth;
    return Math.min(offset, sixteenth - offset) / sixteenth;
  });
  return [
    notes.length / bars,
    mean(notes.map((note) => note.velocity)),
    spread(notes.map((note) => note.velocity)),
    mean(offGrid),
    onsetEntropy(notes),
    syncopation(notes),
    barRepetition(notes, bars, false),
  ];
}

function songFeatures(tracks: readonly SongTrack[], bars: number): number[] {
  const notesOf = (name: SongTrack['track']) => tracks.find((track) => track.track === name)?.notes ?? [];
  const melody = notesOf('melody');
  const all = tracks.flatMap((track) => track.notes);
  const perBar = (name: SongTrack['track']) => notesOf(name).length / Math.max(1, bars);
  return [
    perBar('melody'),
    perBar('chords'),
    perBar('bass'),
    perBar('drums'),
    pitchRange(melody),
    stepShare(melody),
    spread(all.map((note) => note.velocity)),
    barRepetition(melody, bars, true),
  ];
}

/**
 * Counted over the whole level, per 50 columns where the count grows with width: enemies (E and cannon tops), gaps
 * (runs of columns with no ground in the bottom row), blocks (bricks and ? / empty blocks, not ground), pipes (pipe
 * tops), coins; the agent's path length per column, its jumps (moves up), and elevation (mean height of the highest
 * solid tile per column, in rows).
 */
function levelFeatures(level: GeneratedLevel): number[] {
  const rows = level.rows;
  const width = rows[0]?.length ?? 1;
  const per50 = 50 / width;
  const count = (pattern: RegExp) => rows.reduce((sum, row) => sum + (row.match(pattern)?.length ?? 0), 0);
  const bottom = rows[rows.length - 1] ?? '';
  let gaps = 0;
  for (let column = 0; column < width; column++) {
    if (bottom[column] === '-' && (column === 0 || bottom[column - 1] !== '-')) gaps++;
  }
  let jumps = 0;
  for (let index = 1; index < level.path.length; index++) {
    if (level.path[index]![1] < level.path[index - 1]![1]) jumps++;
  }
  const heights: number[] = [];
  for (let column = 0; column < width; column++) {
    const top = rows.findIndex((row) => /[XSQ?<>[\]Bb]/.test(row[column] ?? '-'));
    heights.push(top < 0 ? 0 : rows.length - top);
  }
  return [
    count(/[EB]/g) * per50,
    gaps * per50,
    count(/[S?Q]/g) * per50,
    count(/</g) * per50,
    count(/o/g) * per50,
    level.path.length / width,
    jumps * per50,
    mean(heights),
  ];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Population standard deviation (0 for fewer than two values). */
function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
}

function pitchRange(notes: readonly MusicNote[]): number {
  if (notes.length === 0) return 0;
  const pitches = notes.map((note) => note.pitch);
  return Math.max(...pitches) - Math.min(...pitches);
}

/** Share of consecutive melodic intervals of at most 2 semitones (steps and repeats) against leaps. */
function stepShare(notes: readonly MusicNote[]): number {
  const line = [...notes].sort((a, b) => a.start - b.start || b.pitch - a.pitch);
  if (line.length < 2) return 0;
  let steps = 0;
  for (let index = 1; index < line.length; index++) {
    if (Math.abs(line[index]!.pitch - line[index - 1]!.pitch) <= 2) steps++;
  }
  return steps / (line.length - 1);
}

/** Bits: entropy of where in the bar onsets fall, over the 16 sixteenth positions. */
function onsetEntropy(notes: readonly MusicNote[]): number {
  if (notes.length === 0) return 0;
  const counts = new Array<number>(16).fill(0);
  for (const note of notes) counts[Math.round(note.start / sixteenth) % 16]! += 1;
  return -counts
    .filter((count) => count > 0)
    .reduce((sum, count) => sum + (count / notes.length) * Math.log2(count / notes.length), 0);
}

/** Share of onsets off the eighth-note grid (on an odd sixteenth). */
function syncopation(notes: readonly MusicNote[]): number {
  if (notes.length === 0) return 0;
  return notes.filter((note) => Math.round(note.start / sixteenth) % 2 === 1).length / notes.length;
}

/** Share of bars (after the first) that repeat an earlier bar exactly: same onsets (and pitches, when `pitched`). */
function barRepetition(notes: readonly MusicNote[], bars: number, pitched: boolean): number {
  if (bars < 2) return 0;
  const patterns: string[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const inBar = notes
      .filter((note) => Math.floor(note.start / musicTicksPerBar) === bar)
      .map((note) => `${Math.round((note.start % musicTicksPerBar) / sixteenth)}${pitched ? `:${note.pitch}` : ''}`)
      .sort();
    patterns.push(inBar.join(','));
  }
  let repeats = 0;
  for (let bar = 1; bar < bars; bar++) {
    if (patterns[bar] !== '' && patterns.slice(0, bar).includes(patterns[bar]!)) repeats++;
  }
  return repeats / (bars - 1);
}
