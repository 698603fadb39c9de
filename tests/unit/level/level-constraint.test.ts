// The level constraint with the packaged vocabulary and random choices among the allowed columns: structure always holds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockAmounts, elevations, enemyAmounts, pipeAmounts, type LevelAttributes } from '../../../contract/levels.js';
import { SeededRandom } from '../../../main/inference/decoding/seeded-random.js';
import {
  adherence,
  attributeTargets,
  countFeatures,
  measureAttributes,
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

  it('keeps every pipe whole, starts on a clear spawn area and ends on ground, over 192 levels of all 96 prompts', () => {
    let adherent = 0;
    for (let seed = 0; seed < 192; seed += 1) {
      const attributes = combination(seed % 96);
      const columns = sample(
        { length: 100, leftColumn: null, rightColumn: null, targets: attributeTargets(attributes, 100) },
        seed,
      );
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

  it('counts the columns kept outside a span against the budgets', () => {
    const attributes: LevelAttributes = { pipes: 'none', enemies: 'none', blocks: 'little', elevation: 'low' };
    const outside = countFeatures(Array.from({ length: 80 }, () => columnFeatures('------------EX')));
    const span = sample(
      {
        length: 20,
        leftColumn: '-------------X',
        rightColumn: null,
        targets: attributeTargets(attributes, 100),
        countedOutside: outside,
      },
      3,
    );
    expect(span.join('')).not.toMatch(/[EB<]/);
  });
});
