// Prompt attributes: reading MarioGPT-style text, measuring grids, and count ranges that agree with the measurement.
import { describe, expect, it } from 'vitest';
import type { LevelAttributes } from '../../../contract/levels.js';
import {
  adherence,
  attributeTargets,
  countWindow,
  measureAttributes,
  measureWindows,
  parsePrompt,
  promptText,
  resolveAttributes,
} from '../../../main/inference/tasks/level/level-attributes.js';
import { rowsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { columnFeatures } from '../../../main/inference/tasks/level/level-vocabulary.js';

const flat = (width: number) => Array.from({ length: width }, () => '-------------X');

describe('level prompts', () => {
  it('reads MarioGPT prompts in any order and tolerates other words', () => {
    expect(parsePrompt('many pipes, some enemies, little blocks, low elevation')).toEqual({
      pipes: 'many',
      enemies: 'some',
      blocks: 'little',
      elevation: 'low',
    });
    expect(parsePrompt('A level with NO enemies and high elevation please, few pipes')).toEqual({
      enemies: 'none',
      elevation: 'high',
      pipes: 'little',
    });
    expect(parsePrompt('')).toEqual({});
  });

  it('lets structured attributes override the text and fills the rest with defaults', () => {
    const resolved = resolveAttributes('many pipes, no enemies', { enemies: 'some' });
    expect(resolved).toMatchObject({ pipes: 'many', enemies: 'some' });
    expect(promptText(resolved)).toMatch(/^many pipes, some enemies, \w+ blocks, \w+ elevation$/);
  });
});

describe('level attribute measurement', () => {
  it('measures a flat ground level as no pipes, no enemies, little blocks, low elevation', () => {
    expect(measureAttributes(flat(100))).toEqual({
      pipes: 'none',
      enemies: 'none',
      blocks: 'little',
      elevation: 'low',
    });
  });

  it('counts pipes by their caps, per 50 columns', () => {
    const columns = flat(100);
    columns[10] = '-----------<[X';
    columns[11] = '----------->]X';
    expect(measureAttributes(columns).pipes).toBe('little');
    for (let x = 20; x < 100; x += 8) {
      columns[x] = '-----------<[X';
      columns[x + 1] = '----------->]X';
    }
    expect(measureAttributes(columns).pipes).toBe('many');
  });

  it('measures each 50-column window the way MarioGPT counts a prompt, where a level-wide average hides them', () => {
    // 4 enemies, all in the first half: level-wide 2 per 50 columns ("little"), per window "some" then "none".
    const columns = flat(100);
    for (const x of [5, 10, 15, 20]) columns[x] = '------------EX';
    expect(measureAttributes(columns).enemies).toBe('little');
    expect(measureWindows(columns).map((window) => window.enemies)).toEqual(['some', 'none']);
    // An elevated block in the second half makes only that window "high".
    columns[70] = '---X---------X';
    expect(measureAttributes(columns).elevation).toBe('high');
    expect(measureWindows(columns).map((window) => window.elevation)).toEqual(['low', 'high']);
    // Whole windows only; a level narrower than a window is measured whole.
    expect(measureWindows(flat(120))).toHaveLength(2);
    expect(measureWindows(flat(30))).toHaveLength(1);
  });

  it('counts a pipe in a window only when both its halves lie inside it (MarioGPT counts `<>` on each row)', () => {
    const columns = flat(100);
    columns[10] = '-----------<[X';
    columns[11] = '----------->]X';
    // Cut by the edge between the windows: `<` in column 49, `>` in column 50.
    columns[49] = '-----------<[X';
    columns[50] = '----------->]X';
    expect(measureWindows(columns).map((window) => window.pipes)).toEqual(['little', 'none']);
    const features = columns.map(columnFeatures);
    expect(countWindow(features, 0, 50).pipes).toBe(1);
    expect(countWindow(features, 0, 51).pipes).toBe(2);
    // The same count as the rows' `<>` pairs, the way MarioGPT's prompter counts them.
    const rows = rowsOf(columns.slice(0, 50));
    expect(rows.reduce((sum, row) => sum + row.split('<>').length - 1, 0)).toBe(1);
  });

  it('gives count ranges whose edges measure as the requested bucket', () => {
    const requested: LevelAttributes = { pipes: 'some', enemies: 'little', blocks: 'some', elevation: 'high' };
    for (const width of [50, 64, 100, 137]) {
      const targets = attributeTargets(requested, width);
      const withEnemies = (count: number) => {
        const columns = flat(width);
        for (let i = 0; i < count; i += 1) columns[i] = '------------EX';
        return measureAttributes(columns).enemies;
      };
      expect(withEnemies(targets.enemies.min)).toBe('little');
      expect(withEnemies(targets.enemies.max)).toBe('little');
      expect(withEnemies(targets.enemies.min - 1)).toBe('none');
      expect(withEnemies(targets.enemies.max + 1)).toBe('some');
    }
    expect(attributeTargets({ ...requested, elevation: 'low' }, 100).elevated).toEqual({ min: 0, max: 0 });
  });

  it('scores adherence out of four', () => {
    const a: LevelAttributes = { pipes: 'none', enemies: 'none', blocks: 'little', elevation: 'low' };
    expect(adherence(a, a)).toBe(4);
    expect(adherence(a, { ...a, pipes: 'many', elevation: 'high' })).toBe(2);
  });
});
