// Per-variation statistics with the metric definitions of ANCHORS.md (muspy / MGEval), matching mosaic_music/metrics.py.
import type { MusicNote } from '../../../../contract/music.js';
import { musicTicksPerBar } from '../../../../contract/music.js';
import { scaleIntervals } from '../../../../common/music-theory.js';

const stepsPerBar = 16;
const ticksPerStep = musicTicksPerBar / stepsPerBar;

/** −Σ p log2 p over the 12-bin pitch-class histogram of note counts (bits; at most log2 12 ≈ 3.585). */
export function pitchClassEntropy(notes: readonly MusicNote[]): number {
  const counts = new Array<number>(12).fill(0);
  for (const note of notes) counts[note.pitch % 12]! += 1;
  const total = notes.length;
  return counts.reduce((sum, count) => (count ? sum + (count / total) * Math.log2(total / count) : sum), 0);
}

/** Largest share of notes inside one of the 24 major/minor scales. */
export function scaleConsistency(notes: readonly MusicNote[]): number {
  if (notes.length === 0) return 0;
  let best = 0;
  for (let tonic = 0; tonic < 12; tonic += 1) {
    for (const scale of [scaleIntervals.major, scaleIntervals.minor]) {
      const members = new Set(scale.map((step) => (tonic + step) % 12));
      best = Math.max(best, notes.filter((note) => members.has(note.pitch % 12)).length);
    }
  }
  return best / notes.length;
}

/** Share of notes whose pitch class is flagged in `pitchClasses` (12 flags). */
export function inScaleRate(notes: readonly MusicNote[], pitchClasses: readonly boolean[]): number {
  return notes.length === 0 ? 1 : notes.filter((note) => pitchClasses[note.pitch % 12]).length / notes.length;
}

/** 1 − mean Hamming distance between consecutive bars' 16-step onset vectors / 16; NaN under 2 bars. */
export function grooveConsistency(notes: readonly MusicNote[], bars: number, fromTick = 0): number {
  if (bars < 2) return NaN;
  const onsets = Array.from({ length: bars }, () => new Uint8Array(stepsPerBar));
  for (const note of notes) {
    const step = Math.floor((2 * (note.start - fromTick) + ticksPerStep) / (2 * ticksPerStep));
    const bar = Math.floor(step / stepsPerBar);
    if (bar >= 0 && bar < bars) onsets[bar]![step % stepsPerBar] = 1;
  }
  let distance = 0;
  for (let bar = 0; bar + 1 < bars; bar += 1) {
    for (let step = 0; step < stepsPerBar; step += 1) distance += onsets[bar]![step] !== onsets[bar + 1]![step] ? 1 : 0;
  }
  return 1 - distance / (bars - 1) / stepsPerBar;
}
