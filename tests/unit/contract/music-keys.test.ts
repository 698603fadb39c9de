// Keys by name: both spellings of a tonic are accepted everywhere, shown as given, and written as key signatures.
import { describe, expect, it } from 'vitest';
import {
  describeKey,
  keySignature,
  keyOfSignature,
  musicKeySchema,
  parseMusicKey,
  type MusicKey,
} from '../../../contract/music-keys.js';

describe('musicKeySchema', () => {
  it.each([
    ['Bb minor', { tonic: 'A#', scale: 'minor', spelling: 'flat' }],
    ['A# minor', { tonic: 'A#', scale: 'minor', spelling: 'sharp' }],
    ['bb', { tonic: 'A#', scale: 'major', spelling: 'flat' }],
    ['B♭ dorian', { tonic: 'A#', scale: 'dorian', spelling: 'flat' }],
    ['Ebm', { tonic: 'D#', scale: 'minor', spelling: 'flat' }],
    ['F#-minor', { tonic: 'F#', scale: 'minor', spelling: 'sharp' }],
    ['B blues', { tonic: 'B', scale: 'blues' }],
    ['d Dorian', { tonic: 'D', scale: 'dorian' }],
    ['C harmonic minor', { tonic: 'C', scale: 'harmonic-minor' }],
    ['A aeolian', { tonic: 'A', scale: 'minor' }],
    [
      { tonic: 'Bb', scale: 'minor' },
      { tonic: 'A#', scale: 'minor', spelling: 'flat' },
    ],
    [
      { tonic: 'A#', scale: 'minor', spelling: 'flat' },
      { tonic: 'A#', scale: 'minor', spelling: 'flat' },
    ],
    [{ tonic: 'G' }, { tonic: 'G', scale: 'major' }],
  ])('reads %j', (input, expected) => {
    expect(musicKeySchema.parse(input)).toEqual(expected);
  });

  it.each([
    ['H minor', /"H minor" is not a key/],
    ['Bb dorain', /"dorain" is not a scale/],
    [{ tonic: 'Bb', scale: 'locrian' }, /"locrian" is not a scale/],
  ])('refuses %j saying what to write', (input, message) => {
    const parsed = musicKeySchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
    expect(parsed.error?.issues[0]?.message).toMatch(/"A minor", "Bb major"/);
  });
});

describe('describeKey', () => {
  it('spells the tonic as given, else as the key signature does', () => {
    expect(describeKey(parseMusicKey('Bb minor'))).toBe('Bb minor');
    expect(describeKey(parseMusicKey('A# minor'))).toBe('A# minor');
    expect(describeKey({ tonic: 'A#', scale: 'minor' })).toBe('Bb minor');
    expect(describeKey({ tonic: 'D#', scale: 'major' })).toBe('Eb major');
    expect(describeKey({ tonic: 'F#', scale: 'major' })).toBe('F# major');
    expect(describeKey({ tonic: 'G#', scale: 'minor' })).toBe('G# minor');
    expect(describeKey({ tonic: 'D#', scale: 'dorian' })).toBe('Eb dorian');
    expect(describeKey({ tonic: 'C', scale: 'pentatonic-major' })).toBe('C pentatonic major');
  });
});

describe('keySignature', () => {
  it.each<[MusicKey, number, boolean]>([
    [{ tonic: 'A', scale: 'minor' }, 0, true],
    [{ tonic: 'D', scale: 'dorian' }, 0, false],
    [{ tonic: 'E', scale: 'phrygian' }, 0, false],
    [{ tonic: 'F', scale: 'lydian' }, 0, false],
    [{ tonic: 'G', scale: 'mixolydian' }, 0, false],
    [{ tonic: 'A', scale: 'harmonic-minor' }, 0, true],
    [{ tonic: 'E', scale: 'blues' }, 1, true],
    [{ tonic: 'D', scale: 'major' }, 2, false],
    [{ tonic: 'F', scale: 'major' }, -1, false],
    [{ tonic: 'A#', scale: 'minor' }, -5, true],
    [{ tonic: 'A#', scale: 'minor', spelling: 'sharp' }, 7, true],
    [{ tonic: 'F#', scale: 'major', spelling: 'flat' }, -6, false],
    [{ tonic: 'D#', scale: 'major', spelling: 'sharp' }, -3, false],
    [{ tonic: 'C#', scale: 'dorian' }, 5, false],
  ])('%j has %i sharps (− flats), minor %s', (key, sharpsOrFlats, minor) => {
    expect(keySignature(key)).toEqual({ sharpsOrFlats, minor });
  });
});

describe('keyOfSignature', () => {
  it.each([
    [0, false, 'C major'],
    [0, true, 'A minor'],
    [-3, true, 'C minor'],
    [-5, true, 'Bb minor'],
    [6, false, 'F# major'],
    [-6, false, 'Gb major'],
    [7, true, 'A# minor'],
    [-2, false, 'Bb major'],
  ])('%i sharps (− flats), minor %s, is %s', (sharpsOrFlats, minor, name) => {
    expect(describeKey(keyOfSignature(sharpsOrFlats, minor))).toBe(name);
  });

  it('gives back every signature it reads, except Cb major (B major has no flat spelling)', () => {
    for (let sharpsOrFlats = -7; sharpsOrFlats <= 7; sharpsOrFlats += 1)
      for (const minor of [false, true])
        if (sharpsOrFlats !== -7 || minor)
          expect(keySignature(keyOfSignature(sharpsOrFlats, minor))).toEqual({ sharpsOrFlats, minor });
  });
});
