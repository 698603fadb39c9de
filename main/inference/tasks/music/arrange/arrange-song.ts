// A variation's song: the request's notes outside the written cells, exactly as given, and the written cells' notes
// (chords voiced from their symbols), cut so that no written note overlaps the next onset of its pitch or the song's end.
import type { ArrangeTrack, ChordSymbol, SongCell, SongTrack } from '../../../../../contract/arrange.js';
import type { MusicNote } from '../../../../../contract/music.js';
import { cellKey } from './arrange-grammar-constraint.js';
import type { ArrangePlan } from './arrange-plan.js';
import type { ArrangeTokenizer } from './arrange-tokenizer.js';
import { voiceChords } from './chord-voicing.js';

export interface ArrangedSong {
  tracks: SongTrack[];
  filledCells: SongCell[];
  /** Per track: the notes the written cells hold (as in `tracks`). */
  written: Map<ArrangeTrack, MusicNote[]>;
}

/** By onset only: the sort is stable, so kept notes keep their order among themselves. */
const byOnset = <T extends { start: number }>(a: T, b: T) => a.start - b.start;

export function assembleSong(
  plan: ArrangePlan,
  tokenizer: ArrangeTokenizer,
  /** The row's decoded events of each written cell (`track:bar`); fill cells missing here keep the given notes. */
  decoded: ReadonlyMap<string, readonly number[]>,
): ArrangedSong {
  const endTick = plan.params.bars * tokenizer.ticksPerBar;
  const filledCells: SongCell[] = [];
  const written = new Map<ArrangeTrack, MusicNote[]>();
  const tracks = plan.tracks.map((track): SongTrack => {
    const given = plan.song.get(track)!;
    const isWritten = (bar: number) => plan.fill.has(cellKey(track, bar)) && decoded.has(cellKey(track, bar));
    const cells: number[] = [];
    for (let bar = 0; bar < plan.params.bars; bar += 1) if (isWritten(bar)) cells.push(bar);
    filledCells.push(...cells.map((bar) => ({ track, bar })));
    const keptNotes = given.notes.filter((note) => !isWritten(tokenizer.barOf(note.start)));
    const program = given.program === undefined ? {} : { program: given.program };
    if (track !== 'chords') {
      const fresh = cells.flatMap((bar) => tokenizer.decodeNotes(track, bar, decoded.get(cellKey(track, bar))!));
      const notes = fitted(fresh, keptNotes, endTick);
      if (cells.length > 0) written.set(track, notes);
      return { track, ...program, notes: [...keptNotes, ...notes].sort(byOnset) };
    }
    const givenSymbols = given.chords ?? (given.notes.length > 0 ? tokenizer.chordSymbols(given) : []);
    const keptSymbols = givenSymbols.filter((chord) => !isWritten(tokenizer.barOf(chord.start)));
    const freshSymbols = cells
      .flatMap((bar) => tokenizer.decodeChords(bar, decoded.get(cellKey(track, bar))!))
      .map((chord) => ({ ...chord, duration: Math.max(1, Math.min(chord.duration, endTick - chord.start)) }));
    const symbols = [...keptSymbols, ...freshSymbols].sort(byOnset);
    // Voices lead through every chord; the given chords keep their own notes (voiced only when given as symbols alone).
    const voiced = voiceChords(symbols);
    const isFresh = new Set<ChordSymbol>(freshSymbols);
    const voiceGiven = given.notes.length === 0;
    const notes = symbols.flatMap((symbol, i) => (isFresh.has(symbol) || voiceGiven ? voiced[i]! : []));
    const freshNotes = symbols.flatMap((symbol, i) => (isFresh.has(symbol) ? voiced[i]! : []));
    if (cells.length > 0) written.set(track, freshNotes);
    return {
      track,
      ...program,
      notes: [...(voiceGiven ? [] : keptNotes), ...notes].sort(byOnset),
      chords: symbols,
    };
  });
  return { tracks, filledCells, written };
}

/**
 * Written notes cut (never below one tick) where their pitch strikes again, by a written or a kept note, and at the
 * song's end; kept notes are never changed.
 */
function fitted(fresh: readonly MusicNote[], kept: readonly MusicNote[], endTick: number): MusicNote[] {
  const onsets = new Map<number, number[]>();
  for (const note of [...fresh, ...kept]) onsets.set(note.pitch, [...(onsets.get(note.pitch) ?? []), note.start]);
  return fresh
    .map((note) => {
      const next = Math.min(endTick, ...onsets.get(note.pitch)!.filter((start) => start > note.start));
      return { ...note, duration: Math.max(1, Math.min(note.duration, next - note.start)) };
    })
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}
