// Per-variation statistics of an arrangement: melody structure (repeated bars, 4-gram self-similarity), harmony
// (chord tones under long melody notes and bass downbeats), groove consistency and the key lock.
import type { ChordSymbol } from '../../../../../contract/arrange.js';
import type { MusicNote } from '../../../../../contract/music.js';
import { musicTicksPerBar, musicTicksPerBeat, pitchClassNames } from '../../../../../contract/music.js';
import { chordPitchClasses } from './chord-voicing.js';

const ticksPerStep = musicTicksPerBar / 16;
const onsetStep = (tick: number): number => Math.floor((2 * tick + ticksPerStep) / (2 * ticksPerStep));

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

/** The chord sounding at a tick: the latest symbol starting at or before it that still lasts there. */
function chordAt(chords: readonly ChordSymbol[], tick: number): ChordSymbol | undefined {
  let found: ChordSymbol | undefined;
  for (const chord of chords) if (chord.start <= tick && tick < chord.start + chord.duration) found = chord;
  return found;
}

/** Share of `notes` whose pitch class the chord sounding at their onset holds (notes with no chord sounding skipped). */
function chordToneShare(notes: readonly MusicNote[], chords: readonly ChordSymbol[]): number | undefined {
  let counted = 0;
  let hits = 0;
  for (const note of notes) {
    const chord = chordAt(chords, note.start);
    if (!chord) continue;
    counted += 1;
    if (chordPitchClasses(pitchClassNames.indexOf(chord.root), chord.quality).includes(note.pitch % 12)) hits += 1;
  }
  return counted > 0 ? hits / counted : undefined;
}

/** Melody notes of at least one beat on a tone of the chord sounding at their onset, as a share of those under a chord. */
export function chordToneRate(melody: readonly MusicNote[], chords: readonly ChordSymbol[]): number | undefined {
  return chordToneShare(
    melody.filter((note) => note.duration >= musicTicksPerBeat),
    chords,
  );
}

/** Bass notes starting on a bar's first beat (quantized) on a tone of the chord sounding there, as a share. */
export function bassDownbeatChordToneRate(
  bass: readonly MusicNote[],
  chords: readonly ChordSymbol[],
): number | undefined {
  return chordToneShare(
    bass.filter((note) => onsetStep(note.start) % 16 === 0),
    chords,
  );
}
