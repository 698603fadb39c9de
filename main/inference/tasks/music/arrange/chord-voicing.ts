// Chord symbols <-> notes: root-position close voicings around C4 led smoothly from chord to chord, and the template
// match that reads block chords back as symbols (mirrors recognise_chord in mosaic_music/arrange_corpus.py).
import {
  chordQualities,
  chordQualityNames,
  type ChordQuality,
  type ChordSymbol,
} from '../../../../../contract/arrange.js';
import type { MusicNote } from '../../../../../contract/music.js';
import { pitchClassNames } from '../../../../../contract/music.js';

/** Where a first chord's voices centre (E4: C4–E4–G4 is the close C major triad around C4). */
const voicingCentre = 64;
/** Lowest root a voicing may start on (C3) and the highest (B4): two octaves of candidates for voice leading. */
const lowestRoot = 48;
const highestRoot = 71;

export function chordPitchClasses(root: number, quality: ChordQuality): number[] {
  return chordQualities[quality].map((interval) => (root + interval) % 12);
}

/**
 * The root-position voicing (root + the quality's intervals) whose voices move least from `previous` (sum of the
 * distances voice by voice, lowest first), with a pull towards the centre around C4 so the chords do not drift.
 */
export function voiceChord(root: number, quality: ChordQuality, previous?: readonly number[]): number[] {
  const intervals = chordQualities[quality];
  let best: number[] = [];
  let bestCost = Infinity;
  for (let bass = lowestRoot + ((root - lowestRoot + 120) % 12); bass <= highestRoot; bass += 12) {
    const voices = intervals.map((interval) => bass + interval);
    const centre = voices.reduce((sum, pitch) => sum + pitch, 0) / voices.length;
    let movement = 0;
    if (previous && previous.length > 0) {
      for (let i = 0; i < voices.length; i += 1)
        movement += Math.abs(voices[i]! - previous[Math.min(i, previous.length - 1)]!);
    }
    const cost = movement + 0.5 * Math.abs(centre - voicingCentre);
    if (cost < bestCost) {
      best = voices;
      bestCost = cost;
    }
  }
  return best;
}

/** Voiced notes of chord symbols in order, each led from the one before. */
export function voiceChords(symbols: readonly ChordSymbol[]): MusicNote[][] {
  let previous: number[] | undefined;
  return symbols.map((symbol) => {
    const pitches = voiceChord(pitchClassNames.indexOf(symbol.root), symbol.quality, previous);
    previous = pitches;
    return pitches.map((pitch) => ({
      pitch,
      start: symbol.start,
      duration: symbol.duration,
      velocity: symbol.velocity,
    }));
  });
}

/**
 * The best (root, quality) for a set of pitches: the template covering the most pitch classes, less those it lacks
 * (half weight) and those outside it; then the lowest note's class as root; then fewer tones. Undefined under 2 classes.
 */
export function recogniseChord(pitches: readonly number[]): { root: number; quality: ChordQuality } | undefined {
  const classes = new Set(pitches.map((pitch) => pitch % 12));
  if (classes.size < 2) return undefined;
  const lowest = Math.min(...pitches) % 12;
  let best: { root: number; quality: ChordQuality } | undefined;
  let bestScore: [number, number, number] | undefined;
  for (let root = 0; root < 12; root += 1) {
    for (const quality of chordQualityNames) {
      const tones = new Set(chordPitchClasses(root, quality));
      const covered = [...classes].filter((pc) => tones.has(pc)).length;
      const score: [number, number, number] = [
        covered - (classes.size - covered) - 0.5 * (tones.size - covered),
        root === lowest ? 1 : 0,
        -chordQualities[quality].length,
      ];
      if (!bestScore || isGreater(score, bestScore)) {
        best = { root, quality };
        bestScore = score;
      }
    }
  }
  return best;
}

function isGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/** Chord symbols read from a chord track's notes: the notes starting at one tick form one chord (as in training). */
export function chordsFromNotes(notes: readonly MusicNote[]): ChordSymbol[] {
  const groups = new Map<number, MusicNote[]>();
  for (const note of notes) groups.set(note.start, [...(groups.get(note.start) ?? []), note]);
  const symbols: ChordSymbol[] = [];
  for (const start of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(start)!;
    const chord = recogniseChord(members.map((note) => note.pitch));
    if (!chord) continue;
    const end = Math.max(...members.map((note) => note.start + note.duration));
    symbols.push({
      start,
      duration: Math.max(1, end - start),
      root: pitchClassNames[chord.root]!,
      quality: chord.quality,
      velocity: Math.max(...members.map((note) => note.velocity)),
    });
  }
  return symbols;
}

/** Symbols cut at bar lines, each bar's sounding chord restated at its downbeat, so every bar cell stands alone. */
export function splitAtBars(symbols: readonly ChordSymbol[], ticksPerBar: number): ChordSymbol[] {
  const result: ChordSymbol[] = [];
  for (const symbol of symbols) {
    let start = symbol.start;
    const end = symbol.start + symbol.duration;
    while (start < end) {
      const pieceEnd = Math.min(end, (Math.floor(start / ticksPerBar) + 1) * ticksPerBar);
      result.push({ ...symbol, start, duration: pieceEnd - start });
      start = pieceEnd;
    }
  }
  return result;
}
