// Tidying before the check: a clear spawn area in columns 0–2 and pipes standing on the ground, only inside the span.
import { describe, expect, it } from 'vitest';
import { columnsOf, rowsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { LevelRepairer } from '../../../main/inference/tasks/level/level-repair.js';
import { structureProblems } from '../../../main/inference/tasks/level/level-structure.js';
import { tidyLevel } from '../../../main/inference/tasks/level/level-tidy.js';
import { PlayabilityAgent } from '../../../main/inference/tasks/level/playability-agent.js';

/** A 14-row grid from the rows given for the bottom of the screen (air above). */
const grid = (...bottom: string[]): string[] => [
  ...Array.from({ length: 14 - bottom.length }, () => '-'.repeat(bottom[0]!.length)),
  ...bottom,
];
const tidy = (rows: string[], from = 0, to = rows[0]!.length) => rowsOf(tidyLevel(columnsOf(rows), { from, to }));

describe('tidyLevel', () => {
  it('clears enemies, cannons and pipes from columns 0–2 and gives them ground', () => {
    const rows = grid('-E<>-----------', 'B-[]---E-------', 'b-[]-----------', '---XXXXXXXXXXXX', '---XXXXXXXXXXXX');
    const tidied = tidy(rows);
    expect(tidied.slice(-5)).toEqual([
      '---------------',
      '-------E-------',
      '---------------',
      'XXXXXXXXXXXXXXX',
      'XXXXXXXXXXXXXXX',
    ]);
    expect(structureProblems(columnsOf(tidied))).toEqual([]);
  });

  it('turns a start walled in by a tall pipe at column 2 into one the player can leave', () => {
    const rows = grid('--<>------', ...Array.from({ length: 5 }, () => '--[]------'), 'XXXXXXXXXX', 'XXXXXXXXXX');
    const agent = new PlayabilityAgent();
    expect(agent.check(columnsOf(rows)).playable).toBe(false);
    const report = agent.check(tidyLevel(columnsOf(rows), { from: 0, to: 10 }));
    expect(report.playable).toBe(true);
    expect(report.spawn).toEqual([0, 11]);
  });

  it('raises a pipe stub sunk into the floor rows onto the ground, two tiles tall with its top visible', () => {
    const rows = grid('XXXX<>XXXX', 'XXXX[]XXXX');
    const tidied = tidy(rows);
    expect(tidied.slice(-4)).toEqual(['----<>----', '----[]----', 'XXXXXXXXXX', 'XXXXXXXXXX']);
    expect(structureProblems(columnsOf(tidied))).toEqual([]);
  });

  it('changes nothing outside the span: a regenerated region leaves the spawn area of the original alone', () => {
    const rows = grid('-E--------', 'XXXX<>XXXX', 'XXXX[]XXXX');
    expect(tidy(rows, 3, 10).slice(-3)).toEqual(['-E--[]----', 'XXXXXXXXXX', 'XXXXXXXXXX']);
    expect(tidy(rows, 0, 4)).toEqual(grid('----------', 'XXXX<>XXXX', 'XXXX[]XXXX'));
    // A regenerated span over the spawn area is cleared like a new level.
    expect(tidy(rows, 0, 3)[11]).toBe('----------');
  });

  it('runs before every check of a repair, so an enemy never stands on the spawn', async () => {
    const rows = grid('E---------', 'XXXXXXXXXX', 'XXXXXXXXXX');
    const outcome = await new LevelRepairer(new PlayabilityAgent(), null).repair(columnsOf(rows), {
      span: { from: 0, to: 10 },
      budget: 0,
    });
    expect(outcome.report.playable).toBe(true);
    expect(rowsOf(outcome.columns)[11]).toBe('----------');
  });
});
