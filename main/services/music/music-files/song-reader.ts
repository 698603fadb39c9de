// Reads a Standard MIDI File (type 0 or 1) as a song's tracks (melody, chords, bass, drums) for infilling and
// harmonizing: parts by track name, channel 10 or an explicit mapping; ticks at 480 per beat; tempo, 4/4 and key.
import { parseMidi, type MidiData } from 'midi-file';
import type { ArrangeTrack, SongTrack } from '../../../../contract/arrange.js';
import { arrangeTrackTitles, arrangeTracks } from '../../../../contract/arrange.js';
import { MosaicError } from '../../../../contract/errors.js';
import { midiFileProblem, parserMessage } from '../../../../common/midi-file-check.js';
import type { MusicKey, MusicNote } from '../../../../contract/music.js';
import { keyOfSignature, musicTicksPerBar, musicTicksPerBeat } from '../../../../contract/music.js';
import { chordsOfTexts, type TimedText } from './chord-text.js';
import { sourcesOfMidi, type MidiSource } from './midi-sources.js';
import { notesBefore } from './song-clip.js';
import { songTimeProblem } from './song-meter.js';
import { assignParts, describeSources, type AssignedSource, type SongPartMapping } from './song-parts.js';

export type { SongPartMapping } from './song-parts.js';

export interface SongReadOptions {
  /**
   * The part each track plays, for files whose track names say nothing: keys are track numbers as the file counts
   * them from 0 ("2"), track names (any case) or "channel 1"–"channel 16". A part the mapping names is read from the
   * tracks it maps only; the other parts are still found by name and channel.
   */
  mapping?: SongPartMapping;
  /** Parts the caller needs (harmonizing needs the melody): a file without one is refused, saying how to mark it. */
  require?: readonly ArrangeTrack[];
  /** Names the file in errors (default "The MIDI file"). */
  what?: string;
}

export interface SongFile {
  ticksPerBeat: 480;
  /** Beats per minute of the first tempo to 1/100 (microseconds per beat read back: 84, not 83.99997), else 120. */
  tempo: number;
  /** Songs are 4/4: 2/2 bars are read as they are, 2/4 bars in pairs. */
  timeSignature: [4, 4];
  /** The file's first time signature as written (4/4 when it has none). */
  fileTimeSignature: [number, number];
  /** The first key signature's key (major or minor), if the file has one. */
  key?: MusicKey;
  /** 4/4 bars from the start to the last note (or to a later end-of-track on a bar line). */
  bars: number;
  /** One track per part found, in part order; notes cut at the last bar line; the chord track's symbols where its text events name chords. */
  tracks: SongTrack[];
  /** Which tracks (file index, name, channel 1–16) each part was read from, and those with notes that were not read. */
  sources: { part: ArrangeTrack | null; track: number; name: string; channel: number }[];
}

export function readSong(bytes: Uint8Array, options: SongReadOptions = {}): SongFile {
  const what = options.what ?? 'The MIDI file';
  const problem = midiFileProblem(bytes);
  if (problem) throw new MosaicError('BAD_REQUEST', `${what} is not a usable MIDI file: ${problem}.`);
  let data: MidiData;
  try {
    data = parseMidi(bytes);
  } catch (error) {
    const detail = parserMessage(error);
    throw new MosaicError('BAD_REQUEST', `${what} is not a usable MIDI file: its track data is damaged (${detail}).`);
  }
  const file = sourcesOfMidi(data);
  if (file.sources.length === 0)
    throw new MosaicError(
      'BAD_REQUEST',
      `${what} has no notes (its tracks hold only tempo, names or other events): give a file with the notes to keep.`,
    );
  const meterProblem = songTimeProblem(file.timeSignatures, file.ticksPerBeat);
  if (meterProblem) throw new MosaicError('BAD_REQUEST', `${what} ${meterProblem}.`);
  const parts = assignParts(file, options.mapping, what);
  for (const part of options.require ?? []) {
    if (!parts.some((assigned) => assigned.part === part))
      throw new MosaicError('BAD_REQUEST', missingPart(part, what, file.sources));
  }
  const scale = musicTicksPerBeat / file.ticksPerBeat;
  const read = parts.filter((assigned) => assigned.part !== null);
  const notes = new Map<ArrangeTrack, MusicNote[]>();
  for (const { part, source } of read) notes.set(part!, [...(notes.get(part!) ?? []), ...resampled(source, scale)]);
  const bars = songBars([...notes.values()].flat(), Math.round(file.endTick * scale));
  const tracks = arrangeTracks
    .filter((part) => notes.has(part))
    .map((part) => songTrack(part, notes.get(part)!, read, scale, bars * musicTicksPerBar));
  const firstKey = file.keySignatures[0]?.value;
  return {
    ticksPerBeat: musicTicksPerBeat,
    tempo: Math.round((file.tempos[0]?.value ?? 120) * 100) / 100,
    timeSignature: [4, 4],
    fileTimeSignature: file.timeSignatures[0]?.value ?? [4, 4],
    ...(firstKey ? { key: keyOfSignature(firstKey.sharpsOrFlats, firstKey.minor) } : {}),
    bars,
    tracks,
    sources: parts.map(({ part, source }) => ({
      part,
      track: source.track,
      name: source.name,
      channel: source.channel + 1,
    })),
  };
}

/** One part's track: its notes (from every source read as it) cut at `end`, its first source's program, its chords. */
function songTrack(
  part: ArrangeTrack,
  notes: MusicNote[],
  read: readonly AssignedSource[],
  scale: number,
  end: number,
): SongTrack {
  const sources = read.filter((assigned) => assigned.part === part).map((assigned) => assigned.source);
  const program = sources[0]!.program;
  const sorted = notesBefore(
    notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch),
    end,
  );
  const chords = part === 'chords' ? chordsOfTexts(textsOf(sources, scale), sorted, end) : [];
  return {
    track: part,
    ...(program !== undefined ? { program } : {}),
    notes: sorted,
    ...(chords.length > 0 ? { chords } : {}),
  };
}

/** The text events of the tracks the sources are on (each track once), at 480 ticks per beat, in time order. */
function textsOf(sources: readonly MidiSource[], scale: number): TimedText[] {
  const tracks = new Map(sources.map((source) => [source.track, source.texts]));
  return [...tracks.values()]
    .flat()
    .map((text) => ({ ...text, tick: Math.round(text.tick * scale) }))
    .sort((a, b) => a.tick - b.tick);
}

/** Notes at 480 ticks per beat: onsets and ends rounded, so notes that touched still touch. */
function resampled(source: MidiSource, scale: number): MusicNote[] {
  return source.notes.map((note) => {
    const start = Math.round(note.start * scale);
    const end = Math.round((note.start + note.duration) * scale);
    return { ...note, start, duration: Math.max(1, end - start) };
  });
}

/**
 * Bars to the bar of the last onset, and on to a bar line a note ends on or past, or the end-of-track mark passes (a
 * song with rests at its end keeps them); a note ringing a little past a bar line adds no bar.
 */
function songBars(notes: readonly MusicNote[], endTick: number): number {
  const lastOnset = Math.max(...notes.map((note) => note.start));
  const lastEnd = Math.max(...notes.map((note) => note.start + note.duration));
  return Math.max(
    1,
    Math.floor(lastOnset / musicTicksPerBar) + 1,
    Math.floor(lastEnd / musicTicksPerBar),
    Math.floor(endTick / musicTicksPerBar),
  );
}

function missingPart(part: ArrangeTrack, what: string, sources: readonly MidiSource[]): string {
  const title = arrangeTrackTitles[part];
  return (
    `${what} has no ${part} track (${describeSources(sources)}): name the track that holds it "${title}", or map ` +
    `it to ${part} by its track number or name.`
  );
}
