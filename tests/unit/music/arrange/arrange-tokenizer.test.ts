// arrange-v1 in TypeScript: ids as the spec assigns them, and song tracks -> cell tokens -> notes identical after quantization.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArrangeTrack } from '../../../../contract/arrange.js';
import type { MusicNote } from '../../../../contract/music.js';
import { arrangeSpecPath, arrangeTokenizer, randomNotes } from './arrange-fixtures.js';

const tokenizer = arrangeTokenizer();
const v = tokenizer.vocabulary;

/** Encodes a track and decodes every bar's cell back into notes. */
function roundTrip(track: Exclude<ArrangeTrack, 'chords'>, notes: MusicNote[], bars: number): MusicNote[] {
  return tokenizer
    .encodeTrack({ track, notes }, bars)
    .flatMap((tokens, bar) => tokenizer.decodeNotes(track, bar, tokens));
}

describe('arrange-v1 vocabulary', () => {
  it('numbers tokens family by family, value by value, as the spec says (535 in all)', () => {
    const spec = JSON.parse(readFileSync(arrangeSpecPath, 'utf8')) as {
      families: { prefix: string; values?: unknown[]; range?: [number, number] }[];
    };
    const expected = spec.families.flatMap((family) => {
      const values = family.range
        ? Array.from({ length: family.range[1] - family.range[0] + 1 }, (_, i) => family.range![0] + i)
        : (family.values ?? []);
      if (values.length === 0) return [family.prefix];
      return values.map((value) => (family.prefix === '' ? String(value) : `${family.prefix}_${String(value)}`));
    });
    expect(v.tokens).toEqual(expected);
    expect(v.size).toBe(535);
    expect(v.tokens.slice(0, 6)).toEqual(['PAD', 'BOS', 'EOS', 'Sep', 'End', 'Bar']);
    expect(v.tokens[v.fillToken(3)]).toBe('Fill_3');
    expect(v.tokens[v.id('chord', 'A:min7')]).toBe('Chord_A:min7');
  });

  it('quantizes to the nearest value with ties to the lower one', () => {
    expect(v.tokens[v.nearest('tempo', 97.5)]).toBe('Tempo_90');
    expect(v.tokens[v.nearest('tempo', 98)]).toBe('Tempo_105');
    expect(v.tokens[v.nearest('duration', 9)]).toBe('Duration_8');
    expect(v.tokens[v.nearest('density', 7)]).toBe('Density_6');
  });

  it('writes the header with Key only when a pitched track is present', () => {
    const names = (tokens: number[]) => tokens.map((token) => v.tokens[token]);
    expect(
      names(
        tokenizer.header(['melody', 'bass'], {
          style: 'folk',
          key: 'A-minor',
          tempo: 96,
          density: { melody: 5, bass: 2 },
        }),
      ),
    ).toEqual(['BOS', 'Style_folk', 'Key_A-minor', 'Tempo_90', 'Track_melody', 'Density_5', 'Track_bass', 'Density_2']);
    expect(names(tokenizer.header(['drums'], { style: 'funk', tempo: 120, density: { drums: 20 } }))).toEqual([
      'BOS',
      'Style_funk',
      'Tempo_120',
      'Track_drums',
      'Density_20',
    ]);
  });
});

describe('arrange-v1 tokenizer', () => {
  it('round-trips melody and bass: decoding the tokens gives the quantized notes, and they encode to the same tokens', () => {
    for (const seed of [1, 2, 3]) {
      const notes = randomNotes(seed, 6, 7, [40, 55, 60, 61, 67, 72, 90]);
      const once = roundTrip('melody', notes, 6);
      // Onsets on the 16th grid, values from the vocabulary, one note per (onset, pitch).
      expect(once.every((note) => note.start % 120 === 0 && note.duration % 120 === 0)).toBe(true);
      expect(new Set(once.map((note) => `${note.start}:${note.pitch}`)).size).toBe(once.length);
      expect(once.length).toBeGreaterThan(20);
      expect(roundTrip('melody', once, 6)).toEqual(once);
      expect(tokenizer.encodeTrack({ track: 'melody', notes: once }, 6)).toEqual(
        tokenizer.encodeTrack({ track: 'melody', notes }, 6),
      );
    }
  });

  it('encodes a cell as Position then notes sorted by pitch, the loudest of duplicates kept', () => {
    const notes = [
      { pitch: 64, start: 1920 + 130, duration: 470, velocity: 50 },
      { pitch: 60, start: 1920 + 118, duration: 250, velocity: 90 },
      { pitch: 64, start: 1920 + 121, duration: 200, velocity: 120 },
    ];
    const [bar0, bar1] = tokenizer.encodeTrack({ track: 'melody', notes }, 2);
    expect(bar0).toEqual([]);
    expect(bar1!.map((token) => v.tokens[token])).toEqual([
      'Position_1',
      'Pitch_60',
      'Velocity_96',
      'Duration_2',
      'Pitch_64',
      'Velocity_127',
      'Duration_2',
    ]);
  });

  it('round-trips drums with micro-timing, mapping kit pieces onto the spec drums', () => {
    const notes = randomNotes(7, 4, 12, [35, 36, 38, 40, 42, 46, 49, 51, 81]);
    const once = roundTrip('drums', notes, 4);
    expect(once.some((note) => note.start % 120 !== 0)).toBe(true);
    expect(once.every((note) => [36, 38, 42, 46, 49, 51].includes(note.pitch))).toBe(true);
    expect(roundTrip('drums', once, 4)).toEqual(once);
  });

  it('reads block chords as symbols, cuts them at bar lines and round-trips the symbols', () => {
    const notes = [
      ...[57, 60, 64].map((pitch) => ({ pitch, start: 0, duration: 3840, velocity: 70 })), // A minor over two bars
      ...[55, 59, 62, 65].map((pitch) => ({ pitch, start: 2 * 1920 + 960, duration: 960, velocity: 60 })), // G7
    ];
    const cells = tokenizer.encodeTrack({ track: 'chords', notes }, 3);
    const symbols = cells.flatMap((tokens, bar) => tokenizer.decodeChords(bar, tokens));
    expect(symbols).toEqual([
      { start: 0, duration: 1920, root: 'A', quality: 'min', velocity: 64 },
      { start: 1920, duration: 1920, root: 'A', quality: 'min', velocity: 64 },
      { start: 2 * 1920 + 960, duration: 960, root: 'G', quality: '7', velocity: 64 },
    ]);
    const again = tokenizer.encodeTrack({ track: 'chords', notes: [], chords: symbols }, 3);
    expect(again).toEqual(cells);
  });
});
