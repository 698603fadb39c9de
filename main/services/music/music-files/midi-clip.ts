// A clip ready to write as a Standard MIDI File: conductor settings and named tracks of notes; built from task results.
import { drumChannel } from '../../../../common/midi-notes.js';
import type { MusicNote, MusicResult } from '../../../../contract/music.js';
import { keySignature } from '../../../../contract/music.js';

export { drumChannel };

export interface MidiTrackSpec {
  name: string;
  /** 0–15; 9 plays General MIDI drums. */
  channel: number;
  /** General MIDI program, 0–127 (0 = Acoustic Grand Piano). */
  program: number;
  /** Channel volume (controller 7, 0–127) written at the start; absent: none written (General MIDI's default is 100). */
  volume?: number;
  notes: readonly MusicNote[];
  /** Text events (chord symbols on a Chords track). */
  texts?: readonly { tick: number; text: string }[];
}

export interface MidiClip {
  name: string;
  ticksPerBeat: number;
  /** Beats per minute. */
  tempo: number;
  timeSignature: readonly [number, number];
  /** The key signature of the key asked for (a mode as its relative major's, minor-family scales as a minor key's). */
  keySignature?: { sharpsOrFlats: number; minor: boolean };
  /** Length in ticks (the end-of-track marks); default: the end of the last note. */
  lengthTicks?: number;
  tracks: readonly MidiTrackSpec[];
}

export interface ClipOptions {
  name?: string;
  /** General MIDI program of a melody track (default 0, piano). */
  program?: number;
}

/** One variation of a `music.melody` or `music.drums` result as a two-track clip (conductor + instrument). */
export function clipFromResult(result: MusicResult, variation = 0, options: ClipOptions = {}): MidiClip {
  const chosen = result.variations[variation];
  if (!chosen) throw new RangeError(`No variation ${variation} (the result has ${result.variations.length}).`);
  const drums = result.task === 'music.drums';
  return {
    name: options.name ?? (drums ? 'Mosaic drums' : 'Mosaic melody'),
    ticksPerBeat: result.ticksPerBeat,
    tempo: result.tempo,
    timeSignature: result.timeSignature,
    ...(result.key && !drums ? { keySignature: keySignature(result.key) } : {}),
    lengthTicks: result.bars * result.timeSignature[0] * result.ticksPerBeat,
    tracks: [
      {
        name: drums ? 'Drums' : 'Melody',
        channel: drums ? drumChannel : 0,
        program: drums ? 0 : (options.program ?? 0),
        notes: chosen.notes,
      },
    ],
  };
}

/** Length of a clip in seconds at its tempo. */
export function clipSeconds(clip: MidiClip): number {
  const end =
    clip.lengthTicks ??
    Math.max(0, ...clip.tracks.flatMap((track) => track.notes.map((note) => note.start + note.duration)));
  return (end / clip.ticksPerBeat) * (60 / clip.tempo);
}
