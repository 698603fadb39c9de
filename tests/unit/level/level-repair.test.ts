// Repairs: the model's redraws are tried first, then floor is laid or original columns put back; the outside never moves.
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { LevelRepairer, type RegionRedraw } from '../../../main/inference/tasks/level/level-repair.js';
import { structureProblems } from '../../../main/inference/tasks/level/level-structure.js';
import { PlayabilityAgent } from '../../../main/inference/tasks/level/playability-agent.js';

const agent = new PlayabilityAgent();
const ground = '-------------X';
const pit = '--------------';
/** A level of flat ground with a 14-column pit from column 20: no jump crosses it. */
const withPit = (): string[] => Array.from({ length: 60 }, (_, x) => (x >= 20 && x < 34 ? pit : ground));

describe('LevelRepairer', () => {
  it('lays floor when the model cannot help, until the level is playable', async () => {
    const redraws: [number, number][] = [];
    const useless: RegionRedraw = async (columns, from, to) => {
      redraws.push([from, to]);
      return [Array.from({ length: to - from }, () => pit)];
    };
    const outcome = await new LevelRepairer(agent, useless).repair(withPit(), { span: { from: 0, to: 60 }, budget: 2 });
    expect(agent.check(withPit()).playable).toBe(false);
    expect(outcome.report.playable).toBe(true);
    expect(redraws).toHaveLength(2);
    expect(outcome.repairs.map((repair) => repair.kind)).toEqual(['bridge']);
    expect(outcome.repairs[0]).toMatchObject({ stuckAt: 19 });
    // Floor is laid only as far as needed: a 9-column jump covers the rest of the pit.
    expect(outcome.repairedColumns).toBeLessThan(14);
  });

  it('keeps the redraw that makes the level playable', async () => {
    const helpful: RegionRedraw = async (_, from, to) => [
      Array.from({ length: to - from }, () => pit),
      Array.from({ length: to - from }, () => ground),
    ];
    const outcome = await new LevelRepairer(agent, helpful).repair(withPit(), { span: { from: 0, to: 60 }, budget: 4 });
    expect(outcome.report.playable).toBe(true);
    expect(outcome.repairs.every((repair) => repair.kind === 'regenerate')).toBe(true);
  });

  it('checks only, with a budget of 0', async () => {
    const outcome = await new LevelRepairer(agent, null).repair(withPit(), { span: { from: 0, to: 60 }, budget: 0 });
    expect(outcome.report.playable).toBe(false);
    expect(outcome.repairs).toEqual([]);
  });

  it('never touches columns outside the span, and removes whole pipes when it lays floor', async () => {
    const level = withPit();
    level[24] = '-----------<[X';
    level[25] = '----------->]X';
    const outcome = await new LevelRepairer(agent, null).repair(level, { span: { from: 15, to: 40 }, budget: 1 });
    expect(outcome.report.playable).toBe(true);
    expect(outcome.columns.slice(0, 15)).toEqual(level.slice(0, 15));
    expect(outcome.columns.slice(40)).toEqual(level.slice(40));
    expect(structureProblems(outcome.columns)).toEqual([]);
  });

  it('puts the original columns back when the seam on the right cannot be reached', async () => {
    // The original climbs a staircase to a high ledge at column 40; the edited span lost the staircase.
    const original = Array.from({ length: 60 }, (_, x) =>
      x < 32
        ? ground
        : x < 40
          ? `${'-'.repeat(13 - Math.min(x - 31, 8))}${'X'.repeat(Math.min(x - 31, 8) + 1)}`
          : '----XXXXXXXXXX',
    );
    expect(agent.check(original).playable).toBe(true);
    const edited = [...original.slice(0, 30), ...Array.from({ length: 10 }, () => ground), ...original.slice(40)];
    const outcome = await new LevelRepairer(agent, null).repair(edited, {
      span: { from: 30, to: 40 },
      budget: 1,
      original,
    });
    expect(outcome.report.playable).toBe(true);
    expect(outcome.repairs.at(-1)?.kind).toBe('restore');
    expect(outcome.columns.slice(40)).toEqual(original.slice(40));
  });

  it('reports the time spent checking', async () => {
    const outcome = await new LevelRepairer(agent, null).repair(
      columnsOf(Array.from({ length: 14 }, (_, y) => (y === 13 ? 'X'.repeat(30) : '-'.repeat(30)))),
      {
        span: { from: 0, to: 30 },
        budget: 1,
      },
    );
    expect(outcome.report.playable).toBe(true);
    expect(outcome.checkMs).toBeGreaterThan(0);
  });
});
