// Per-variation statistics with the metric definitions of ANCHORS.md (muspy / MGEval), matching mosaic_music/metrics.py.
import type { MusicNote } from '../../../../contract/music.js';
import { musicTicksPerBar } from '../../../../contract/music.js';
import { scaleIntervals } from '../../../../common/music-theory.js';

const stepsPerBar = 16;
const ticksPerStep = musicTicksPerBar / stepsPerBar;

/** The 16th step of a tick, rounded to the nearest (half a step rounds up). */
export const onsetStep = (tick: number): number => Math.floor((2 * tick + ticksPerStep) / (2 * ticksPerStep));

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
    const step = onsetStep(note.start - fromTick);
    const bar = Math.floor(step / stepsPerBar);
    if (bar >= 0 && bar < bars) onsets[bar]![step % stepsPerBar] = 1;
  }
  let distance = 0;
  for (let bar = 0; bar + 1 < bars; bar += 1) {
    for (let step = 0; step < stepsPerBar; step += 1) distance += onsets[bar]![step] !== onsets[bar + 1]![step] ? 1 : 0;
  }
  return 1 - distance / (bars - 1) / stepsPerBar;
}

/**
 * Share of the song's bars with notes that repeat an earlier bar: bar b repeats when its set of (onset step inside the
 * bar, pitch) pairs equals that of an earlier bar. Empty bars are not counted. Onsets are quantized to 16ths and a note
 * belongs to the bar of its quantized onset. Over 8-bar segments this is the figure ANCHORS.md gives for the corpora
 * (POP909 0.062, Nottingham 0.192), counted as models/music-common/mosaic_music/arrange_metrics.py counts it.
 */
export function repeatedBars(melody: readonly MusicNote[], bars: number): number {
  const signatures = Array.from({ length: bars }, () => [] as string[]);
  for (const note of melody) {
    const step = onsetStep(note.start);
    const bar = Math.floor(step / 16);
    if (bar < bars) signatures[bar]!.push(`${step % 16}:${note.pitch}`);
  }
  const seen = new Set<string>();
  let repeats = 0;
  let counted = 0;
  for (const pairs of signatures) {
    if (pairs.length === 0) continue;
    counted += 1;
    const signature = [...new Set(pairs)].sort().join(' ');
    if (seen.has(signature)) repeats += 1;
    else seen.add(signature);
  }
  return counted > 0 ? repeats / counted : 0;
}

/**
 * Share of the melody's pitch 4-grams that already occurred earlier in the song: notes ordered by onset (the higher
 * first at a shared onset), each run of 4 consecutive pitches is a 4-gram, and the one starting at note i counts when
 * the same 4 pitches start at some j < i. 0 when the melody has fewer than 4 notes. Over 8-bar segments this is
 * ANCHORS.md's 4-gram self-similarity (POP909 0.153, Nottingham 0.241), as arrange_metrics.py counts it.
 */
export function fourGramSelfSimilarity(melody: readonly MusicNote[]): number {
  const line = [...melody].sort((a, b) => a.start - b.start || b.pitch - a.pitch).map((note) => note.pitch);
  const seen = new Set<string>();
  let total = 0;
  let repeated = 0;
  for (let i = 0; i + 4 <= line.length; i += 1) {
    const gram = line.slice(i, i + 4).join(',');
    total += 1;
    if (seen.has(gram)) repeated += 1;
    seen.add(gram);
  }
  return total > 0 ? repeated / total : 0;
}
