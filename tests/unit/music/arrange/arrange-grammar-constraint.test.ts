// The fill grammar as a constraint, property-style: whatever is sampled under it is a well-formed fill section
// (checked by an independent reader), within the token budget; copies and humanize scripts are followed exactly.
import { describe, expect, it } from 'vitest';
import type { ArrangeTrack } from '../../../../contract/arrange.js';
import { SeededRandom } from '../../../../main/inference/decoding/seeded-random.js';
import {
  ArrangeGrammarConstraint,
  cellKey,
  type CellPlan,
} from '../../../../main/inference/tasks/music/arrange/arrange-grammar-constraint.js';
import { allowedFirstTokens } from '../../../../main/inference/tasks/music/arrange/arrange-key-lock.js';
import { chordPitchClasses } from '../../../../main/inference/tasks/music/arrange/chord-voicing.js';
import { scalePitchClasses } from '../../../../main/inference/tasks/music/music-theory.js';
import { pitchClassNames, type MusicKey } from '../../../../contract/music.js';
import { arrangeTokenizer } from './arrange-fixtures.js';

const v = arrangeTokenizer().vocabulary;
const maxNotesPerCell: Record<ArrangeTrack, number> = { melody: 24, chords: 8, bass: 24, drums: 64 };
const tracks: ArrangeTrack[] = ['melody', 'chords', 'bass', 'drums'];

/** Samples uniformly among the allowed tokens until the constraint completes or the budget is spent. */
function sample(constraint: ArrangeGrammarConstraint, random: SeededRandom, budget: number): number[] {
  const mask = new Uint8Array(v.size);
  const tokens: number[] = [];
  while (!constraint.isComplete() && tokens.length < budget) {
    expect(constraint.writeAllowed(mask)).toBe(true);
    const allowed = [...mask.keys()].filter((token) => mask[token]);
    expect(allowed.length, `no token allowed after ${tokens.map((t) => v.tokens[t]).join(' ')}`).toBeGreaterThan(0);
    const token = allowed[Math.floor(random.nextFloat() * allowed.length)]!;
    tokens.push(token);
    constraint.accept(token);
  }
  return tokens;
}

/** Writes one cell under the constraint from `seed`; checks that it completed and returns the cell's events. */
function writeOneCell(cell: CellPlan, rowCells: Map<string, number[]>, seed: number, budget: number): number[] {
  const cells = [cell];
  const constraint = new ArrangeGrammarConstraint(v, {
    cells,
    allowedFirst: allowedFirstTokens(v),
    maxNotesPerCell,
    budget,
    rowCells,
  });
  const [events] = readFills(sample(constraint, new SeededRandom(seed), budget), cells);
  expect(constraint.isComplete()).toBe(true);
  return events!;
}

/** Reads a fill section independently: returns each cell's events, or throws at the first violation. */
function readFills(tokens: readonly number[], cells: readonly CellPlan[], key?: MusicKey): number[][] {
  const inScale = key ? scalePitchClasses(key) : new Array<boolean>(12).fill(true);
  const name = (i: number) => v.tokens[tokens[i]!]!;
  const fail = (i: number, why: string): never => {
    throw new Error(`${why} at ${i}: ${tokens.map((t) => v.tokens[t]).join(' ')}`);
  };
  const result: number[][] = [];
  let i = 0;
  for (const [k, cell] of cells.entries()) {
    if (name(i) !== `Fill_${k}`) fail(i, `expected Fill_${k}`);
    i += 1;
    const [firstFamily, velocityFamily, detailFamily] = v.noteFamilies(cell.track);
    const start = i;
    let position = -1;
    while (name(i) !== 'End') {
      const p = v.family(tokens[i]!) === 'position' ? v.numericValue[tokens[i]!]! : fail(i, 'expected a Position');
      if (p <= position) fail(i, 'positions must increase');
      position = p;
      i += 1;
      let last = -Infinity;
      let notesHere = 0;
      while (v.family(tokens[i]!) === firstFamily) {
        const value = v.numericValue[tokens[i]!]!;
        if (cell.track === 'chords') {
          if (notesHere > 0) fail(i, 'one chord per position');
          const [root, quality] = name(i).slice('Chord_'.length).split(':') as [string, 'maj'];
          const classes = chordPitchClasses(pitchClassNames.indexOf(root as 'C'), quality);
          if (!classes.every((pc) => inScale[pc])) fail(i, 'chord outside the key');
        } else {
          if (!(tokens[i]! > last)) fail(i, 'notes in token order (as training writes them), one per token');
          last = tokens[i]!;
          const range = v.spec.tracks[cell.track].pitchRange;
          if (range && (value < range[0] || value > range[1])) fail(i, 'pitch outside the track range');
          if (cell.track !== 'drums' && !inScale[value % 12]) fail(i, 'pitch outside the key');
        }
        if (v.family(tokens[i + 1]!) !== velocityFamily) fail(i + 1, 'expected a velocity');
        if (v.family(tokens[i + 2]!) !== detailFamily) fail(i + 2, `expected a ${detailFamily}`);
        i += 3;
        notesHere += 1;
      }
      if (notesHere === 0) fail(i, 'a Position without notes');
    }
    result.push(tokens.slice(start, i));
    i += 1;
  }
  if (name(i) !== 'EOS' || i !== tokens.length - 1) fail(i, 'expected EOS last');
  return result;
}

function randomCells(random: SeededRandom, count: number): CellPlan[] {
  return Array.from({ length: count }, (_, bar) => ({
    track: tracks[Math.floor(random.nextFloat() * tracks.length)]!,
    bar,
  }));
}

describe('arrange grammar constraint', () => {
  it('only lets well-formed, key-locked fills through, for random plans, keys and budgets', () => {
    const keys: (MusicKey | undefined)[] = [
      undefined,
      { tonic: 'A', scale: 'minor' },
      { tonic: 'D', scale: 'dorian' },
      { tonic: 'C', scale: 'pentatonic-major' },
      { tonic: 'G', scale: 'blues' },
    ];
    let notes = 0;
    for (let trial = 0; trial < 60; trial += 1) {
      const random = new SeededRandom(trial);
      const key = keys[trial % keys.length];
      const cells = randomCells(random, 1 + Math.floor(random.nextFloat() * 8));
      const budget = trial % 3 === 0 ? 2 * cells.length + 1 + trial : 400;
      const rowCells = new Map<string, number[]>();
      const constraint = new ArrangeGrammarConstraint(v, {
        cells,
        allowedFirst: allowedFirstTokens(v, key),
        maxNotesPerCell,
        budget,
        rowCells,
      });
      const tokens = sample(constraint, random, budget);
      expect(constraint.isComplete()).toBe(true);
      expect(tokens.length).toBeLessThanOrEqual(budget);
      const fills = readFills(tokens, cells, key);
      // What the constraint hands on to later cells and windows is what was written.
      fills.forEach((events, k) => expect(rowCells.get(cellKey(cells[k]!.track, cells[k]!.bar))).toEqual(events));
      notes += fills.flat().filter((token) => v.family(token) === 'velocity').length;
    }
    expect(notes).toBeGreaterThan(500);
  });

  it('copies a restated cell note for note, and writes freely once the copy would not fit', () => {
    const random = new SeededRandom(3);
    const source = [v.id('position', 0), v.id('pitch', 60), v.id('velocity', 80), v.id('duration', 4)];
    const rowCells = new Map([[cellKey('melody', 0), source]]);
    const cells: CellPlan[] = [
      { track: 'melody', bar: 1 },
      { track: 'melody', bar: 2, copyOf: cellKey('melody', 0) },
      { track: 'melody', bar: 3, copyOf: cellKey('melody', 1) },
    ];
    const options = { cells, allowedFirst: allowedFirstTokens(v), maxNotesPerCell, rowCells };
    const tokens = sample(new ArrangeGrammarConstraint(v, { ...options, budget: 300 }), random, 300);
    const fills = readFills(tokens, cells);
    expect(fills[1]).toEqual(source);
    expect(fills[2]).toEqual(fills[0]);
    // 2 + 4 tokens for the copy do not fit after an empty first cell with 7 tokens in all: it is written freely (empty).
    const tight = sample(
      new ArrangeGrammarConstraint(v, { ...options, cells: cells.slice(1, 2), budget: 4 }),
      random,
      4,
    );
    expect(readFills(tight, cells.slice(1, 2))).toEqual([[]]);
  });

  it('restates a motif: the source bar’s first half note for note, then a free, well-formed continuation', () => {
    const note = (step: number, pitch: number) => [
      v.id('position', step),
      v.id('pitch', pitch),
      v.id('velocity', 80),
      v.id('duration', 2),
    ];
    const source = [...note(0, 60), ...note(4, 64), ...note(8, 67), ...note(12, 72)];
    const continuations = new Set<string>();
    for (let seed = 0; seed < 12; seed += 1) {
      const rowCells = new Map([[cellKey('melody', 0), source]]);
      const events = writeOneCell({ track: 'melody', bar: 1, motifOf: cellKey('melody', 0) }, rowCells, seed, 200);
      expect(events.slice(0, 8)).toEqual(source.slice(0, 8));
      // After the motif only later positions follow (the reader checks the grammar; here: nothing before step 5).
      const later = events.slice(8).filter((token) => v.family(token) === 'position');
      expect(later.every((token) => v.numericValue[token]! > 4)).toBe(true);
      expect(rowCells.get(cellKey('melody', 1))).toEqual(events);
      continuations.add(events.slice(8).join(','));
    }
    // The continuation is written anew, not copied: several different ones over the seeds.
    expect(continuations.size).toBeGreaterThan(3);

    // A source whose notes all lie in the first half: after its motif the cell may not close as its exact copy.
    const short = [...note(0, 60), ...note(4, 64)];
    const constraint = new ArrangeGrammarConstraint(v, {
      cells: [{ track: 'melody', bar: 1, motifOf: cellKey('melody', 0) }],
      allowedFirst: allowedFirstTokens(v),
      maxNotesPerCell,
      budget: 200,
      rowCells: new Map([[cellKey('melody', 0), short]]),
    });
    const mask = new Uint8Array(v.size);
    for (const token of [v.first('fill'), ...short]) {
      constraint.writeAllowed(mask);
      expect(mask[token]).toBe(1);
      constraint.accept(token);
    }
    constraint.writeAllowed(mask);
    expect(mask[v.special('End')]).toBe(0);
    expect(mask[v.id('position', 8)]).toBe(1);
  });

  it('humanizes: positions and drums follow the script, velocities and offsets are sampled', () => {
    const tokenizer = arrangeTokenizer();
    const beat = [0, 4, 8, 12].flatMap((step) => [
      { pitch: 36, start: step * 120, duration: 60, velocity: 100 },
      { pitch: 42, start: step * 120, duration: 60, velocity: 100 },
    ]);
    const given = tokenizer.encodeTrack({ track: 'drums', notes: beat }, 1)[0]!;
    const free = new Map(['velocity', 'offset'].map((family) => [family, v.span(family)]));
    const script = given.map((token) => free.get(v.family(token)) ?? ([token, token + 1] as [number, number]));
    const written = new Set<string>();
    for (let seed = 0; seed < 5; seed += 1) {
      const cells: CellPlan[] = [{ track: 'drums', bar: 0, script }];
      const rowCells = new Map<string, number[]>();
      const constraint = new ArrangeGrammarConstraint(v, {
        cells,
        allowedFirst: allowedFirstTokens(v),
        maxNotesPerCell,
        budget: 200,
        rowCells,
      });
      const [events] = readFills(sample(constraint, new SeededRandom(seed), 200), cells);
      expect(events!.filter((token) => !['velocity', 'offset'].includes(v.family(token)))).toEqual(
        given.filter((token) => !['velocity', 'offset'].includes(v.family(token))),
      );
      written.add(events!.join(','));
    }
    expect(written.size).toBe(5);
  });

  it('plays a drum pattern again: same positions and kit pieces, new velocities and offsets', () => {
    const pattern = [v.id('position', 0), v.id('drum', 36), v.id('velocity', 96), v.id('offset', 0)];
    pattern.push(v.id('position', 4), v.id('drum', 38), v.id('velocity', 112), v.id('offset', 1));
    const layout = (events: readonly number[]) =>
      events.filter((token) => !['velocity', 'offset'].includes(v.family(token)));
    const written = new Set<string>();
    for (let seed = 0; seed < 6; seed += 1) {
      const rowCells = new Map([[cellKey('drums', 0), pattern]]);
      const events = writeOneCell({ track: 'drums', bar: 1, patternOf: cellKey('drums', 0) }, rowCells, seed, 100);
      expect(layout(events)).toEqual(layout(pattern));
      written.add(events.join(','));
    }
    expect(written.size).toBeGreaterThan(1);
  });

  it("puts a downbeat bass note on a tone of the bar's chord when asked, and only then", () => {
    const chord = [v.id('position', 0), v.id('chord', 'D:min'), v.id('velocity', 80), v.id('duration', 16)];
    const downbeats = (follow: boolean) => {
      const classes = new Set<number>();
      for (let seed = 0; seed < 40; seed += 1) {
        const rowCells = new Map([[cellKey('chords', 0), chord]]);
        const cells: CellPlan[] = [{ track: 'bass', bar: 0 }];
        const constraint = new ArrangeGrammarConstraint(v, {
          cells,
          allowedFirst: allowedFirstTokens(v),
          maxNotesPerCell,
          budget: 60,
          rowCells,
          bassFollowsChords: follow,
        });
        const [events] = readFills(sample(constraint, new SeededRandom(seed), 60), cells);
        if (events![0] === v.id('position', 0)) classes.add(v.numericValue[events![1]!]! % 12);
      }
      return classes;
    };
    const followed = downbeats(true);
    expect(followed.size).toBeGreaterThan(0);
    for (const pitchClass of followed) expect([2, 5, 9]).toContain(pitchClass);
    expect(downbeats(false).size).toBeGreaterThan(3);
  });

  it('starts chords under a long melody note on chords that hold it, when asked', () => {
    const melody = [v.id('position', 0), v.id('pitch', 64), v.id('velocity', 80), v.id('duration', 8)];
    const chordsAt = (follow: boolean) => {
      const symbols: string[] = [];
      for (let seed = 0; seed < 30; seed += 1) {
        const rowCells = new Map([[cellKey('melody', 0), melody]]);
        const cells: CellPlan[] = [{ track: 'chords', bar: 0 }];
        const constraint = new ArrangeGrammarConstraint(v, {
          cells,
          allowedFirst: allowedFirstTokens(v),
          maxNotesPerCell,
          budget: 40,
          rowCells,
          chordsFollowMelody: follow,
        });
        const [events] = readFills(sample(constraint, new SeededRandom(seed), 40), cells);
        for (let i = 0; i + 1 < events!.length; i += 1)
          if (v.family(events![i]!) === 'position' && v.numericValue[events![i]!]! < 8)
            symbols.push(String(v.value(events![i + 1]!)));
      }
      return symbols;
    };
    const holdsE = (symbol: string) => {
      const [root, quality] = symbol.split(':') as [string, 'maj'];
      return chordPitchClasses(pitchClassNames.indexOf(root as 'C'), quality).includes(4);
    };
    const followed = chordsAt(true);
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every(holdsE)).toBe(true);
    expect(chordsAt(false).some((symbol) => !holdsE(symbol))).toBe(true);
  });
});
