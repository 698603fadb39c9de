// Reads a dropped .mid for the Studio to show before it is continued: the service's own note reading (common/midi-notes.ts).
import { notesOfMidiTracks, primerOfTrack, trackOfPart } from '../../../../common/midi-notes.js';
import { parseMidiBytes } from './parse-midi-bytes.js';
import { musicParts } from '../../state/music-settings.js';
import type { MusicClipFile } from '../../state/music-requests.js';

/*
 * The bytes go to music.continue / music.drums as they are (the service reads them again); this preview reads the same
 * tracks the same way so the roll can draw the primer, Continue can pick the part the file has, and the key and tempo
 * fields can start from the primer's.
 */

/** Reads a Standard MIDI File; throws an Error with a readable message when it is not one or has no notes. */
export function readMidiClip(name: string, bytes: Uint8Array, base64: string): MusicClipFile {
  const parsed = parseMidiBytes(name, bytes);
  const ticksPerBeat = parsed.header.ticksPerBeat!;
  const file = notesOfMidiTracks(ticksPerBeat, parsed.tracks);
  const parts: MusicClipFile['parts'] = {};
  for (const part of musicParts) {
    const track = trackOfPart(file, part);
    if (track) parts[part] = primerOfTrack(track, ticksPerBeat);
  }
  if (!parts.melody && !parts.drums)
    throw new Error(`${name} has no notes (its tracks hold only tempo, names or other events).`);
  return { name, base64, tempo: Math.round(file.tempo), parts };
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
