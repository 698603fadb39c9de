// Chord symbols voiced in root position around C4 with smooth voice leading, and block chords recognised as symbols.
import { describe, expect, it } from 'vitest';
import { chordQualities, chordQualityNames, type ChordSymbol } from '../../../../contract/arrange.js';
import { pitchClassNames } from '../../../../contract/music.js';
import {
  chordsFromNotes,
  recogniseChord,
  voiceChord,
  voiceChords,
} from '../../../../main/inference/tasks/music/arrange/chord-voicing.js';

describe('chord voicing', () => {
  it('voices a first chord close around C4 in root position', () => {
    expect(voiceChord(0, 'maj')).toEqual([60, 64, 67]);
    expect(voiceChord(9, 'min7')).toEqual([57, 60, 64, 67]);
  });

  it('voices every chord in root position: the root lowest, the quality above it, within C3–B5', () => {
    for (let root = 0; root < 12; root += 1) {
      for (const quality of chordQualityNames) {
        const voices = voiceChord(root, quality, [55, 59, 62]);
        expect(voices[0]! % 12).toBe(root);
        expect(voices.map((pitch) => pitch - voices[0]!)).toEqual([...chordQualities[quality]]);
        expect(voices[0]).toBeGreaterThanOrEqual(48);
        expect(voices.at(-1)).toBeLessThanOrEqual(83);
      }
    }
  });

  it('leads voices smoothly: a progression moves less than re-voicing every chord around C4 alone', () => {
    const progression: [number, 'maj' | 'min' | '7'][] = [
      [0, 'maj'],
      [5, 'maj'],
      [7, '7'],
      [9, 'min'],
      [2, 'min'],
      [7, '7'],
      [0, 'maj'],
      [11, 'maj'],
    ];
    const symbols: ChordSymbol[] = progression.map(([root, quality], i) => ({
      start: i * 1920,
      duration: 1920,
      root: pitchClassNames[root]!,
      quality,
      velocity: 80,
    }));
    const led = voiceChords(symbols).map((notes) => notes.map((note) => note.pitch));
    const alone = progression.map(([root, quality]) => voiceChord(root, quality));
    const movement = (voicings: number[][]) =>
      voicings.slice(1).reduce((sum, voices, i) => sum + Math.abs(voices[0]! - voicings[i]![0]!), 0);
    expect(movement(led)).toBeLessThanOrEqual(movement(alone));
    // No chord jumps by more than a fifth at the root, and the progression stays within a sixth of the centre (E4).
    led.slice(1).forEach((voices, i) => expect(Math.abs(voices[0]! - led[i]![0]!)).toBeLessThanOrEqual(7));
    for (const voices of led)
      expect(Math.abs(voices.reduce((a, b) => a + b, 0) / voices.length - 64)).toBeLessThanOrEqual(9);
  });

  it('recognises block chords by template, preferring the lowest note as root', () => {
    expect(recogniseChord([57, 60, 64])).toEqual({ root: 9, quality: 'min' });
    expect(recogniseChord([60, 64, 67, 70])).toEqual({ root: 0, quality: '7' });
    // C6 and A minor 7 hold the same pitch classes: the lowest note decides.
    expect(recogniseChord([60, 64, 67, 69])).toEqual({ root: 0, quality: '6' });
    expect(recogniseChord([57, 60, 64, 67])).toEqual({ root: 9, quality: 'min7' });
    expect(recogniseChord([60, 72])).toBeUndefined();
    const read = chordsFromNotes([
      { pitch: 62, start: 0, duration: 900, velocity: 50 },
      { pitch: 65, start: 0, duration: 960, velocity: 70 },
      { pitch: 69, start: 0, duration: 960, velocity: 60 },
    ]);
    expect(read).toEqual([{ start: 0, duration: 960, root: 'D', quality: 'min', velocity: 70 }]);
  });
});
