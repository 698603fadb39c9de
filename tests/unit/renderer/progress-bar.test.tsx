// The progress bar and the percent printed beside it show one figure, from one source, in every frame.
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProgressBar, progressPercent } from '../../../renderer/src/ui/progress-bar.js';

function barOf(fraction: number | undefined) {
  const html = renderToStaticMarkup(<ProgressBar label="Generating levels" fraction={fraction} />);
  const width = /width:\s*([\d.]+)%/.exec(html)?.[1];
  const valueNow = /aria-valuenow="([\d.]+)"/.exec(html)?.[1];
  return {
    width: width === undefined ? undefined : Number(width),
    valueNow: valueNow === undefined ? undefined : Number(valueNow),
  };
}

describe('progress figure', () => {
  it('draws the bar at exactly the percent the text prints', () => {
    // 0.5 + 0.5 * 2/3: the last "checking playability" step of three variations.
    for (const fraction of [0.8333333, 0.01, 0.499, 1, 0.123456]) {
      const percent = progressPercent(fraction);
      expect(barOf(fraction)).toEqual({ width: percent, valueNow: percent });
    }
  });

  it('clamps out-of-range fractions for the bar, its aria value and the text alike', () => {
    expect(progressPercent(1.4)).toBe(100);
    expect(progressPercent(-0.2)).toBe(0);
    expect(barOf(1.4)).toEqual({ width: 100, valueNow: 100 });
  });

  it('has no figure (an indeterminate bar) without a finite fraction', () => {
    expect(progressPercent(undefined)).toBeUndefined();
    expect(progressPercent(Number.NaN)).toBeUndefined();
    expect(barOf(undefined)).toEqual({ width: undefined, valueNow: undefined });
  });

  it('does not animate the fill width, which would lag the printed percent (84 % under "done · 100%")', () => {
    const css = readFileSync(new URL('../../../renderer/src/styles.css', import.meta.url), 'utf8');
    const fill = /\.progress-fill\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(fill).toContain('background');
    expect(fill).not.toMatch(/transition[^;]*(width|all)|transition:\s*[\d.]+m?s/);
  });
});
