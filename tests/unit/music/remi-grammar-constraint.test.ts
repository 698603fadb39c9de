// The music constraints against a "model" that picks any allowed token at random: whatever it picks, the output is
// well-formed, has the bars asked for, stays in the locked scale and range, and follows a given rhythm.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../main/inference/decoding/seeded-random.js';
import type { TokenConstraint } from '../../../main/inference/decoding/token-constraint.js';
import {
  forbiddenDrums,
  forbiddenPitches,
  KeyLockConstraint,
} from '../../../main/inference/tasks/music/key-lock-constraint.js';
import { MusicTokenizer } from '../../../main/inference/tasks/music/music-tokenizer.js';
import { scalePitchClasses } from '../../../main/inference/tasks/music/music-theory.js';
import {
  RemiGrammarConstraint,
  type RemiGrammarOptions,
} from '../../../main/inference/tasks/music/remi-grammar-constraint.js';
import { RemiVocabulary } from '../../../main/inference/tasks/music/remi-vocabulary.js';
import { remiSpecPath } from './music-fixtures.js';

const vocabulary = RemiVocabulary.fromJson(JSON.parse(readFileSync(remiSpecPath, 'utf8')));
const tokenizer = new MusicTokenizer(vocabulary);
const bar = vocabulary.id('bar');
const melodyPrompt = [...tokenizer.header('melody', { style: 'pop', key: 'D-minor', tempo: 100, density: 4 }), bar];
const drumPrompt = [...tokenizer.header('drums', { style: 'rock', tempo: 100, density: 18 }), bar];

/** Samples uniformly among allowed tokens until the constraint completes; returns the tokens chosen. */
function randomWalk(constraint: TokenConstraint, seed: number, limit = 5000): number[] {
  const random = new SeededRandom(seed);
  const mask = new Uint8Array(vocabulary.size);
  const chosen: number[] = [];
  while (!constraint.isComplete()) {
    if (chosen.length >= limit) throw new Error('the constraint never completed');
    expect(constraint.writeAllowed(mask)).toBe(true);
    const allowed = [...mask.keys()].filter((token) => mask[token] === 1);
    expect(allowed.length).toBeGreaterThan(0);
    const token = allowed[random.nextUint32() % allowed.length]!;
    chosen.push(token);
    constraint.accept(token);
  }
  return chosen;
}

function grammar(options: Partial<RemiGrammarOptions>, prompt: readonly number[]): RemiGrammarConstraint {
  const defaults = { profile: 'melody' as const, bars: 4, firstBar: 0, maxNotesPerBar: 32, maxNotesPerPosition: 4 };
  return new RemiGrammarConstraint(vocabulary, { ...defaults, ...options }, prompt);
}

describe('RemiGrammarConstraint', () => {
  it('produces exactly the bars asked for, in canonical order, whatever is sampled', () => {
    for (let seed = 0; seed < 20; seed += 1) {
      const tokens = randomWalk(grammar({ bars: 1 + (seed % 6) }, melodyPrompt), seed);
      // The last token is the Bar that would open one bar too many.
      expect(tokens.at(-1)).toBe(bar);
      expect(tokens.filter((token) => token === bar)).toHaveLength(1 + (seed % 6));
      const notes = tokenizer.decode([bar, ...tokens.slice(0, -1)], 'melody');
      // Every note is complete: its three tokens after a position account for all non-structural tokens.
      const structural = tokens.filter((token) => token === bar || vocabulary.family(token) === 'position').length;
      expect(notes.length * 3).toBe(tokens.length - structural);
      // Re-encoding the decoded notes gives back the same tokens: the sampled sequence is canonical.
      expect(tokenizer.barTokens(notes, 'melody', 1 + (seed % 6)).flat()).toEqual([bar, ...tokens.slice(0, -1)]);
    }
  });

  it('caps notes per bar and per position', () => {
    const tokens = randomWalk(grammar({ bars: 3, maxNotesPerBar: 5, maxNotesPerPosition: 2 }, melodyPrompt), 3);
    const notes = tokenizer.decode([bar, ...tokens], 'melody');
    for (let index = 0; index < 3; index += 1) {
      const inBar = notes.filter((note) => Math.floor(note.start / 1920) === index);
      expect(inBar.length).toBeLessThanOrEqual(5);
      const perStep = new Map<number, number>();
      for (const note of inBar) perStep.set(note.start, (perStep.get(note.start) ?? 0) + 1);
      expect(Math.max(0, ...perStep.values())).toBeLessThanOrEqual(2);
    }
  });

  it('limits bars without notes: never two in a row, and never at the start', () => {
    for (const [maxEmptyBars, seed] of [
      [1, 1],
      [1, 2],
      [0, 3],
    ] as const) {
      const tokens = randomWalk(grammar({ bars: 12, maxEmptyBars }, melodyPrompt), seed);
      const notesPerBar = [0];
      for (const token of tokens.slice(0, -1)) {
        if (token === bar) notesPerBar.push(0);
        else if (vocabulary.family(token) === 'velocity') notesPerBar[notesPerBar.length - 1]! += 1;
      }
      expect(notesPerBar).toHaveLength(12);
      expect(notesPerBar[0]).toBeGreaterThan(0);
      for (let index = 1; index < 12; index += 1) {
        if (maxEmptyBars === 0) expect(notesPerBar[index]).toBeGreaterThan(0);
        else expect(notesPerBar[index]! + notesPerBar[index - 1]!).toBeGreaterThan(0);
      }
    }
    // Without the limit a random walk leaves bars empty, so the checks above test the limit.
    const free = [1, 2, 3].flatMap((seed) => randomWalk(grammar({ bars: 12 }, melodyPrompt), seed));
    expect(free.filter((token, index) => token === bar && free[index - 1] === bar).length).toBeGreaterThan(0);
  });

  it('follows a rhythm: every bar has onsets on exactly the given steps', () => {
    const rhythm = new Array<boolean>(32).fill(false);
    for (const step of [0, 4, 8, 10, 12, 16, 20, 24, 27]) rhythm[step] = true;
    const tokens = randomWalk(
      grammar(
        { profile: 'drums', bars: 6, firstBar: 1, maxNotesPerBar: 64, maxNotesPerPosition: 6, rhythm },
        drumPrompt,
      ),
      9,
    );
    const positions: number[][] = [[]];
    for (const token of tokens) {
      if (token === bar) positions.push([]);
      else if (vocabulary.family(token) === 'position') positions.at(-1)!.push(Number(vocabulary.value(token)));
    }
    // Bars 1..6 of the pattern alternate between its second and first halves.
    positions.slice(0, 6).forEach((steps, index) => {
      expect(steps).toEqual(index % 2 === 0 ? [0, 4, 8, 11] : [0, 4, 8, 10, 12]);
    });
  });
});

describe('KeyLockConstraint', () => {
  it('keeps every pitch in the scale and range over many random walks', () => {
    const key = { tonic: 'D', scale: 'dorian' } as const;
    const inScale = scalePitchClasses(key);
    const forbidden = forbiddenPitches(vocabulary, key, { lowest: 55, highest: 79 });
    let notes = 0;
    for (let seed = 0; seed < 30; seed += 1) {
      const tokens = randomWalk(new KeyLockConstraint(grammar({ bars: 4 }, melodyPrompt), forbidden), seed);
      for (const note of tokenizer.decode([bar, ...tokens], 'melody')) {
        expect(inScale[note.pitch % 12]).toBe(true);
        expect(note.pitch).toBeGreaterThanOrEqual(55);
        expect(note.pitch).toBeLessThanOrEqual(79);
        notes += 1;
      }
    }
    expect(notes).toBeGreaterThan(500);
  });

  it('restricts drums to the chosen kit pieces', () => {
    const forbidden = forbiddenDrums(vocabulary, [36, 38, 42]);
    const constraint = new KeyLockConstraint(
      grammar({ profile: 'drums', bars: 4, maxNotesPerBar: 64, maxNotesPerPosition: 6 }, drumPrompt),
      forbidden,
    );
    const notes = tokenizer.decode([bar, ...randomWalk(constraint, 4)], 'drums');
    expect(notes.length).toBeGreaterThan(10);
    expect(new Set(notes.map((note) => note.pitch))).toEqual(new Set([36, 38, 42]));
  });
});
