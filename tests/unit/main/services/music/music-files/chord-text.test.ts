// Chord symbols as MIDI text events: written as lead sheets spell them, with "N.C." at gaps, and read back exactly.
import { describe, expect, it } from 'vitest';
import type { ChordSymbol } from '../../../../../../contract/arrange.js';
import {
  chordOfText,
  chordsOfTexts,
  chordTexts,
} from '../../../../../../main/services/music/music-files/chord-text.js';

const symbol = (start: number, duration: number, root: ChordSymbol['root'], quality: ChordSymbol['quality']) =>
  ({ start, duration, root, quality, velocity: 75 }) satisfies ChordSymbol;

describe('chord texts', () => {
  const symbols = [
    symbol(0, 960, 'A#', 'min7'),
    symbol(960, 960, 'D#', '7'),
    symbol(1920, 480, 'G#', 'maj7'),
    symbol(2880, 960, 'C', 'hdim7'),
    symbol(3840, 3840, 'F', 'minmaj7'),
  ];

  it('spells roots as the key signature does and marks gaps "N.C."', () => {
    expect(chordTexts(symbols, 4 * 1920, true).map(({ tick, text }) => `${tick} ${text}`)).toEqual([
      '0 Bbm7',
      '960 Eb7',
      '1920 Abmaj7',
      '2400 N.C.',
      '2880 Cm7b5',
      '3840 Fm(maj7)',
    ]);
    expect(chordTexts([symbol(0, 480, 'A#', 'maj')], 1920, false)).toEqual([
      { tick: 0, text: 'A#' },
      { tick: 480, text: 'N.C.' },
    ]);
  });

  it('reads its texts back as the same symbols, velocity from the notes struck with each', () => {
    const texts = chordTexts(symbols, 4 * 1920, false);
    const notes = symbols.map((chord) => ({ start: chord.start, velocity: 75 }));
    expect(chordsOfTexts(texts, notes, 4 * 1920)).toEqual(symbols);
  });

  it('reads lead-sheet spellings and passes over other text', () => {
    expect(chordOfText('F#m7b5')).toEqual({ root: 'F#', quality: 'hdim7' });
    expect(chordOfText(' Db ')).toEqual({ root: 'C#', quality: 'maj' });
    expect(chordOfText('Gsus4')).toEqual({ root: 'G', quality: 'sus4' });
    expect(chordOfText('Verse 1')).toBeUndefined();
    expect(chordOfText('Cm9')).toBeUndefined();
    const texts = [
      { tick: 0, text: 'Intro' },
      { tick: 0, text: 'C' },
      { tick: 960, text: 'by the composer' },
      { tick: 1920, text: 'G' },
    ];
    expect(
      chordsOfTexts(texts, [], 3840).map(({ start, duration, root, velocity }) => [start, duration, root, velocity]),
    ).toEqual([
      [0, 1920, 'C', 80],
      [1920, 1920, 'G', 80],
    ]);
  });
});
