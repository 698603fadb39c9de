// The structure checker that decides whether a level's pipes and cannons are whole.
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { structureProblems } from '../../../main/inference/tasks/level/level-structure.js';
import { corpusLevels, hasVglc } from '../../support/vglc-corpus.js';

const level = (...bottom: string[]) =>
  columnsOf([...Array.from({ length: 14 - bottom.length }, () => '-'.repeat(bottom[0]!.length)), ...bottom]);

describe('structureProblems', () => {
  it('accepts standing and hanging pipes and cannons on the ground', () => {
    expect(structureProblems(level('------', '-<>-B-', '-[]-b-', 'XXXXXX'))).toEqual([]);
    const hanging = columnsOf(['SSSS', '-[]-', '-<>-', ...Array.from({ length: 11 }, () => '----')]);
    expect(structureProblems(hanging)).toEqual([]);
  });

  it('finds half pipes, uncapped or floating pipes, and floating cannons', () => {
    expect(structureProblems(level('-<--', '-[]-', 'XXXX')).map((problem) => problem.reason)).toContain(
      'left pipe half without its right half',
    );
    expect(structureProblems(level('-[]-', '-[]-', 'XXXX'))).toHaveLength(2);
    expect(structureProblems(level('-<>-', '----', 'XXXX'))).toHaveLength(2);
    expect(structureProblems(level('-B--', '----', 'XXXX'))[0]?.reason).toBe('cannon without support');
  });

  it.skipIf(!hasVglc)('finds exactly the transcription slips the data preparation repairs', () => {
    const broken = corpusLevels()
      .filter((candidate) => structureProblems(columnsOf(candidate.rows)).length > 0)
      .map((candidate) => candidate.name);
    expect(broken).toEqual([
      'mario-7-1',
      'SuperMarioBros2(J)-World1-2',
      'SuperMarioBros2(J)-World3-3',
      'SuperMarioBros2(J)-World4-2',
      'SuperMarioBros2(J)-WorldD-1',
    ]);
  });
});
