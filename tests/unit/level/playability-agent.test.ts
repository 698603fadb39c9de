// The playability agent on the VGLC corpus and on hand-made grids whose answers are known.
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { PlayabilityAgent } from '../../../main/inference/tasks/level/playability-agent.js';
import { corpusLevels, hasVglc } from '../../support/vglc-corpus.js';

const agent = new PlayabilityAgent();
/** A 14-row grid from the rows given for the bottom of the screen (air above). */
const grid = (...bottom: string[]): string[] => [
  ...Array.from({ length: 14 - bottom.length }, () => '-'.repeat(bottom[0]!.length)),
  ...bottom,
];
const check = (rows: string[]) => agent.check(columnsOf(rows));

describe('PlayabilityAgent on hand-made levels', () => {
  it('walks a flat level from the first column to the last', () => {
    const report = check(grid('X'.repeat(30)));
    expect(report.playable).toBe(true);
    expect(report.spawn).toEqual([0, 12]);
    expect(report.goal).toEqual([29, 12]);
    expect(report.path).toHaveLength(30);
  });

  it('jumps gaps up to 9 columns and stops at wider ones', () => {
    const gap = (width: number) => check(grid(`${'X'.repeat(10)}${'-'.repeat(width)}${'X'.repeat(10)}`));
    expect(gap(4).playable).toBe(true);
    expect(gap(8).playable).toBe(true);
    const wide = gap(11);
    expect(wide.playable).toBe(false);
    expect(wide.furthestColumn).toBe(9);
    expect(wide.goal).toBeNull();
  });

  it('climbs walls up to 4 tiles and no higher', () => {
    const wall = (height: number) =>
      check(grid(...Array.from({ length: height }, () => `${'-'.repeat(10)}XXX${'-'.repeat(10)}`), 'X'.repeat(23)));
    expect(wall(4).playable).toBe(true);
    expect(wall(5).playable).toBe(false);
  });

  it('passes under a low ceiling and through enemies', () => {
    const rows = grid(`${'-'.repeat(8)}SSSS${'-'.repeat(8)}`, `${'-'.repeat(5)}E${'-'.repeat(14)}`, 'X'.repeat(20));
    expect(check(rows).playable).toBe(true);
  });

  it('finds no spawn when the first 8 columns are a pit', () => {
    const report = check(grid(`${'-'.repeat(8)}${'X'.repeat(12)}`));
    expect(report.spawn).toBeNull();
    expect(report.playable).toBe(false);
  });

  it('returns a connected path of cells', () => {
    const report = check(grid(`XXXXX---XXXX${'-'.repeat(5)}XXXXXX`, `${'X'.repeat(12)}-----${'X'.repeat(6)}`));
    expect(report.playable).toBe(true);
    for (let i = 1; i < report.path.length; i += 1) {
      const [x0, y0] = report.path[i - 1]!;
      const [x1, y1] = report.path[i]!;
      expect(Math.abs(x1 - x0)).toBeLessThanOrEqual(1);
      expect(Math.abs(y1 - y0)).toBeLessThanOrEqual(1);
    }
  });
});

describe.skipIf(!hasVglc)('PlayabilityAgent on the VGLC corpus', () => {
  const levels = hasVglc ? corpusLevels() : [];

  it('finds a route through all 15 Super Mario Bros levels', () => {
    const smb = levels.filter((level) => level.game === 'smb');
    expect(smb).toHaveLength(15);
    const failing = smb.filter((level) => !check(level.rows).playable).map((level) => level.name);
    expect(failing).toEqual([]);
  });

  it('passes 17 of the 22 Lost Levels (springs, vines and pipe exits are not modelled)', () => {
    const lost = levels.filter((level) => level.game === 'lost');
    expect(lost).toHaveLength(22);
    const failing = lost
      .filter((level) => !check(level.rows).playable)
      .map((level) => level.name.replace(/.*World/, ''));
    expect(failing).toEqual(['1-2', '2-2', '4-2', '4-3', '5-1']);
  });

  it('checks a 200-column level in a few milliseconds', () => {
    const level = levels.find((candidate) => candidate.name === 'mario-1-1')!;
    const columns = columnsOf(level.rows);
    for (let i = 0; i < 5; i += 1) agent.check(columns);
    const times: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const started = performance.now();
      agent.check(columns);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    expect(times[7]).toBeLessThan(25);
  });
});
