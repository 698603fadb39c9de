// Reads a .mid dropped on the Arrange canvas as a song: each file track given a part by its name ("Bass", "Drums"…),
// channel 10 for drums, else by register (the lowest line is the bass, a chordal one the chords), at 480 ticks a beat.
import {
  arrangeTracks,
  musicTicksPerBar,
  musicTicksPerBeat,
  type ArrangeTrack,
  type MusicKey,
  type SongTrack,
} from '../../../../contract/index.js';
import { detectKey } from '../../../../common/key-detection.js';
import { drumChannel, notesOfMidiTracks, type MidiTrackNotes } from '../../../../common/midi-notes.js';
import { parseMidiBytes } from '../music/parse-midi-bytes.js';

export interface SongFile {
  name: string;
  tracks: SongTrack[];
  bars: number;
  tempo: number;
  key?: MusicKey;
}

const namePatterns: [ArrangeTrack, RegExp][] = [
  ['drums', /drum|kit|perc|beat/i],
  ['bass', /bass/i],
  ['chords', /chord|pad|comp|keys|piano|harmon/i],
  ['melody', /melod|lead|vocal|voice|tune|solo/i],
];

function meanPitch(track: MidiTrackNotes): number {
  return track.notes.reduce((sum, note) => sum + note.pitch, 0) / track.notes.length;
}

/** Share of notes starting together with another: high for chords. */
function chordalShare(track: MidiTrackNotes): number {
  const starts = new Map<number, number>();
  for (const note of track.notes) starts.set(note.start, (starts.get(note.start) ?? 0) + 1);
  return track.notes.filter((note) => (starts.get(note.start) ?? 0) > 1).length / track.notes.length;
}

/** Gives each file track a part (or none); a part is taken by its first track. */
export function assignSongParts(tracks: readonly MidiTrackNotes[]): Map<ArrangeTrack, MidiTrackNotes> {
  const parts = new Map<ArrangeTrack, MidiTrackNotes>();
  const left = [...tracks];
  const take = (part: ArrangeTrack, track: MidiTrackNotes | undefined): void => {
    if (!track || parts.has(part)) return;
    parts.set(part, track);
    left.splice(left.indexOf(track), 1);
  };
  take(
    'drums',
    left.find((track) => track.channel === drumChannel),
  );
  for (const [part, pattern] of namePatterns)
    take(
      part,
      left.find((track) => track.channel !== drumChannel && pattern.test(track.name)),
    );
  const melodic = (): MidiTrackNotes[] => left.filter((track) => track.channel !== drumChannel);
  // A low line is the bass unless it is the file's only melodic line (then it is the melody to build on).
  const low = (track: MidiTrackNotes): boolean =>
    meanPitch(track) < 50 && (parts.has('melody') || melodic().length > 1);
  if (!parts.has('bass')) take('bass', melodic().find(low));
  if (!parts.has('chords'))
    take(
      'chords',
      melodic().find((track) => chordalShare(track) > 0.5),
    );
  if (!parts.has('melody')) take('melody', melodic()[0]);
  return parts;
}

export function readSongFile(name: string, bytes: Uint8Array): SongFile {
  const parsed = parseMidiBytes(name, bytes);
  const file = notesOfMidiTracks(parsed.header.ticksPerBeat!, parsed.tracks);
  const parts = assignSongParts(file.tracks);
  if (parts.size === 0) throw new Error(`${name} has no notes (its tracks hold only tempo, names or other events).`);
  const scale = musicTicksPerBeat / file.ticksPerBeat;
  const tracks = arrangeTracks.flatMap((part): SongTrack[] => {
    const source = parts.get(part);
    if (!source) return [];
    const notes = source.notes.map((note) => ({
      pitch: note.pitch,
      start: Math.round(note.start * scale),
      duration: Math.max(1, Math.round(note.duration * scale)),
      velocity: Math.min(127, Math.max(1, note.velocity)),
    }));
    return [{ track: part, notes }];
  });
  const last = Math.max(...tracks.flatMap((track) => track.notes.map((note) => note.start)));
  const bars = Math.floor(last / musicTicksPerBar) + 1;
  if (bars > 32) throw new Error(`${name} is ${bars} bars long; the arrange model works on songs of at most 32 bars.`);
  const pitched = tracks.filter((track) => track.track !== 'drums').flatMap((track) => track.notes);
  const key = pitched.length > 0 ? detectKey(pitched)?.key : undefined;
  return { name, tracks, bars, tempo: Math.round(file.tempo), ...(key ? { key } : {}) };
}

/** Reads a File the user dropped or picked. */
export async function readSongFileOf(file: File): Promise<SongFile> {
  if (file.size > 1024 * 1024) throw new Error(`${file.name} is larger than 1 MiB; drop a shorter song.`);
  return readSongFile(file.name, new Uint8Array(await file.arrayBuffer()));
}
