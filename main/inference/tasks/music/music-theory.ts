// Keys and scales for the music models: the shared theory (common/music-theory.ts) and the key token a scale conditions on.
import type { MusicKey, ScaleName } from '../../../../contract/music.js';

export { estimateKey, scalePitchClasses } from '../../../../common/music-theory.js';

const minorFamily: ReadonlySet<ScaleName> = new Set([
  'minor',
  'harmonic-minor',
  'melodic-minor',
  'dorian',
  'phrygian',
  'pentatonic-minor',
  'blues',
]);

/** The key token value the models know ("A-minor"): minor-like scales condition on minor, the rest on major. */
export function keyTokenValue(key: MusicKey): string {
  return `${key.tonic}-${minorFamily.has(key.scale) ? 'minor' : 'major'}`;
}
