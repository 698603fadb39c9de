// The taste model on hand-made data: which preference pairs a run's signals make, a fit that is deterministic and puts
// its weight on the feature the user's choices follow, L2 keeping a single pair's weights finite, and the features
// measured on a clip and a level whose numbers are known.
import { describe, expect, it } from 'vitest';
import type { GeneratedLevel, MusicRun } from '../../../../../contract/index.js';
import { tasteFeatureNames, variationFeatures } from '../../../../../main/services/taste/taste-features.js';
import {
  fitTaste,
  preferencePairs,
  scoreOf,
  type TasteEvent,
  type TasteRun,
} from '../../../../../main/services/taste/taste-model.js';

/** A deterministic pseudo-random stream (mulberry32), so the runs are the same every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const names = ['wanted', 'noise1', 'noise2'];

/** Runs of 8 variations with 3 features; the user keeps the 2 highest in feature 0 and discards the 2 lowest. */
function simulatedUser(runCount: number, seed: number): { runs: TasteRun[]; events: TasteEvent[] } {
  const next = random(seed);
  const runs: TasteRun[] = [];
  const events: TasteEvent[] = [];
  for (let r = 0; r < runCount; r++) {
    const features = Array.from({ length: 8 }, () => [next() * 10, next() * 3, next()]);
    const historyId = `run-${r}`;
    runs.push({ historyId, features });
    const order = features.map((row, index) => ({ value: row[0]!, index })).sort((a, b) => b.value - a.value);
    for (const { index } of order.slice(0, 2)) events.push({ historyId, variation: index, signal: 'keep' });
    for (const { index } of order.slice(-2)) events.push({ historyId, variation: index, signal: 'discard' });
  }
  return { runs, events };
}

describe('taste model', () => {
  it('pairs kept over discarded fully, and both against the unrated at half weight; the latest signal counts', () => {
    const run: TasteRun = { historyId: 'a', features: Array.from({ length: 8 }, (_, index) => [index]) };
    const events: TasteEvent[] = [
      { historyId: 'a', variation: 0, signal: 'keep' },
      { historyId: 'a', variation: 1, signal: 'export' },
      { historyId: 'a', variation: 6, signal: 'discard' },
      { historyId: 'a', variation: 7, signal: 'play' },
      // Played, then discarded after all: a discard.
      { historyId: 'a', variation: 7, signal: 'discard' },
      // Feedback on a run the log holds no features of makes no pair.
      { historyId: 'b', variation: 0, signal: 'keep' },
    ];
    const pairs = preferencePairs([run], events);
    // 2 kept × 2 discarded at weight 1, 2 kept × 4 unrated and 4 unrated × 2 discarded at 0.5.
    expect(pairs.filter((pair) => pair.weight === 1)).toHaveLength(4);
    expect(pairs.filter((pair) => pair.weight === 0.5)).toHaveLength(16);
    expect(pairs.every((pair) => pair.better[0]! !== pair.worse[0]!)).toBe(true);
  });

  it('learns the feature the choices follow, the same weights every time, in milliseconds', () => {
    const { runs, events } = simulatedUser(6, 7);
    expect(events).toHaveLength(24);
    const started = performance.now();
    const fitted = fitTaste(names, runs, events);
    const elapsed = performance.now() - started;
    expect(fitTaste(names, runs, events)).toEqual(fitted);
    expect(fitted.weights[0]).toBeGreaterThan(0);
    expect(Math.abs(fitted.weights[0]!)).toBeGreaterThan(
      3 * Math.max(Math.abs(fitted.weights[1]!), Math.abs(fitted.weights[2]!)),
    );
    expect(elapsed).toBeLessThan(50);
    // Fresh variations score in the order of the wanted feature.
    const fresh = simulatedUser(1, 99).runs[0]!.features;
    const byScore = fresh
      .map((row, index) => ({ index, score: scoreOf(fitted, row).score }))
      .sort((a, b) => b.score - a.score);
    const byWanted = fresh.map((row, index) => ({ index, value: row[0]! })).sort((a, b) => b.value - a.value);
    expect(byScore.map((row) => row.index)).toEqual(byWanted.map((row) => row.index));
  });

  it('keeps the weights finite on a single separable pair (L2), and fits nothing without pairs', () => {
    const run: TasteRun = {
      historyId: 'a',
      features: [
        [1, 0, 0],
        [0, 0, 0],
      ],
    };
    const one = fitTaste(names, [run], [{ historyId: 'a', variation: 0, signal: 'keep' }]);
    expect(one.pairs).toBe(1);
    expect(Number.isFinite(one.weights[0]!)).toBe(true);
    expect(one.weights[0]!).toBeGreaterThan(0);
    expect(one.weights[0]!).toBeLessThan(10);
    // A constant feature has no spread: it is left out (weight 0), not divided by zero.
    expect(one.std[1]).toBe(0);
    expect(one.weights[1]).toBe(0);
    expect(fitTaste(names, [run], []).weights).toEqual([0, 0, 0]);
  });
});

describe('taste features', () => {
  it('measures a melody: density, range, steps, repetition and velocity, on the generated notes only', () => {
    const bar = (offset: number) =>
      [60, 62, 64, 67].map((pitch, step) => ({
        pitch,
        start: offset + step * 480,
        duration: 240,
        velocity: 80 + step * 10,
      }));
    const primer = { pitch: 40, start: 0, duration: 1920, velocity: 10 };
    const notes = [primer, ...bar(1920), ...bar(3840)];
    const run = {
      result: {
        task: 'music.melody',
        bars: 3,
        generatedFromTick: 1920,
        variations: [{ notes, primerNotes: 1, stats: {} }],
      },
    } as unknown as MusicRun;
    const [row] = variationFeatures(run, 'melody');
    const value = (name: string) => row![tasteFeatureNames.melody.indexOf(name as never)]!;
    expect(value('notesPerBar')).toBe(4);
    expect(value('pitchRange')).toBe(7);
    // 60→62→64 steps, 64→67 a leap, 67→60 a leap (bar to bar), 60→62→64 steps, 64→67 a leap: 4 of 7.
    expect(value('stepShare')).toBeCloseTo(4 / 7);
    expect(value('barRepetition')).toBe(1);
    expect(value('syncopation')).toBe(0);
    expect(value('onsetEntropy')).toBeCloseTo(2);
    expect(value('velocityMean')).toBe(95);
  });

  it('measures a level: enemies, pipes, gaps and blocks per 50 columns', () => {
    const width = 50;
    const rows = Array.from({ length: 14 }, () => '-'.repeat(width).split(''));
    for (let x = 0; x < width; x++) if (x < 20 || x > 24) rows[13]![x] = 'X';
    rows[12]![5] = 'E';
    rows[12]![30] = 'E';
    rows[11]![10] = '<';
    rows[11]![11] = '>';
    rows[8]![15] = '?';
    rows[8]![16] = 'S';
    const level = {
      variation: 0,
      rows: rows.map((row) => row.join('')),
      path: [
        [0, 12],
        [1, 11],
        [2, 12],
      ],
    } as unknown as GeneratedLevel;
    const [row] = variationFeatures({ result: { levels: [level] } } as never, 'level');
    const value = (name: string) => row![tasteFeatureNames.level.indexOf(name as never)]!;
    expect(value('enemies')).toBe(2);
    expect(value('pipes')).toBe(1);
    expect(value('gaps')).toBe(1);
    expect(value('blocks')).toBe(2);
    expect(value('jumps')).toBe(1);
  });
});
