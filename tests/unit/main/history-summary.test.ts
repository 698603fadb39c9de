// History's one-line summary of a level run: a redrawn region is named by its first and last column, inclusive.
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../contract/index.js';
import { describeLevelColumns } from '../../../contract/levels.js';
import { summaryOf } from '../../../main/services/history-summary.js';

const run = (region?: { from: number; to: number }): ResponseOf<'levels.regenerate'> => ({
  model: {
    name: 'level-platformer',
    version: '1.0.0',
    precision: 'fp32',
    digest: 'a'.repeat(64),
    task: 'level.platformer',
  },
  jobId: 'job-1',
  result: {
    mode: region ? 'regenerate' : 'generate',
    prompt: 'some pipes, many enemies, some blocks, high elevation',
    attributes: { pipes: 'some', enemies: 'many', blocks: 'some', elevation: 'high' },
    seed: 7,
    width: 100,
    ...(region ? { region } : {}),
    levels: [],
    totalMs: 1,
  },
});

describe('level run summaries', () => {
  it('calls the columns [20, 36) that were redrawn "20–35", the columns a user selected', () => {
    expect(summaryOf(run({ from: 20, to: 36 })).label).toBe(
      'columns 20–35 of 100 columns, “some pipes, many enemies, some blocks, high elevation”',
    );
    expect(summaryOf(run()).label).toBe('100 columns, “some pipes, many enemies, some blocks, high elevation”');
  });

  it('words column ranges one way everywhere: inclusive ends, one column by itself', () => {
    expect(describeLevelColumns(20, 36)).toBe('20–35');
    expect(describeLevelColumns(0, 8)).toBe('0–7');
    expect(describeLevelColumns(41, 42)).toBe('41');
  });
});
