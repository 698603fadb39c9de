// File names for exported clips, from what was generated: "melody-A-minor-110bpm-seed7-v2", "drums-funk-96bpm-seed7-v1".
import type { MusicKey, MusicResult } from '../../../contract/index.js';
import { tonicName } from '../../../contract/index.js';
import type { MusicMode } from './music-settings.js';

/** "F#" is not allowed in exported names (nor liked by every file system): it becomes "Fsharp"; "Bb" stays. */
export function keyFileName(key: MusicKey): string {
  return `${tonicName(key).replace('#', 'sharp')}-${key.scale}`;
}

/** The style a result was conditioned on ("Style_funk" → "funk"), or null. */
export function styleOf(result: Pick<MusicResult, 'conditioning'>): string | null {
  const token = result.conditioning.find((entry) => entry.startsWith('Style_'));
  return token ? token.slice('Style_'.length) : null;
}

/**
 * A name without extension, at most 120 characters of [A-Za-z0-9._ -] (what music.export and drag-out accept):
 * the mode, the key (melody) or style (drums), the tempo, the seed and the variation counted from 1.
 */
export function musicClipName(
  take: { mode: MusicMode; seed: number; result: Pick<MusicResult, 'task' | 'key' | 'tempo' | 'conditioning'> },
  variation: number,
): string {
  const { mode, seed, result } = take;
  const drums = result.task === 'music.drums';
  const words = [
    mode === 'continue' ? 'continue' : null,
    drums ? 'drums' : mode === 'continue' ? null : 'melody',
    drums ? styleOf(result) : result.key ? keyFileName(result.key) : null,
    `${Math.round(result.tempo)}bpm`,
    `seed${seed}`,
    `v${variation + 1}`,
  ];
  return words
    .filter((word): word is string => Boolean(word))
    .join('-')
    .replace(/[^A-Za-z0-9._ -]/g, '')
    .slice(0, 120);
}
