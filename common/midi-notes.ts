// Notes out of a parsed Standard MIDI File and one part of them as a primer, for the music service and the Studio alike.
import type { MusicNote } from '../contract/music.js';
import { musicTicksPerBar, musicTicksPerBeat } from '../contract/music.js';

/** MIDI channel 10 (index 9) is General MIDI's percussion channel. */
export const drumChannel = 9;

/** The fields of a parsed MIDI event (as `midi-file` yields them) that notes, tempo and names are read from. */
export interface MidiEventFields {
  /** Ticks since the track's previous event. */
  deltaTime: number;
  type: string;
  channel?: number;
  noteNumber?: number;
  velocity?: number;
  microsecondsPerBeat?: number;
  numerator?: number;
  denominator?: number;
  text?: string;
}

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

/** Pairs note-ons with their note-offs in every track; tracks without notes are left out. */
export function notesOfMidiTracks(
  ticksPerBeat: number,
  tracks: readonly (readonly MidiEventFields[])[],
): MidiFileNotes {
  let tempo: number | undefined;
  let timeSignature: [number, number] | undefined;
  const result: MidiTrackNotes[] = [];
  for (const events of tracks) {
    let now = 0;
    let name = '';
    let channel: number | undefined;
    const sounding = new Map<number, { start: number; velocity: number }[]>();
    const notes: MusicNote[] = [];
    for (const event of events) {
      now += event.deltaTime;
      if (event.type === 'setTempo' && event.microsecondsPerBeat) tempo ??= 60_000_000 / event.microsecondsPerBeat;
      else if (event.type === 'timeSignature' && event.numerator && event.denominator)
        timeSignature ??= [event.numerator, event.denominator];
      else if (event.type === 'trackName' && event.text) name ||= event.text;
      else if (event.type !== 'noteOn' && event.type !== 'noteOff') continue;
      const key = (event.channel ?? 0) * 128 + (event.noteNumber ?? 0);
      if (event.type === 'noteOn' && (event.velocity ?? 0) > 0) {
        channel ??= event.channel;
        sounding.set(key, [...(sounding.get(key) ?? []), { start: now, velocity: event.velocity! }]);
      } else if (event.type === 'noteOff' || event.type === 'noteOn') {
        const started = sounding.get(key)?.shift();
        if (started) {
          notes.push({
            pitch: event.noteNumber!,
            start: started.start,
            duration: Math.max(1, now - started.start),
            velocity: started.velocity,
          });
        }
      }
    }
    if (notes.length > 0)
      result.push({ name, channel: channel ?? 0, notes: notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch) });
  }
  return { ticksPerBeat, tempo: tempo ?? 120, timeSignature: timeSignature ?? [4, 4], tracks: result };
}

/** The first track of a part: a melodic channel's for a melody, the percussion channel's for drums. */
export function trackOfPart(file: MidiFileNotes, part: 'melody' | 'drums'): MidiTrackNotes | undefined {
  return file.tracks.find((candidate) => (candidate.channel === drumChannel) === (part === 'drums'));
}

/**
 * A track's notes resampled to 480 ticks per quarter note and shifted by whole bars so the first note falls in the
 * first bar, and the 4/4 bars they span (to the end of the last note).
 */
export function primerOfTrack(track: MidiTrackNotes, ticksPerBeat: number): { notes: MusicNote[]; bars: number } {
  const scale = musicTicksPerBeat / ticksPerBeat;
  const resampled = track.notes.map((note) => ({
    ...note,
    start: Math.round(note.start * scale),
    duration: Math.max(1, Math.round(note.duration * scale)),
  }));
  const shift = Math.floor(Math.min(...resampled.map((note) => note.start)) / musicTicksPerBar) * musicTicksPerBar;
  const notes = resampled.map((note) => ({ ...note, start: note.start - shift }));
  const end = Math.max(...notes.map((note) => note.start + note.duration));
  return { notes, bars: Math.max(1, Math.ceil(end / musicTicksPerBar)) };
}
