// The arrange-v1 spec in the repository, its tokenizer, and small songs the arrange tests share.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SongTrack } from '../../../../contract/arrange.js';
import type { MusicNote } from '../../../../contract/music.js';
import { ArrangeTokenizer } from '../../../../main/inference/tasks/music/arrange/arrange-tokenizer.js';
import { ArrangeVocabulary } from '../../../../main/inference/tasks/music/arrange/arrange-vocabulary.js';
import { SeededRandom } from '../../../../main/inference/decoding/seeded-random.js';
import { repositoryRoot } from '../music-fixtures.js';

export const arrangeSpecPath = join(repositoryRoot, 'models', 'music-tokenizer', 'arrange-v1.json');
export const tinyArrangeDir = join(repositoryRoot, 'models', 'fixtures', 'tiny-arrange');

export function arrangeTokenizer(): ArrangeTokenizer {
  return new ArrangeTokenizer(ArrangeVocabulary.fromJson(JSON.parse(readFileSync(arrangeSpecPath, 'utf8'))));
}

/** Random notes off the grid (onsets, lengths and velocities anywhere), `perBar` per bar over `bars` bars. */
export function randomNotes(seed: number, bars: number, perBar: number, pitches: readonly number[]): MusicNote[] {
  const random = new SeededRandom(seed);
  const pick = (count: number) => Math.floor(random.nextFloat() * count);
  return Array.from({ length: bars * perBar }, () => ({
    pitch: pitches[pick(pitches.length)]!,
    start: pick(bars * 1920),
    duration: 1 + pick(1900),
    velocity: 1 + pick(127),
  })).sort((a, b) => a.start - b.start);
}

/** A four-track 4-bar song: a C major melody, C–Am–F–G chords as block chords, a root bass and a rock beat. */
export function fourTrackSong(): SongTrack[] {
  const roots = [0, 9, 5, 7];
  const thirds = [4, 3, 4, 4];
  return [
    {
      track: 'melody',
      notes: [0, 1, 2, 3].flatMap((bar) =>
        [0, 4, 8, 12].map((step, i) => ({
          pitch: 72 + [0, 2, 4, 7][(bar + i) % 4]!,
          start: bar * 1920 + step * 120,
          duration: 480,
          velocity: 90,
        })),
      ),
    },
    {
      track: 'chords',
      notes: roots.flatMap((root, bar) =>
        [0, thirds[bar]!, 7].map((interval) => ({
          pitch: 60 + ((root + interval) % 12),
          start: bar * 1920,
          duration: 1920,
          velocity: 70,
        })),
      ),
    },
    {
      track: 'bass',
      notes: roots.flatMap((root, bar) =>
        [0, 8].map((step) => ({ pitch: 36 + root, start: bar * 1920 + step * 120, duration: 900, velocity: 100 })),
      ),
    },
    {
      track: 'drums',
      notes: [0, 1, 2, 3].flatMap((bar) =>
        [0, 2, 4, 6, 8, 10, 12, 14].flatMap((step) => [
          { pitch: 42, start: bar * 1920 + step * 120, duration: 60, velocity: 80 },
          ...(step % 8 === 0 ? [{ pitch: 36, start: bar * 1920 + step * 120, duration: 60, velocity: 110 }] : []),
          ...(step % 8 === 4 ? [{ pitch: 38, start: bar * 1920 + step * 120, duration: 60, velocity: 100 }] : []),
        ]),
      ),
    },
  ];
}
