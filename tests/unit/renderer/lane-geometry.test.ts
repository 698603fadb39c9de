import { describe, expect, it } from 'vitest';
import {
  barLabelEvery,
  cellAt,
  cellRect,
  laneLayout,
  laneNoteRect,
  laneRows,
  laneTop,
  velocityAlpha,
  xOfSeconds,
} from '../../../renderer/src/features/arrange/lane-geometry.js';

describe('arrange lane geometry', () => {
  // 800 × 424: ruler 24, then four lanes of 96 px with 4 px before each (as the CSS grid of the lane headers).
  const layout = laneLayout(800, 424, 8);

  it('stacks four lanes under the ruler, matching the headers’ grid', () => {
    expect(layout.laneHeight).toBe(96);
    expect([0, 1, 2, 3].map((lane) => laneTop(layout, lane))).toEqual([28, 128, 228, 328]);
    expect(laneTop(layout, 3) + layout.laneHeight).toBe(424);
    expect(cellRect(layout, 2, 3)).toEqual({ x: 300, y: 228, width: 100, height: 96 });
  });

  it('finds the cell under a point, pulling points in the gaps or beside the lanes onto the nearest one', () => {
    expect(cellAt(layout, 10, 10)).toBeNull();
    expect(cellAt(layout, 250, 250)).toEqual({ lane: 2, bar: 2 });
    expect(cellAt(layout, 399, 325)).toEqual({ lane: 2, bar: 3 });
    expect(cellAt(layout, 399, 327)).toEqual({ lane: 3, bar: 3 });
    expect(cellAt(layout, 2000, 2000)).toEqual({ lane: 3, bar: 7 });
    expect(cellAt(layout, -5, 30)).toEqual({ lane: 0, bar: 0 });
  });

  it('draws pitched lanes over at least an octave and drums on the kit pieces they play', () => {
    const rows = laneRows('bass', [{ pitch: 40, start: 0, duration: 480, velocity: 90 }]);
    expect(rows[0]).toBeGreaterThan(rows.at(-1)!);
    expect(rows.length).toBeGreaterThanOrEqual(13);
    const kit = laneRows('drums', [
      { pitch: 36, start: 0, duration: 60, velocity: 90 },
      { pitch: 42, start: 240, duration: 60, velocity: 60 },
      { pitch: 38, start: 480, duration: 60, velocity: 90 },
    ]);
    expect(kit).toEqual([42, 38, 36]);
    const hit = laneNoteRect(layout, 3, kit, { pitch: 38, start: 1920, duration: 60, velocity: 90 }, true)!;
    expect(hit.x).toBe(100);
    expect(hit.y).toBeGreaterThanOrEqual(laneTop(layout, 3) + 32);
    expect(laneNoteRect(layout, 3, kit, { pitch: 49, start: 0, duration: 60, velocity: 90 }, true)).toBeNull();
  });

  it('shows velocity as opacity, numbers bars as space allows, and places the play head by time', () => {
    expect(velocityAlpha(1)).toBeCloseTo(0.35);
    expect(velocityAlpha(127)).toBe(1);
    expect(velocityAlpha(64)).toBeGreaterThan(velocityAlpha(30));
    expect(barLabelEvery(layout)).toBe(1);
    expect(barLabelEvery(laneLayout(200, 424, 32))).toBe(4);
    // One bar at 120 bpm is 2 s: 2 s in is the second bar line.
    expect(xOfSeconds(layout, 2, 120)).toBe(100);
  });
});
