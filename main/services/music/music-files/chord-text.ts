// Chord symbols as the text events of a MIDI file's Chords track ("Am", "Bbmaj7", "N.C." where none sounds), so a DAW
// shows them and a song read back keeps its symbols rather than only their voicings.
import type { ChordQuality, ChordSymbol } from '../../../../contract/arrange.js';
import { chordQualityNames } from '../../../../contract/arrange.js';
import { flatPitchClassNames, parseTonic, pitchClassNames } from '../../../../contract/music-keys.js';

/** How each quality is written after its root, as lead sheets write it. */
const suffixes: Record<ChordQuality, string> = {
  maj: '',
  min: 'm',
  dim: 'dim',
  aug: 'aug',
  sus2: 'sus2',
  sus4: 'sus4',
  '7': '7',
  maj7: 'maj7',
  min7: 'm7',
  '6': '6',
  min6: 'm6',
  hdim7: 'm7b5',
  dim7: 'dim7',
  '7sus4': '7sus4',
  minmaj7: 'm(maj7)',
};
const qualityOfSuffix = new Map(chordQualityNames.map((quality) => [suffixes[quality], quality]));

/** Marks the end of a chord where the next does not start at once. */
export const noChordText = 'N.C.';

export interface TimedText {
  tick: number;
  text: string;
}

/** Texts for the symbols (start-sorted), roots spelled with flats when `flats`, "N.C." at every gap before `end`. */
export function chordTexts(symbols: readonly ChordSymbol[], end: number, flats: boolean): TimedText[] {
  const names = flats ? flatPitchClassNames : pitchClassNames;
  const texts: TimedText[] = [];
  const sorted = [...symbols].filter((symbol) => symbol.start < end).sort((a, b) => a.start - b.start);
  sorted.forEach((symbol, index) => {
    const root = names[pitchClassNames.indexOf(symbol.root)]!;
    texts.push({ tick: symbol.start, text: `${root}${suffixes[symbol.quality]}` });
    const until = symbol.start + symbol.duration;
    if (until < Math.min(end, sorted[index + 1]?.start ?? end)) texts.push({ tick: until, text: noChordText });
  });
  return texts;
}

/** A chord's root and quality from its text ("Bbm7", "F#", "Cm(maj7)"); undefined for other text. */
export function chordOfText(text: string): Pick<ChordSymbol, 'root' | 'quality'> | undefined {
  const match = /^([A-G](?:#|b)?)(.*)$/.exec(text.trim());
  const tonic = match ? parseTonic(match[1]!) : undefined;
  const quality = match ? qualityOfSuffix.get(match[2]!) : undefined;
  return tonic && quality ? { root: pitchClassNames[tonic.pitchClass]!, quality } : undefined;
}

/**
 * Symbols from a track's chord texts (start-sorted; other texts are passed over; file ticks already at 480 per beat): each lasts to the next chord or
 * "N.C.", or to `end`; its velocity is the loudest of the chord notes it starts with (80 when none does).
 */
export function chordsOfTexts(
  texts: readonly TimedText[],
  notes: readonly { start: number; velocity: number }[],
  end: number,
): ChordSymbol[] {
  const symbols: ChordSymbol[] = [];
  const marks = texts.filter((text) => text.text.trim() === noChordText || chordOfText(text.text));
  marks.forEach((text, index) => {
    const chord = chordOfText(text.text);
    const until = Math.min(end, marks[index + 1]?.tick ?? end);
    if (!chord || text.tick >= until) return;
    const struck = notes.filter((note) => note.start === text.tick).map((note) => note.velocity);
    const velocity = struck.length > 0 ? Math.max(...struck) : 80;
    symbols.push({ start: text.tick, duration: until - text.tick, ...chord, velocity });
  });
  return symbols;
}
