// The melody form (RestateConstraint) against a "model" that picks any allowed token at random: whatever it picks, a
// copied bar comes back note for note, a varied restatement keeps its source's first half, a window that starts later
// restates bars it was given as history, and a token the inner constraint forbids ends the restatement.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MusicNote } from '../../../contract/music.js';
import { SeededRandom } from '../../../main/inference/decoding/seeded-random.js';
import type { TokenConstraint } from '../../../main/inference/decoding/token-constraint.js';
import { copiedBarsOf, restatedBars } from '../../../main/inference/tasks/music/song-form.js';
import { forbiddenPitches, KeyLockConstraint } from '../../../main/inference/tasks/music/key-lock-constraint.js';
import { MusicTokenizer } from '../../../main/inference/tasks/music/music-tokenizer.js';
import { RemiGrammarConstraint } from '../../../main/inference/tasks/music/remi-grammar-constraint.js';
import { RemiVocabulary } from '../../../main/inference/tasks/music/remi-vocabulary.js';
import { RestateConstraint, type RestatePlan } from '../../../main/inference/tasks/music/restate-constraint.js';
import { remiSpecPath } from './music-fixtures.js';

const vocabulary = RemiVocabulary.fromJson(JSON.parse(readFileSync(remiSpecPath, 'utf8')));
const tokenizer = new MusicTokenizer(vocabulary);
const bar = vocabulary.id('bar');
const prompt = [...tokenizer.header('melody', { style: 'pop', key: 'C-major', tempo: 100, density: 5 }), bar];
const barTicks = 1920;

function plan(bars: number, form: string, repetition: number): RestatePlan {
  const restates = restatedBars(bars, form);
  return { restates, copied: copiedBarsOf(restates, form, repetition) };
}

/** The grammar of `bars` bars from generated bar `firstBar`, key-locked to C major, inside the form. */
function formConstraint(restate: RestatePlan, bars: number, firstBar = 0, history: number[] = []): TokenConstraint {
  const grammar = new RemiGrammarConstraint(
    vocabulary,
    { profile: 'melody', bars, firstBar, maxNotesPerBar: 12, maxNotesPerPosition: 2, maxEmptyBars: 0 },
    prompt,
  );
  const locked = new KeyLockConstraint(
    grammar,
    forbiddenPitches(vocabulary, { tonic: 'C', scale: 'major' }, undefined),
  );
  return new RestateConstraint(locked, restate, vocabulary, history, firstBar);
}

/** Samples uniformly among the allowed tokens until the constraint completes; the tokens chosen, the final Bar dropped. */
function randomWalk(constraint: TokenConstraint, seed: number): number[] {
  const random = new SeededRandom(seed);
  const mask = new Uint8Array(vocabulary.size);
  const chosen: number[] = [];
  while (!constraint.isComplete()) {
    if (chosen.length > 4000) throw new Error('the constraint never completed');
    const allowed = constraint.writeAllowed(mask) ? [...mask.keys()].filter((token) => mask[token] === 1) : null;
    const token = allowed ? allowed[random.nextUint32() % allowed.length]! : random.nextUint32() % vocabulary.size;
    chosen.push(token);
    constraint.accept(token);
  }
  expect(chosen.at(-1)).toBe(bar);
  return chosen.slice(0, -1);
}

/** A bar's notes as [pitch, onset in the bar, duration, velocity], in order. */
function barNotes(notes: readonly MusicNote[], index: number, beforeTick = barTicks): number[][] {
  return notes
    .filter((note) => Math.floor(note.start / barTicks) === index && note.start - index * barTicks < beforeTick)
    .map((note) => [note.pitch, note.start - index * barTicks, note.duration, note.velocity]);
}

describe('RestateConstraint', () => {
  it('copies the bars of a repeated section note for note (form AABA, repetition 1)', () => {
    for (let seed = 0; seed < 12; seed += 1) {
      const tokens = randomWalk(formConstraint(plan(8, 'AABA', 1), 8), seed);
      expect(tokens.filter((token) => token === bar)).toHaveLength(7);
      const notes = tokenizer.decode([bar, ...tokens], 'melody');
      expect(barNotes(notes, 0).length).toBeGreaterThan(0);
      for (const [copy, source] of [
        [2, 0],
        [3, 1],
        [6, 0],
        [7, 1],
      ] as const)
        expect(barNotes(notes, copy), `seed ${seed}: bar ${copy + 1} restates bar ${source + 1}`).toEqual(
          barNotes(notes, source),
        );
    }
  });

  it('restates only the first half of a source bar when the bar is not copied (repetition 0), then goes on freely', () => {
    let differentSecondHalves = 0;
    for (let seed = 0; seed < 12; seed += 1) {
      const tokens = randomWalk(formConstraint(plan(8, 'ABAB', 0), 8), seed);
      const notes = tokenizer.decode([bar, ...tokens], 'melody');
      for (let source = 0; source < 4; source += 1) {
        expect(barNotes(notes, source + 4, barTicks / 2)).toEqual(barNotes(notes, source, barTicks / 2));
        if (JSON.stringify(barNotes(notes, source + 4)) !== JSON.stringify(barNotes(notes, source)))
          differentSecondHalves += 1;
      }
    }
    // Sampled at random, the second halves almost never come out equal.
    expect(differentSecondHalves).toBeGreaterThan(40);
  });

  it('never closes a varied restatement as its source’s copy, even for a model that would close every bar at once', () => {
    // Bar 1 has notes in its first half only, so its motif is all of it; a model that always picks Bar when it may
    // would close bar 2 as bar 1's copy the moment the motif is played.
    const firstHalfOnly = tokenizer.barTokens(
      [60, 62, 64, 65].map((pitch, index) => ({ pitch, start: index * 2 * 120, duration: 240, velocity: 96 })),
      'melody',
      1,
    )[0]!;
    const constraint = formConstraint(plan(2, 'AA', 0), 1, 1, firstHalfOnly);
    const random = new SeededRandom(4);
    const mask = new Uint8Array(vocabulary.size);
    const chosen: number[] = [];
    while (!constraint.isComplete()) {
      constraint.writeAllowed(mask);
      const allowed = [...mask.keys()].filter((token) => mask[token] === 1);
      const token = mask[bar] ? bar : allowed[random.nextUint32() % allowed.length]!;
      chosen.push(token);
      constraint.accept(token);
    }
    const notes = tokenizer.decode([...firstHalfOnly, bar, ...chosen.slice(0, -1)], 'melody');
    const onsetsAndPitches = (index: number) => barNotes(notes, index).map(([pitch, onset]) => [pitch, onset]);
    expect(barNotes(notes, 1, barTicks / 2)).toEqual(barNotes(notes, 0, barTicks / 2));
    expect(onsetsAndPitches(1)).not.toEqual(onsetsAndPitches(0));
    expect(barNotes(notes, 1).length).toBe(barNotes(notes, 0).length + 1);
  });

  it('restates bars given as history in a window that starts later (a long clip past the model’s context)', () => {
    const first = randomWalk(formConstraint(plan(8, 'AABA', 1), 4), 5);
    const history = [bar, ...first];
    const second = randomWalk(formConstraint(plan(8, 'AABA', 1), 4, 4, history), 6);
    const notes = tokenizer.decode([...history, bar, ...second], 'melody');
    expect(barNotes(notes, 6)).toEqual(barNotes(notes, 0));
    expect(barNotes(notes, 7)).toEqual(barNotes(notes, 1));
  });

  it('ends a restatement at a token the inner constraint forbids, and samples that bar freely from there', () => {
    // History in C# (from a primer, say) under a C major lock: the copy of bar 1 cannot use its C# notes.
    const csharp = tokenizer.barTokens(
      [0, 4, 8, 12].map((step) => ({ pitch: 61, start: step * 120, duration: 240, velocity: 96 })),
      'melody',
      1,
    )[0]!;
    const tokens = randomWalk(formConstraint(plan(2, 'AA', 1), 1, 1, csharp), 2);
    const notes = tokenizer.decode([...csharp, bar, ...tokens], 'melody');
    expect(barNotes(notes, 1).length).toBeGreaterThan(0);
    expect(barNotes(notes, 1).every(([pitch]) => [0, 2, 4, 5, 7, 9, 11].includes(pitch! % 12))).toBe(true);
  });
});
