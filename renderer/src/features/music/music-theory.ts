// Note names for the roll; scale tables, key names and key detection are the engine's own (contract/).
import { pitchClassNames } from '../../../../contract/index.js';

export { scalePitchClasses } from '../../../../common/music-theory.js';
export { detectKey } from '../../../../common/key-detection.js';
export { describeKey } from '../../../../contract/music-keys.js';

/** "C4" for MIDI note 60 (middle C), the convention of most DAWs and of the General MIDI drum charts. */
export function noteName(pitch: number): string {
  return `${pitchClassNames[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}

export function isBlackKey(pitch: number): boolean {
  return [1, 3, 6, 8, 10].includes(((pitch % 12) + 12) % 12);
}
