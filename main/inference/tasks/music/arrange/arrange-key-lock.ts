// The first tokens each track's notes may start with: melody and bass pitches in the spec's range (and the locked
// key's scale), chords whose tones all lie in that scale, every drum of the kit.
import type { ArrangeTrack } from '../../../../../contract/arrange.js';
import { pitchClassNames, type MusicKey } from '../../../../../contract/music.js';
import { scalePitchClasses } from '../music-theory.js';
import type { ArrangeVocabulary } from './arrange-vocabulary.js';

export function allowedFirstTokens(
  vocabulary: ArrangeVocabulary,
  lockedKey?: MusicKey,
): Record<ArrangeTrack, Uint8Array> {
  const inScale = lockedKey ? scalePitchClasses(lockedKey) : new Array<boolean>(12).fill(true);
  const allowed = (family: string, test: (token: number) => boolean): Uint8Array => {
    const mask = new Uint8Array(vocabulary.size);
    const [first, end] = vocabulary.span(family);
    for (let token = first; token < end; token += 1) if (test(token)) mask[token] = 1;
    return mask;
  };
  const pitches = (track: 'melody' | 'bass') => {
    const [lowest, highest] = vocabulary.spec.tracks[track].pitchRange ?? [0, 127];
    return allowed('pitch', (token) => {
      const pitch = vocabulary.numericValue[token]!;
      return pitch >= lowest && pitch <= highest && inScale[pitch % 12]!;
    });
  };
  const qualities = vocabulary.spec.chordQualities;
  return {
    melody: pitches('melody'),
    bass: pitches('bass'),
    chords: allowed('chord', (token) => {
      const [root, quality] = String(vocabulary.value(token)).split(':') as [string, string];
      const intervals = qualities[quality] ?? [];
      return intervals.every(
        (interval) => inScale[(pitchClassNames.indexOf(root as (typeof pitchClassNames)[number]) + interval) % 12],
      );
    }),
    drums: allowed('drum', () => true),
  };
}
