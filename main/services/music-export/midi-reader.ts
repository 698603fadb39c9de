// Reads a Standard MIDI File into notes (for primers and rhythms); the note pairing is shared with the Studio (contract/midi-notes.ts).
import { parseMidi } from 'midi-file';
import { MosaicError } from '../../../contract/index.js';
import type { MusicNote } from '../../../contract/music.js';
import { musicTicksPerBeat } from '../../../contract/music.js';
import { notesOfMidiTracks, primerOfTrack, trackOfPart, type MidiFileNotes } from '../../../contract/midi-notes.js';

export type { MidiFileNotes, MidiTrackNotes } from '../../../contract/midi-notes.js';

export function readMidiFile(bytes: Uint8Array): MidiFileNotes {
  let parsed: ReturnType<typeof parseMidi>;
  try {
    parsed = parseMidi(bytes);
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', `Not a readable MIDI file: ${(error as Error).message}`);
  }
  const ticksPerBeat = parsed.header.ticksPerBeat;
  if (!ticksPerBeat) throw new MosaicError('BAD_REQUEST', 'SMPTE-timed MIDI files are not supported.');
  return notesOfMidiTracks(ticksPerBeat, parsed.tracks);
}

export interface Primer {
  /** Ticks at 480 per quarter note, shifted by whole bars so the first note falls in the first bar. */
  notes: MusicNote[];
  /** 4/4 bars the primer spans (to the end of its last note). */
  bars: number;
  tempo: number;
}

/**
 * The notes of one part as a primer for `music.melody` or `music.drums`: the first track on a melodic channel, or the
 * percussion channel's notes for drums (or the track at `trackIndex`).
 */
export function primerFromMidi(file: MidiFileNotes, part: 'melody' | 'drums', trackIndex?: number): Primer {
  const track = trackIndex !== undefined ? file.tracks[trackIndex] : trackOfPart(file, part);
  if (!track)
    throw new MosaicError(
      'BAD_REQUEST',
      `The MIDI file has no ${trackIndex !== undefined ? `track ${trackIndex}` : `${part} notes`}.`,
    );
  return { ...primerOfTrack(track, file.ticksPerBeat), tempo: file.tempo };
}

/**
 * The onsets of a part as a rhythm for `music.drums` (`rhythm` param): the distinct 16th steps its notes start on
 * within the first `bars` bars (1–4), from notes at 480 ticks per quarter note (e.g. a primer's).
 */
export function rhythmFromNotes(notes: readonly MusicNote[], bars = 1): { steps: number[]; bars: number } {
  const stepTicks = musicTicksPerBeat / 4;
  const length = Math.min(4, Math.max(1, Math.round(bars))) * 16;
  const steps = new Set<number>();
  for (const note of notes) {
    const step = Math.floor((2 * note.start + stepTicks) / (2 * stepTicks));
    if (step < length) steps.add(step);
  }
  if (steps.size === 0) throw new MosaicError('BAD_REQUEST', `No onsets in the first ${length / 16} bar(s).`);
  return { steps: [...steps].sort((a, b) => a - b), bars: length / 16 };
}
