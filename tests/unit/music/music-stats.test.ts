// Variation statistics with the ANCHORS.md definitions (the same cases as mosaic_music's metrics tests), key
// estimation, and the overlap cut that keeps results writable as MIDI.
import { describe, expect, it } from 'vitest';
import { endingBy, withoutOverlaps } from '../../../main/inference/tasks/music/music-generation.js';
import {
  grooveConsistency,
  inScaleRate,
  pitchClassEntropy,
  scaleConsistency,
} from '../../../main/inference/tasks/music/music-stats.js';
import { estimateKey, keyTokenValue, scalePitchClasses } from '../../../main/inference/tasks/music/music-theory.js';

const run = (pitches: readonly number[], step = 240) =>
  pitches.map((pitch, index) => ({ pitch, start: index * step, duration: step, velocity: 80 }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('music statistics', () => {
  it('measures pitch-class entropy and scale consistency', () => {
    expect(pitchClassEntropy(run(range(60, 72)))).toBeCloseTo(Math.log2(12), 10);
    expect(pitchClassEntropy(run([60, 72, 48]))).toBe(0);
    expect(pitchClassEntropy(run([60, 62]))).toBeCloseTo(1, 10);
    expect(scaleConsistency(run([60, 62, 64, 65, 67, 69, 71]))).toBe(1);
    expect(scaleConsistency(run(range(60, 72)))).toBeCloseTo(7 / 12, 10);
    expect(inScaleRate(run([60, 61, 62, 63]), scalePitchClasses({ tonic: 'C', scale: 'major' }))).toBe(0.5);
  });

  it('measures groove consistency between consecutive bars', () => {
    const steady = [0, 1, 2, 3].flatMap((bar) =>
      [0, 4, 8, 12].map((step) => ({ pitch: 36, start: bar * 1920 + step * 120, duration: 60, velocity: 100 })),
    );
    expect(grooveConsistency(steady, 4)).toBe(1);
    const shifted = [
      ...steady.slice(0, 4),
      ...[2, 6, 10, 14].map((step) => ({ pitch: 36, start: 1920 + step * 120, duration: 60, velocity: 100 })),
    ];
    expect(grooveConsistency(shifted, 2)).toBeCloseTo(0.5, 10);
    expect(grooveConsistency(steady, 1)).toBeNaN();
  });

  it('estimates keys and maps scales onto the key tokens', () => {
    expect(estimateKey(run([60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60]))).toEqual({ tonic: 'C', scale: 'major' });
    expect(estimateKey(run([57, 59, 60, 62, 64, 65, 67, 69, 64, 60, 57, 57]))).toEqual({ tonic: 'A', scale: 'minor' });
    expect(keyTokenValue({ tonic: 'D', scale: 'dorian' })).toBe('D-minor');
    expect(keyTokenValue({ tonic: 'G', scale: 'mixolydian' })).toBe('G-major');
  });
});

describe('withoutOverlaps', () => {
  it('cuts a note at the next onset of its pitch and leaves the rest alone', () => {
    const notes = [
      { pitch: 42, start: 530, duration: 120, velocity: 80 },
      { pitch: 42, start: 600, duration: 120, velocity: 60 },
      { pitch: 36, start: 480, duration: 960, velocity: 100 },
    ];
    expect(withoutOverlaps(notes)).toEqual([
      { pitch: 36, start: 480, duration: 960, velocity: 100 },
      { pitch: 42, start: 530, duration: 70, velocity: 80 },
      { pitch: 42, start: 600, duration: 120, velocity: 60 },
    ]);
    expect(notes[0]!.duration).toBe(120);
  });
});

describe('endingBy', () => {
  it('cuts what sounds past the clip end at the end, one tick at least, and leaves the rest alone', () => {
    const notes = [
      { pitch: 60, start: 0, duration: 480, velocity: 80 },
      { pitch: 64, start: 3600, duration: 480, velocity: 90 },
      { pitch: 67, start: 3840, duration: 240, velocity: 70 },
      { pitch: 38, start: 3850, duration: 60, velocity: 100 },
    ];
    expect(endingBy(notes, 3840)).toEqual([
      { pitch: 60, start: 0, duration: 480, velocity: 80 },
      { pitch: 64, start: 3600, duration: 240, velocity: 90 },
      { pitch: 67, start: 3840, duration: 1, velocity: 70 },
      { pitch: 38, start: 3850, duration: 1, velocity: 100 },
    ]);
    expect(notes[1]!.duration).toBe(480);
  });
});
