// Reads a Standard MIDI File into notes (for primers and rhythms); the note pairing is shared with the Studio (common/midi-notes.ts).
import { parseMidi } from 'midi-file';
import { MosaicError } from '../../../../contract/index.js';
import { midiFileProblem, parserMessage } from '../../../../common/midi-file-check.js';
import type { MusicNote } from '../../../../contract/music.js';
import { musicTicksPerBeat } from '../../../../contract/music.js';
import { notesOfMidiTracks, primerOfTrack, trackOfPart, type MidiFileNotes } from '../../../../common/midi-notes.js';

export type { MidiFileNotes, MidiTrackNotes } from '../../../../common/midi-notes.js';

/** Reads a MIDI file's notes; `what` names it in the error that says what is wrong with it ("The primer (primerMidi)"). */
export function readMidiFile(bytes: Uint8Array, what = 'The MIDI file'): MidiFileNotes {
  const problem = midiFileProblem(bytes);
  if (problem) throw new MosaicError('BAD_REQUEST', `${what} is not a usable MIDI file: ${problem}.`);
  let parsed: ReturnType<typeof parseMidi>;
  try {
    parsed = parseMidi(bytes);
  } catch (error) {
    throw new MosaicError(
      'BAD_REQUEST',
      `${what} is not a usable MIDI file: its track data is damaged (${parserMessage(error)}).`,
    );
  }
  const file = notesOfMidiTracks(parsed.header.ticksPerBeat!, parsed.tracks);
  if (file.tracks.length === 0)
    throw new MosaicError('BAD_REQUEST', `${what} has no notes (its tracks hold only tempo, names or other events).`);
  return file;
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
  if (!track) {
    const count = file.tracks.length;
    throw new MosaicError(
      'BAD_REQUEST',
      trackIndex !== undefined
        ? `The MIDI file has no track ${trackIndex} with notes (it has ${count}: track 0${count > 1 ? `–${count - 1}` : ''}).`
        : part === 'melody'
          ? 'The MIDI file has no melody notes: all its notes are drums (channel 10). Continue the drums, or give a file with a melody track.'
          : 'The MIDI file has no drum notes (nothing on the percussion channel 10). Continue the melody, or give a drum track.',
    );
  }
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
