// Keys and scales, shared by the inference host and the Studio: a scale's pitch classes and key estimation.
import { pitchClassNames, type MusicKey, type ScaleName } from '../contract/music.js';

/** Semitones above the tonic of each scale the key lock knows. */
export const scaleIntervals: Record<ScaleName, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  'harmonic-minor': [0, 2, 3, 5, 7, 8, 11],
  'melodic-minor': [0, 2, 3, 5, 7, 9, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  'pentatonic-major': [0, 2, 4, 7, 9],
  'pentatonic-minor': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
};

// Krumhansl–Kessler key profiles (the Python mirror, mosaic_music/keys.py, uses the same numbers).
const majorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const minorProfile = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

export function tonicIndex(key: MusicKey): number {
  return pitchClassNames.indexOf(key.tonic);
}

/** 12 flags, one per pitch class (C = 0), true inside the key's scale. */
export function scalePitchClasses(key: MusicKey): boolean[] {
  const tonic = tonicIndex(key);
  const flags = new Array<boolean>(12).fill(false);
  for (const interval of scaleIntervals[key.scale]) flags[(tonic + interval) % 12] = true;
  return flags;
}

/** Pearson correlation of two 12-entry pitch-class vectors (0 when either is flat). */
export function correlation(x: readonly number[], y: readonly number[]): number {
  const meanX = x.reduce((sum, value) => sum + value, 0) / 12;
  const meanY = y.reduce((sum, value) => sum + value, 0) / 12;
  let covariance = 0;
  let spreadX = 0;
  let spreadY = 0;
  for (let i = 0; i < 12; i += 1) {
    covariance += (x[i]! - meanX) * (y[i]! - meanY);
    spreadX += (x[i]! - meanX) ** 2;
    spreadY += (y[i]! - meanY) ** 2;
  }
  const spread = Math.sqrt(spreadX * spreadY);
  return spread > 0 ? covariance / spread : 0;
}

/** Duration-weighted Krumhansl–Schmuckler estimate; ties go to the earlier key (majors C..B, then minors). */
export function estimateKey(notes: readonly { pitch: number; duration: number }[]): MusicKey {
  const histogram = new Array<number>(12).fill(0);
  for (const note of notes) histogram[note.pitch % 12]! += Math.max(1, note.duration);
  let best: MusicKey = { tonic: 'C', scale: 'major' };
  let bestScore = -Infinity;
  for (const [scale, profile] of [
    ['major', majorProfile],
    ['minor', minorProfile],
  ] as const) {
    for (let tonic = 0; tonic < 12; tonic += 1) {
      const rotated = histogram.map((_, pitchClass) => profile[(pitchClass - tonic + 12) % 12]!);
      const score = correlation(histogram, rotated);
      if (score > bestScore + 1e-12) {
        best = { tonic: pitchClassNames[tonic]!, scale };
        bestScore = score;
      }
    }
  }
  return best;
}
