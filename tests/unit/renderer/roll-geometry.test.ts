import { describe, expect, it } from 'vitest';
import { musicTicksPerBar } from '../../../contract/index.js';
import {
  drumRows,
  melodyRows,
  noteRect,
  rollLayout,
  rollMargins,
  rulerLabels,
  ticksOfSeconds,
  velocityShare,
  xOfTick,
} from '../../../renderer/src/features/music/roll-geometry.js';

const note = (pitch: number, start: number, duration = 240, velocity = 90) => ({ pitch, start, duration, velocity });

describe('roll geometry', () => {
  it('shows at least two octaves, highest first, with the notes and the allowed range inside', () => {
    const rows = melodyRows([note(64, 0), note(67, 480)], { lowest: 60, highest: 72 });
    expect(rows.length).toBeGreaterThanOrEqual(24);
    expect(rows[0]!.pitch).toBeGreaterThan(rows.at(-1)!.pitch);
    const pitches = rows.map((row) => row.pitch);
    expect(pitches).toEqual(expect.arrayContaining([60, 64, 67, 72]));
    expect(rows.find((row) => row.pitch === 61)).toMatchObject({ label: 'C#4', black: true, muted: false });
    expect(rows.find((row) => row.pitch === 59)).toMatchObject({ label: 'B3', muted: true });
  });

  it('lays the kit out cymbals over hats over snare over kick, muting pieces switched off', () => {
    const rows = drumRows([note(36, 0)], new Set([36, 38]));
    expect(rows[0]!.label).toBe('Ride');
    expect(rows.at(-1)).toMatchObject({ pitch: 36, muted: false });
    expect(rows.find((row) => row.pitch === 42)).toMatchObject({ label: 'Closed hat', muted: true });
  });

  it('maps ticks to x across the bars after the keys column, and notes to their row', () => {
    const rows = melodyRows([note(60, 0)], null);
    const layout = rollLayout(76 + 800, 400, rows, 4);
    expect(xOfTick(layout, 0)).toBe(rollMargins.keys);
    expect(xOfTick(layout, 4 * musicTicksPerBar)).toBeCloseTo(876);
    const rect = noteRect(layout, note(60, musicTicksPerBar, 480), 'melody')!;
    expect(rect.x).toBeCloseTo(76 + 200);
    expect(rect.width).toBeCloseTo(50 - 1);
    const row = rows.findIndex((candidate) => candidate.pitch === 60);
    expect(rect.y).toBeGreaterThanOrEqual(layout.ruler + row * layout.rowHeight);
    expect(noteRect(layout, note(127, 0), 'melody')).toBeNull();
    // Drum hits are drawn short, whatever their length.
    const kit = rollLayout(876, 400, drumRows([], null), 4);
    expect(noteRect(kit, note(36, 0, 1920), 'drums')!.width).toBeCloseTo(12.5 - 1);
  });

  it('ramps velocity 1–127 onto 0–1 and converts audio seconds to ticks', () => {
    expect(velocityShare(1)).toBe(0);
    expect(velocityShare(127)).toBe(1);
    expect(velocityShare(64)).toBeCloseTo(0.5);
    expect(ticksOfSeconds(0.5, 120)).toBe(480);
  });

  it('writes "primer" at the end of a primer without overlapping a bar number, at any width', () => {
    const measure = (text: string) => text.length * 7;
    for (const width of [300, 420, 520, 640, 900, 1400]) {
      for (const [primerBars, bars] of [
        [8, 16],
        [4, 8],
        [8, 40],
        [2, 3],
      ] as const) {
        const labels = rulerLabels(rollLayout(width, 400, [], bars), primerBars * musicTicksPerBar, measure);
        labels.forEach((label, index) =>
          labels.slice(index + 1).forEach((other) => {
            expect(label.right <= other.left || other.right <= label.left).toBe(true);
          }),
        );
        expect(labels.every((label) => label.left >= rollMargins.keys && label.right <= width)).toBe(true);
        expect(labels.map((label) => label.text)).toContain('1');
      }
    }
    // Room enough: the primer label and every bar number.
    const wide = rulerLabels(rollLayout(1400, 400, [], 16), 8 * musicTicksPerBar, measure).map((label) => label.text);
    expect(wide).toContain('primer');
    expect(wide).toContain('8');
  });
});
