// Reads a dropped .mid the way the music service will (first melodic track, or channel 10 for drums) to draw it.
import { parseMidi } from 'midi-file';
import type { MusicNote } from '../../../../contract/index.js';
import { musicTicksPerBar, musicTicksPerBeat } from '../../../../contract/index.js';
import type { MusicClipFile } from '../../state/music-requests.js';

/** General MIDI percussion is channel 10, index 9. */
const drumChannel = 9;

interface TrackNotes {
  channel: number;
  notes: MusicNote[];
}

function tracksOf(parsed: ReturnType<typeof parseMidi>): { tracks: TrackNotes[]; tempo: number } {
  let tempo: number | undefined;
  const tracks: TrackNotes[] = [];
  for (const events of parsed.tracks) {
    let now = 0;
    let channel: number | undefined;
    const sounding = new Map<number, { start: number; velocity: number }[]>();
    const notes: MusicNote[] = [];
    for (const event of events) {
      now += event.deltaTime;
      if (event.type === 'setTempo') tempo ??= 60_000_000 / event.microsecondsPerBeat;
      else if (event.type === 'noteOn' && event.velocity > 0) {
        channel ??= event.channel;
        const key = event.channel * 128 + event.noteNumber;
        sounding.set(key, [...(sounding.get(key) ?? []), { start: now, velocity: event.velocity }]);
      } else if (event.type === 'noteOff' || event.type === 'noteOn') {
        const started = sounding.get(event.channel * 128 + event.noteNumber)?.shift();
        if (started) {
          const duration = Math.max(1, now - started.start);
          notes.push({ pitch: event.noteNumber, start: started.start, duration, velocity: started.velocity });
        }
      }
    }
    if (notes.length > 0 && channel !== undefined) tracks.push({ channel, notes });
  }
  return { tracks, tempo: tempo ?? 120 };
}

/** Notes resampled to 480 ticks per beat and shifted by whole bars so the first falls in the first bar. */
function partOf(track: TrackNotes, ticksPerBeat: number): { notes: MusicNote[]; bars: number } {
  const scale = musicTicksPerBeat / ticksPerBeat;
  const resampled = track.notes.map((note) => ({
    ...note,
    start: Math.round(note.start * scale),
    duration: Math.max(1, Math.round(note.duration * scale)),
  }));
  const shift = Math.floor(Math.min(...resampled.map((note) => note.start)) / musicTicksPerBar) * musicTicksPerBar;
  const notes = resampled
    .map((note) => ({ ...note, start: note.start - shift }))
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const end = Math.max(...notes.map((note) => note.start + note.duration));
  return { notes, bars: Math.max(1, Math.ceil(end / musicTicksPerBar)) };
}

/** Reads a Standard MIDI File; throws an Error with a readable message when it is not one or has no notes. */
export function readMidiClip(name: string, bytes: Uint8Array, base64: string): MusicClipFile {
  let parsed: ReturnType<typeof parseMidi>;
  try {
    parsed = parseMidi(bytes);
  } catch (error) {
    throw new Error(`${name} is not a readable MIDI file (${(error as Error).message}).`, { cause: error });
  }
  const ticksPerBeat = parsed.header.ticksPerBeat;
  if (!ticksPerBeat) throw new Error(`${name} is timed in SMPTE frames, which is not supported.`);
  const { tracks, tempo } = tracksOf(parsed);
  const melody = tracks.find((track) => track.channel !== drumChannel);
  const drums = tracks.find((track) => track.channel === drumChannel);
  if (!melody && !drums) throw new Error(`${name} has no notes.`);
  return {
    name,
    base64,
    tempo: Math.round(tempo),
    parts: {
      ...(melody ? { melody: partOf(melody, ticksPerBeat) } : {}),
      ...(drums ? { drums: partOf(drums, ticksPerBeat) } : {}),
    },
  };
}

/** Reads a File the user dropped or picked (the base64 is what the contract takes). */
export async function readMidiFile(file: File): Promise<MusicClipFile> {
  if (file.size > 1024 * 1024) throw new Error(`${file.name} is larger than 1 MiB; pick a shorter clip.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return readMidiClip(file.name, bytes, btoa(text));
}
