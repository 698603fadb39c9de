// Per-variation statistics of an arrangement's harmony: chord tones under long melody notes and on bass downbeats (melody
// structure, groove and key lock are music-stats.ts's, shared with the single-line pipelines).
import type { ChordSymbol } from '../../../../../contract/arrange.js';
import type { MusicNote } from '../../../../../contract/music.js';
import { musicTicksPerBeat, pitchClassNames } from '../../../../../contract/music.js';
import { onsetStep } from '../music-stats.js';
import { chordPitchClasses } from './chord-voicing.js';

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
