// Masks that wrap another constraint: the key lock (pitches outside the scale or the range never appear) and the drum kit.
import type { MusicKey } from '../../../../contract/music.js';
import type { TokenConstraint } from '../../decoding/token-constraint.js';
import { scalePitchClasses } from './music-theory.js';
import type { RemiVocabulary } from './remi-vocabulary.js';

/** Forbids a fixed set of tokens on top of what the inner constraint allows. */
export class KeyLockConstraint implements TokenConstraint {
  constructor(
    private readonly inner: TokenConstraint,
    /** 1 for every token that may never be chosen. */
    private readonly forbidden: Uint8Array,
  ) {}

  writeAllowed(mask: Uint8Array): boolean {
    if (!this.inner.writeAllowed(mask)) mask.fill(1);
    for (let token = 0; token < mask.length; token += 1) if (this.forbidden[token]) mask[token] = 0;
    return true;
  }

  accept(token: number): void {
    this.inner.accept(token);
  }

  isComplete(): boolean {
    return this.inner.isComplete();
  }
}

/** Pitch tokens outside the key's scale (when given) or outside [lowest, highest] (when given). */
export function forbiddenPitches(
  vocabulary: RemiVocabulary,
  key: MusicKey | undefined,
  range: { lowest: number; highest: number } | undefined,
): Uint8Array {
  const forbidden = new Uint8Array(vocabulary.size);
  const inScale = key ? scalePitchClasses(key) : undefined;
  const [first, end] = vocabulary.span('pitch');
  for (let token = first; token < end; token += 1) {
    const pitch = Number(vocabulary.value(token));
    const outside = (inScale && !inScale[pitch % 12]) || (range && (pitch < range.lowest || pitch > range.highest));
    if (outside) forbidden[token] = 1;
  }
  return forbidden;
}

/** Drum tokens whose General MIDI key is not among `keys`. */
export function forbiddenDrums(vocabulary: RemiVocabulary, keys: readonly number[]): Uint8Array {
  const forbidden = new Uint8Array(vocabulary.size);
  const [first, end] = vocabulary.span('drum');
  for (let token = first; token < end; token += 1) {
    if (!keys.includes(Number(vocabulary.value(token)))) forbidden[token] = 1;
  }
  return forbidden;
}
