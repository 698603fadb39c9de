// Level canvas geometry: fitting the whole width of a level, so 100 columns are all in view.
import { describe, expect, it } from 'vitest';
import { fitWidthCell, visibleColumns } from '../../../renderer/src/features/levels/level-geometry.js';

describe('fit to width', () => {
  it('shows every column of a 100-column level in a stage narrower than 1× (issue 18: 63 of 100 at 1×)', () => {
    const stage = 1010;
    expect(visibleColumns(0, stage, 16, 100).last + 1).toBe(64);
    const cell = fitWidthCell(stage, 100, 16);
    expect(cell).toBe(10);
    expect(visibleColumns(0, stage, cell, 100)).toEqual({ first: 0, last: 99 });
  });

  it('stays between 2 px and the largest zoom', () => {
    expect(fitWidthCell(300, 1024, 16)).toBe(2);
    expect(fitWidthCell(2000, 16, 16)).toBe(96);
  });
});
