import { describe, expect, it } from 'vitest';
import { describeRepairs } from '../../../renderer/src/features/levels/level-facts.js';
import {
  columnAt,
  fitZoom,
  rulerHeight,
  rulerStep,
  scrollToShow,
  visibleColumns,
} from '../../../renderer/src/features/levels/level-geometry.js';
import {
  clampSelection,
  describeColumns,
  extendSelection,
  regionOf,
} from '../../../renderer/src/state/column-selection.js';
import {
  defaultLevelSettings,
  levelExportName,
  levelPromptText,
  levelSeedRange,
  levelVariationsRange,
  levelWidthRange,
  randomSeed,
  sanitizeLevelSettings,
} from '../../../renderer/src/state/level-settings.js';

describe('level settings', () => {
  it('turns anything into valid settings: a value out of range or not whole takes the default, never a clamp', () => {
    expect(sanitizeLevelSettings(undefined)).toEqual(defaultLevelSettings);
    expect(
      sanitizeLevelSettings({
        attributes: { pipes: 'lots', enemies: 'many', blocks: 'none', elevation: 'high' },
        width: 60.4,
        variations: 0,
        seed: 2 ** 40,
        temperature: 'hot',
      }),
    ).toEqual({
      ...defaultLevelSettings,
      attributes: { ...defaultLevelSettings.attributes, enemies: 'many', elevation: 'high' },
    });
    // The limits are the contract's: 5000 columns or 99 variations load as the defaults, not as 1024 or 8.
    const absurd = { width: 5000, variations: 99, seed: -1, temperature: 9 };
    expect(sanitizeLevelSettings(absurd)).toMatchObject({
      width: defaultLevelSettings.width,
      variations: defaultLevelSettings.variations,
      seed: defaultLevelSettings.seed,
      temperature: defaultLevelSettings.temperature,
    });
    const [width, variations, seed] = [levelWidthRange.max, levelVariationsRange.max, levelSeedRange.max];
    expect(sanitizeLevelSettings({ width, variations, seed, temperature: 2.5 })).toMatchObject({
      width,
      variations,
      seed,
      temperature: 2.5,
    });
    expect(sanitizeLevelSettings({ width: levelWidthRange.min - 1 }).width).toBe(defaultLevelSettings.width);
    // A patch with an absurd value keeps the current one.
    const current = { ...defaultLevelSettings, width: 60 };
    expect(sanitizeLevelSettings({ ...current, width: 5000 }, current).width).toBe(60);
  });

  it('keeps the typed prompt text across a reload, up to the length levels.generate takes', () => {
    expect(sanitizeLevelSettings({ promptText: 'many pipes, no enemies' }).promptText).toBe('many pipes, no enemies');
    expect(sanitizeLevelSettings({ promptText: 42 }).promptText).toBe('');
    const current = { ...defaultLevelSettings, promptText: 'high elevation' };
    expect(sanitizeLevelSettings({ ...current, promptText: 'x'.repeat(301) }, current).promptText).toBe(
      'high elevation',
    );
  });

  it('writes the MarioGPT prompt and file names from it', () => {
    const prompt = levelPromptText({ pipes: 'many', enemies: 'none', blocks: 'some', elevation: 'low' });
    expect(prompt).toBe('many pipes, none enemies, some blocks, low elevation');
    expect(levelExportName(prompt, 42, 0)).toBe('many-pipes-none-enemies-some-blocks-low-elevation-seed42-v1');
    expect(levelExportName('', 1, 2)).toBe('level-seed1-v3');
  });

  it('draws seeds from the whole unsigned 32-bit range', () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.999999999999)).toBe(0xffffffff);
  });
});

describe('column selection', () => {
  it('is a half-open region whichever way it was dragged', () => {
    expect(regionOf({ anchor: 9, focus: 3 })).toEqual({ from: 3, to: 10 });
    expect(regionOf({ anchor: 5, focus: 5 })).toEqual({ from: 5, to: 6 });
  });

  it('grows and shrinks with Shift+arrows inside the level', () => {
    expect(extendSelection(null, 1, 100, 30)).toEqual({ anchor: 30, focus: 30 });
    expect(extendSelection({ anchor: 30, focus: 30 }, 1, 100, 0)).toEqual({ anchor: 30, focus: 31 });
    expect(extendSelection({ anchor: 0, focus: 0 }, -1, 100, 0)).toEqual({ anchor: 0, focus: 0 });
    expect(clampSelection({ anchor: 120, focus: 90 }, 100)).toEqual({ anchor: 99, focus: 90 });
    expect(clampSelection({ anchor: 1, focus: 2 }, 0)).toBeNull();
  });

  it('describes columns and repairs in inclusive words', () => {
    expect(describeColumns(41, 45)).toBe('41–44');
    expect(describeColumns(7, 8)).toBe('7');
    expect(describeRepairs([])).toBe('No repairs');
    expect(
      describeRepairs([
        { kind: 'bridge', from: 41, to: 45, stuckAt: 40 },
        { kind: 'regenerate', from: 60, to: 64, stuckAt: 59 },
      ]),
    ).toBe('2 repairs: bridge at 41–44, redrawn at 60–63');
  });
});

describe('level geometry', () => {
  it('fits the largest whole zoom to the height, never below 1', () => {
    expect(fitZoom(rulerHeight + 14 * 16 * 2, 16)).toBe(2);
    expect(fitZoom(rulerHeight + 14 * 16 * 2 - 1, 16)).toBe(1);
    expect(fitZoom(10, 16)).toBe(1);
    expect(fitZoom(10_000, 16)).toBe(6);
  });

  it('finds the columns in view and under the pointer', () => {
    expect(visibleColumns(0, 320, 32, 100)).toEqual({ first: 0, last: 9 });
    expect(visibleColumns(48, 320, 32, 100)).toEqual({ first: 1, last: 11 });
    expect(visibleColumns(0, 3200, 32, 20)).toEqual({ first: 0, last: 19 });
    expect(columnAt(10, 64, 32, 100)).toBe(2);
    expect(columnAt(-50, 0, 32, 100)).toBe(0);
    expect(columnAt(99_999, 0, 32, 100)).toBe(99);
  });

  it('scrolls just enough to show a column, and spaces ruler labels', () => {
    expect(scrollToShow(5, 0, 320, 32)).toBe(0);
    expect(scrollToShow(20, 0, 320, 32)).toBe(20 * 32 + 32 + 64 - 320);
    expect(scrollToShow(1, 320, 320, 32)).toBe(0);
    expect(rulerStep(32)).toBe(2);
    expect(rulerStep(16)).toBe(5);
  });
});
