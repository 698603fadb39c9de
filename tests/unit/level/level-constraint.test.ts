// The level constraint with the packaged vocabulary and random choices among the allowed columns: structure always holds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockAmounts, elevations, enemyAmounts, pipeAmounts, type LevelAttributes } from '../../../contract/levels.js';
import { SeededRandom } from '../../../main/inference/decoding/seeded-random.js';
import {
  adherence,
  adherencePlan,
  measureAttributes,
  measureWindows,
  textureSteering,
  type AdherenceControl,
} from '../../../main/inference/tasks/level/level-attributes.js';
import { LevelConstraint, type LevelConstraintOptions } from '../../../main/inference/tasks/level/level-constraint.js';
import { structureProblems } from '../../../main/inference/tasks/level/level-structure.js';
import { columnFeatures, LevelVocabulary } from '../../../main/inference/tasks/level/level-vocabulary.js';
import { findPackageRoot } from '../../../main/platform/paths.js';

const vocabulary = LevelVocabulary.fromFile(
  join(findPackageRoot(), 'models/packages/level-platformer/1.0.0/level-vocabulary.json'),
);
const mask = new Uint8Array(vocabulary.size);

/** Picks uniformly among the allowed columns until the constraint completes: the harshest test of the rules alone. */
function sample(options: Omit<LevelConstraintOptions, 'vocabulary'>, seed: number): string[] {
  const constraint = new LevelConstraint({ vocabulary, ...options });
  const random = new SeededRandom(seed);
  const columns: string[] = [];
  while (!constraint.isComplete()) {
    constraint.writeAllowed(mask);
    const allowed: number[] = [];
    mask.forEach((bit, token) => bit && allowed.push(token));
    expect(allowed.length).toBeGreaterThan(0);
    const token = allowed[Math.floor(random.nextFloat() * allowed.length)]!;
    constraint.accept(token);
    columns.push(vocabulary.column(token));
  }
  return columns;
}

// Every one of the 96 attribute combinations, indexed 0..95.
const combination = (i: number): LevelAttributes => ({
  pipes: pipeAmounts[i % 4]!,
  enemies: enemyAmounts[(i >> 2) % 4]!,
  blocks: blockAmounts[(i >> 4) % 3]!,
  elevation: elevations[Math.floor(i / 48) % 2]!,
});

describe('LevelConstraint', () => {
  it('only ever has well-formed columns in its vocabulary', () => {
    expect(structureProblems(vocabulary.columns.filter((column) => !/[<>[\]]/.test(column)))).toEqual([]);
    for (const column of vocabulary.columns) {
      const alone = structureProblems([column]).filter((problem) => !problem.reason.includes('half without'));
      expect(alone, column).toEqual([]);
    }
  });

  /** A whole level of `width` columns drawn under the prompt's plan. */
  const level = (attributes: LevelAttributes, width: number, seed: number, control: AdherenceControl = 'per-window') =>
    sample(
      {
        length: width,
        leftColumn: null,
        rightColumn: null,
        plan: adherencePlan(attributes, width, [], { from: 0, to: width }, control),
      },
      seed,
    );

  it('keeps every pipe whole, starts on a clear spawn area and ends on ground, over 192 levels of all 96 prompts', () => {
    let adherent = 0;
    for (let seed = 0; seed < 192; seed += 1) {
      const attributes = combination(seed % 96);
      const columns = level(attributes, 100, seed, 'level-wide');
      expect(structureProblems(columns)).toEqual([]);
      expect(columnFeatures(columns[0]!).standRows).not.toBe(0);
      // The spawn area: ground in each of the first 3 columns, no enemy, cannon or pipe there.
      for (const column of columns.slice(0, 3)) expect(columnFeatures(column).standRows).not.toBe(0);
      expect(columns.slice(0, 3).join('')).not.toMatch(/[EBb<>[\]]/);
      expect(columnFeatures(columns[99]!).standRows).not.toBe(0);
      expect(columns[99]).not.toMatch(/[<[]/);
      adherent += adherence(attributes, measureAttributes(columns)) === 4 ? 1 : 0;
    }
    // With uniform choices the budgets alone carry every prompt.
    expect(adherent).toBeGreaterThanOrEqual(190);
  });

  it('meets the columns on both sides of a regenerated span, pipes included', () => {
    const left = '-----------<[X';
    const right = '----------->]X';
    for (let seed = 0; seed < 50; seed += 1) {
      const span = sample({ length: 12, leftColumn: left, rightColumn: right }, seed);
      expect(span[0]).toMatch(/^-{11}>][X]$|^.{11}>]./);
      expect(structureProblems([left, ...span, right])).toEqual([]);
    }
  });

  it("lands every 50-column window in the prompt's buckets, over 192 levels of 150 columns and all 96 prompts", () => {
    let windows = 0;
    let adherent = 0;
    for (let seed = 0; seed < 192; seed += 1) {
      const attributes = combination(seed % 96);
      const columns = level(attributes, 150, seed);
      expect(structureProblems(columns)).toEqual([]);
      for (const measured of measureWindows(columns)) {
        windows += 1;
        adherent += adherence(attributes, measured) === 4 ? 1 : 0;
      }
    }
    expect(windows).toBe(576);
    // With uniform choices the per-window budgets alone carry every window (the level-wide ones did not).
    expect(adherent / windows).toBeGreaterThanOrEqual(0.98);
  });

  it('makes "no pipes" and "no enemies" hard: not one pipe, enemy or cannon in 96 levels', () => {
    for (let seed = 0; seed < 96; seed += 1) {
      const attributes: LevelAttributes = { ...combination(seed), pipes: 'none', enemies: 'none' };
      expect(level(attributes, 100, seed).join('')).not.toMatch(/[EBb<>[\]]/);
    }
  });

  it('never lets a pipe cross the edge between two prompt windows', () => {
    for (let seed = 0; seed < 40; seed += 1) {
      const columns = level({ pipes: 'many', enemies: 'some', blocks: 'some', elevation: 'high' }, 150, seed);
      expect(columns[49]).not.toMatch(/[<[]/);
      expect(columns[99]).not.toMatch(/[<[]/);
    }
  });

  it("counts the columns kept outside a span against their window's budgets", () => {
    const attributes: LevelAttributes = { pipes: 'none', enemies: 'little', blocks: 'little', elevation: 'low' };
    // Columns 0–29 and 50–99 are kept; the first window already has its 3 enemies ("little": at most 3 per 50).
    const kept = Array.from({ length: 100 }, (_, x) =>
      x === 5 || x === 10 || x === 15 ? '------------EX' : '------------XX',
    );
    const span = sample(
      {
        length: 20,
        leftColumn: kept[29]!,
        rightColumn: kept[50]!,
        spanStart: 30,
        plan: adherencePlan(attributes, 100, kept, { from: 30, to: 50 }),
      },
      3,
    );
    expect(span.join('')).not.toMatch(/[EB<]/);
  });

  it('steers texture softly: drawn columns lose the repeat penalty, gap openers gain the boost until a window has 2 gaps', () => {
    const attributes: LevelAttributes = { pipes: 'little', enemies: 'some', blocks: 'little', elevation: 'low' };
    const constraint = new LevelConstraint({
      vocabulary,
      length: 100,
      leftColumn: null,
      rightColumn: null,
      plan: adherencePlan(attributes, 100, [], { from: 0, to: 100 }),
    });
    const ground = vocabulary.tokenFor('------------XX');
    const gap = vocabulary.tokenFor('--------------');
    const logits = () => {
      const values = new Float32Array(vocabulary.size);
      constraint.adjustLogits(values);
      return values;
    };
    expect(logits()[ground]).toBe(0);
    expect(logits()[gap]).toBeCloseTo(textureSteering.gapBoost);
    constraint.accept(ground);
    expect(logits()[ground]).toBeCloseTo(-textureSteering.repeatPenalty);
    // Two gaps opened in the first window: no more boost there, and none right after a gap (it would not open one).
    for (const token of [gap, ground, gap]) constraint.accept(token);
    expect(logits()[gap]).toBeCloseTo(-textureSteering.repeatPenalty);
    constraint.accept(ground);
    expect(logits()[gap]).toBeCloseTo(-textureSteering.repeatPenalty);
    // Past the window's brick budget, a column's bricks cost the over-budget penalty each.
    const bricks = vocabulary.columns.findIndex((column) => (column.match(/S/g) ?? []).length === 4);
    const brickToken = vocabulary.firstColumnToken + bricks;
    expect(logits()[brickToken]).toBe(0);
    for (let i = 0; i < textureSteering.bricksPerWindow / 4; i += 1) constraint.accept(brickToken);
    expect(logits()[brickToken]).toBeCloseTo(-textureSteering.repeatPenalty - 4 * textureSteering.overBudgetPenalty);
    // The level-wide (1.0.0) decoding does not steer.
    const plain = new LevelConstraint({
      vocabulary,
      length: 100,
      leftColumn: null,
      rightColumn: null,
      plan: adherencePlan(attributes, 100, [], { from: 0, to: 100 }, 'level-wide'),
    });
    plain.accept(ground);
    const values = new Float32Array(vocabulary.size);
    plain.adjustLogits(values);
    expect(values.every((value) => value === 0)).toBe(true);
  });
});
