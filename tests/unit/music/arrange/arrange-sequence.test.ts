// Sequences of an arrangement: the prompt's layout per the arrange-v1 grammar, and windows that cover every fill cell
// once with prompts and budgets inside the model's positions.
import { describe, expect, it } from 'vitest';
import type { ArrangeTrack } from '../../../../contract/arrange.js';
import { cellKey } from '../../../../main/inference/tasks/music/arrange/arrange-grammar-constraint.js';
import { ArrangeSequence } from '../../../../main/inference/tasks/music/arrange/arrange-sequence.js';
import { arrangeTokenizer, fourTrackSong } from './arrange-fixtures.js';

const tokenizer = arrangeTokenizer();
const v = tokenizer.vocabulary;
const pitched: ArrangeTrack[] = ['melody', 'chords', 'bass'];

function sequenceOf(bars: number, fill: Set<string>, maxPositions: number) {
  const header = tokenizer.header(pitched, { style: 'pop', key: 'C-major', tempo: 120, density: {} });
  return new ArrangeSequence(v, header, pitched, bars, fill, () => 20, maxPositions);
}

describe('arrange sequence', () => {
  it('lays out the prompt as header, Bar {Track (Fill_k | events)}, Sep with cells numbered bar-major', () => {
    const song = fourTrackSong();
    const known = new Map<string, number[]>();
    for (const track of song.slice(0, 3))
      tokenizer.encodeTrack(track, 2).forEach((tokens, bar) => known.set(cellKey(track.track, bar), tokens));
    const fill = new Set([cellKey('bass', 0), cellKey('melody', 1), cellKey('bass', 1)]);
    for (const key of fill) known.delete(key);
    const sequence = sequenceOf(2, fill, 1024);
    const [window] = sequence.windows(known);
    expect(window).toEqual({ fromBar: 0, toBar: 2 });
    const { prompt, cells } = sequence.prompt(window!, known);
    expect(cells).toEqual([
      { track: 'bass', bar: 0 },
      { track: 'melody', bar: 1 },
      { track: 'bass', bar: 1 },
    ]);
    const text = prompt.map((token) => v.tokens[token]!);
    const expected = [
      ...sequence.header.map((token) => v.tokens[token]),
      'Bar',
      'Track_melody',
      ...known.get(cellKey('melody', 0))!.map((token) => v.tokens[token]),
      'Track_chords',
      ...known.get(cellKey('chords', 0))!.map((token) => v.tokens[token]),
      'Track_bass',
      'Fill_0',
      'Bar',
      'Track_melody',
      'Fill_1',
      'Track_chords',
      ...known.get(cellKey('chords', 1))!.map((token) => v.tokens[token]),
      'Track_bass',
      'Fill_2',
      'Sep',
    ];
    expect(text).toEqual(expected);
  });

  it('splits a long song into windows that cover every fill cell once and fit the positions', () => {
    const bars = 32;
    const fill = new Set<string>();
    for (let bar = 0; bar < bars; bar += 1)
      for (const track of pitched) if ((bar + track.length) % 3) fill.add(cellKey(track, bar));
    const known = new Map<string, number[]>();
    for (let bar = 0; bar < bars; bar += 1)
      for (const track of pitched)
        if (!fill.has(cellKey(track, bar)))
          known.set(cellKey(track, bar), new Array<number>(12).fill(v.id('position', 0)));
    const sequence = sequenceOf(bars, fill, 256);
    const windows = sequence.windows(known);
    expect(windows.length).toBeGreaterThan(3);
    const covered = windows.flatMap((window) => sequence.cells(window.fromBar, window.toBar));
    expect(covered.map((cell) => cellKey(cell.track, cell.bar)).sort()).toEqual([...fill].sort());
    for (const window of windows) {
      const { prompt, fromBar } = sequence.prompt(window, known);
      expect(prompt.length + sequence.newTokenBudget(window, prompt.length)).toBeLessThanOrEqual(256);
      expect(sequence.newTokenBudget(window, prompt.length)).toBeGreaterThan(20);
      // Later windows show bars before them as context.
      if (window.fromBar > 0) expect(fromBar).toBeLessThan(window.fromBar);
    }
  });
});
