// Reads a Standard MIDI File into notes (for primers): tracks with channels and names, tempo and time signature.
import { parseMidi } from 'midi-file';
import { MosaicError } from '../../../contract/index.js';
import type { MusicNote } from '../../../contract/music.js';
import { musicTicksPerBar, musicTicksPerBeat } from '../../../contract/music.js';
import { drumChannel } from './midi-clip.js';

export interface MidiTrackNotes {
  name: string;
  /** Channel of the track's first note (0–15); 9 is percussion. */
  channel: number;
  /** In the file's own ticks. */
  notes: MusicNote[];
}

export interface MidiFileNotes {
  ticksPerBeat: number;
  /** Beats per minute of the first tempo event (120 when there is none). */
  tempo: number;
  timeSignature: [number, number];
  tracks: MidiTrackNotes[];
}

export function readMidiFile(bytes: Uint8Array): MidiFileNotes {
  let parsed: ReturnType<typeof parseMidi>;
  try {
    parsed = parseMidi(bytes);
  } catch (error) {
    throw new MosaicError('BAD_REQUEST', `Not a readable MIDI file: ${(error as Error).message}`);
  }
  const ticksPerBeat = parsed.header.ticksPerBeat;
  if (!ticksPerBeat) throw new MosaicError('BAD_REQUEST', 'SMPTE-timed MIDI files are not supported.');
  let tempo: number | undefined;
  let timeSignature: [number, number] | undefined;
  const tracks: MidiTrackNotes[] = [];
  for (const events of parsed.tracks) {
    let now = 0;
    let name = '';
    let channel: number | undefined;
    const sounding = new Map<number, { start: number; velocity: number }[]>();
    const notes: MusicNote[] = [];
    for (const event of events) {
      now += event.deltaTime;
      if (event.type === 'setTempo') tempo ??= 60_000_000 / event.microsecondsPerBeat;
      else if (event.type === 'timeSignature') timeSignature ??= [event.numerator, event.denominator];
      else if (event.type === 'trackName') name ||= event.text;
      else if (event.type === 'noteOn' && event.velocity > 0) {
        channel ??= event.channel;
        const key = event.channel * 128 + event.noteNumber;
        sounding.set(key, [...(sounding.get(key) ?? []), { start: now, velocity: event.velocity }]);
      } else if (event.type === 'noteOff' || event.type === 'noteOn') {
        const started = sounding.get(event.channel * 128 + event.noteNumber)?.shift();
        if (started) {
          notes.push({
            pitch: event.noteNumber,
            start: started.start,
            duration: Math.max(1, now - started.start),
            velocity: started.velocity,
          });
        }
      }
    }
    if (notes.length > 0)
      tracks.push({ name, channel: channel ?? 0, notes: notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch) });
  }
  return { ticksPerBeat, tempo: tempo ?? 120, timeSignature: timeSignature ?? [4, 4], tracks };
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
  const track =
    trackIndex !== undefined
      ? file.tracks[trackIndex]
      : file.tracks.find((candidate) => (candidate.channel === drumChannel) === (part === 'drums'));
  if (!track)
    throw new MosaicError(
      'BAD_REQUEST',
      `The MIDI file has no ${trackIndex !== undefined ? `track ${trackIndex}` : `${part} notes`}.`,
    );
  const scale = musicTicksPerBeat / file.ticksPerBeat;
  const resampled = track.notes.map((note) => ({
    ...note,
    start: Math.round(note.start * scale),
    duration: Math.max(1, Math.round(note.duration * scale)),
  }));
  const shift = Math.floor(Math.min(...resampled.map((note) => note.start)) / musicTicksPerBar) * musicTicksPerBar;
  const notes = resampled.map((note) => ({ ...note, start: note.start - shift }));
  const end = Math.max(...notes.map((note) => note.start + note.duration));
  return { notes, bars: Math.max(1, Math.ceil(end / musicTicksPerBar)), tempo: file.tempo };
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
