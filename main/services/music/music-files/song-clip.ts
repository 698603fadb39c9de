// An arranged song (`music.arrange` result) as a clip: one named track per part on its own channel, drums on channel 10.
import {
  arrangeTrackTitles,
  arrangeTracks,
  defaultTrackPrograms,
  type ArrangeTrack,
} from '../../../../contract/arrange.js';
import type { ArrangeResult, SongTrack } from '../../../../contract/arrange.js';
import { drumChannel } from '../../../../common/midi-notes.js';
import type { MusicNote } from '../../../../contract/music.js';
import { keySignature, musicTicksPerBar } from '../../../../contract/music.js';
import { chordTexts } from './chord-text.js';
import type { MidiClip, MidiTrackSpec } from './midi-clip.js';

/** MIDI channel (0-based) of each part: pitched parts on channels 1–3, drums on General MIDI's percussion channel 10. */
export const songPartChannels: Record<ArrangeTrack, number> = { melody: 0, chords: 1, bass: 2, drums: drumChannel };

/**
 * Channel volume (controller 7) of each part, so the mix is balanced in the WAV and in a DAW alike. Measured with the
 * bundled SoundFont on a four-part song, every note at velocity 90 (RMS): bass and drums within 1 dB of the melody,
 * the chord track's sustained three- and four-note voicings about 3 dB under it. The piano is the quietest of the
 * four at equal volume, so the melody gets full volume.
 */
export const songPartVolumes: Record<ArrangeTrack, number> = { melody: 127, chords: 66, bass: 88, drums: 100 };

export interface SongClipOptions {
  /** The conductor track's name (the song's title in a DAW). */
  name?: string;
}

/** One variation of an arranged song as a clip of `bars` bars: notes past the last bar line are cut there. */
export function clipFromSong(result: ArrangeResult, variation = 0, options: SongClipOptions = {}): MidiClip {
  const chosen = result.variations[variation];
  if (!chosen) throw new RangeError(`No variation ${variation} (the result has ${result.variations.length}).`);
  const lengthTicks = result.bars * musicTicksPerBar;
  const flats = result.key ? keySignature(result.key).sharpsOrFlats < 0 : false;
  const tracks = [...chosen.tracks].sort((a, b) => arrangeTracks.indexOf(a.track) - arrangeTracks.indexOf(b.track));
  return {
    name: options.name ?? 'Mosaic song',
    ticksPerBeat: result.ticksPerBeat,
    tempo: result.tempo,
    timeSignature: result.timeSignature,
    ...(result.key ? { keySignature: keySignature(result.key) } : {}),
    lengthTicks,
    tracks: tracks.map((track) => partTrack(track, lengthTicks, flats)),
  };
}

/** A part's track; the chord track's symbols become text events, roots spelled as the key signature spells them. */
function partTrack(track: SongTrack, lengthTicks: number, flats: boolean): MidiTrackSpec {
  return {
    name: arrangeTrackTitles[track.track],
    channel: songPartChannels[track.track],
    program: track.program ?? defaultTrackPrograms[track.track],
    volume: songPartVolumes[track.track],
    notes: notesBefore(track.notes, lengthTicks),
    ...(track.chords?.length ? { texts: chordTexts(track.chords, lengthTicks, flats) } : {}),
  };
}

/** The notes that start before `end`, those still sounding there released at `end`. */
export function notesBefore(notes: readonly MusicNote[], end: number): MusicNote[] {
  return notes
    .filter((note) => note.start < end)
    .map((note) => (note.start + note.duration <= end ? note : { ...note, duration: end - note.start }));
}
