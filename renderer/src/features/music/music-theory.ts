// Note names and key names for the roll; the scale tables and key estimation are the engine's own (contract/music-theory.ts).
import { pitchClassNames, type MusicKey } from '../../../../contract/index.js';

export { estimateKey, scalePitchClasses } from '../../../../contract/music-theory.js';

/** "C4" for MIDI note 60 (middle C), the convention of most DAWs and of the General MIDI drum charts. */
export function noteName(pitch: number): string {
  return `${pitchClassNames[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}

export function isBlackKey(pitch: number): boolean {
  return [1, 3, 6, 8, 10].includes(((pitch % 12) + 12) % 12);
}

/** "A minor", "F# dorian", "C pentatonic major". */
export function describeKey(key: MusicKey): string {
  return `${key.tonic} ${key.scale.replace('-', ' ')}`;
}
