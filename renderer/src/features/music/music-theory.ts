// Note names, the pitch classes of a key's scale (for shading the roll) and a primer's key (Krumhansl–Schmuckler).
import { pitchClassNames, type MusicKey, type ScaleName } from '../../../../contract/index.js';

/** Semitones above the tonic of each scale the key lock knows (the same table as the inference host's). */
const scaleIntervals: Record<ScaleName, readonly number[]> = {
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

/** "C4" for MIDI note 60 (middle C), the convention of most DAWs and of the General MIDI drum charts. */
export function noteName(pitch: number): string {
  return `${pitchClassNames[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}

export function isBlackKey(pitch: number): boolean {
  return [1, 3, 6, 8, 10].includes(((pitch % 12) + 12) % 12);
}

/** 12 flags, one per pitch class (C = 0), true inside the key's scale. */
export function scalePitchClasses(key: MusicKey): boolean[] {
  const tonic = pitchClassNames.indexOf(key.tonic);
  const flags = new Array<boolean>(12).fill(false);
  for (const interval of scaleIntervals[key.scale]) flags[(tonic + interval) % 12] = true;
  return flags;
}

/** "A minor", "F# dorian", "C pentatonic major". */
export function describeKey(key: MusicKey): string {
  return `${key.tonic} ${key.scale.replace('-', ' ')}`;
}

// Krumhansl–Kessler key profiles, as the inference host uses them.
const majorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const minorProfile = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

function correlation(x: readonly number[], y: readonly number[]): number {
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const meanX = mean(x);
  const meanY = mean(y);
  let covariance = 0;
  let spreadX = 0;
  let spreadY = 0;
  x.forEach((value, index) => {
    covariance += (value - meanX) * (y[index]! - meanY);
    spreadX += (value - meanX) ** 2;
    spreadY += (y[index]! - meanY) ** 2;
  });
  const spread = Math.sqrt(spreadX * spreadY);
  return spread > 0 ? covariance / spread : 0;
}

/** The major or minor key whose profile best matches the notes' duration-weighted pitch classes. */
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
