// Which part of a song (melody, chords, bass, drums) a MIDI track plays, from its name, channel and General MIDI program.
import type { ArrangeTrack } from '../../../../contract/arrange.js';
import { drumChannel } from '../../../../common/midi-notes.js';

/** Words that name a part outright, tried in this order ("Bass drum" is drums, "Lead piano" the melody). */
const partWords: [RegExp, ArrangeTrack][] = [
  [/drum|percussion/i, 'drums'],
  [/bass/i, 'bass'],
  [/melody|lead|vocal|voice/i, 'melody'],
  [/chord|harmony/i, 'chords'],
];

/** Instruments that usually accompany when a song has other tracks (a lone "Piano" track is read as the melody). */
const accompanimentWords = /piano|keys|pad|organ|rhodes|comp/i;

/** The part a track's name says outright, if any. */
export function partNamed(name: string): ArrangeTrack | undefined {
  return partWords.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * The part of one of several tracks: percussion channel 10 or a drum name is drums; else what its name says (an
 * accompanying instrument's name is the chords); else a General MIDI bass program (32–39) is the bass; else none.
 */
export function partOfTrack(name: string, channel: number, program: number | undefined): ArrangeTrack | undefined {
  if (channel === drumChannel) return 'drums';
  const named = partNamed(name) ?? (accompanimentWords.test(name) ? 'chords' : undefined);
  if (named) return named;
  return program !== undefined && program >= 32 && program <= 39 ? 'bass' : undefined;
}

/** The part of a file's only track: drums on channel 10, a part its name says outright, else the melody. */
export function partOfOnlyTrack(name: string, channel: number): ArrangeTrack {
  return channel === drumChannel ? 'drums' : (partNamed(name) ?? 'melody');
}
