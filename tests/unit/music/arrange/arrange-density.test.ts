// The density each part is conditioned on: the request's, the song's own, a package's calibration, the style's.
import { describe, expect, it } from 'vitest';
import { arrangeParamsSchema } from '../../../../contract/arrange.js';
import {
  planArrangement,
  styleDensityCalibration,
} from '../../../../main/inference/tasks/music/arrange/arrange-plan.js';
import { arrangeTokenizer } from './arrange-fixtures.js';

const conditioned = (params: object, defaults: Record<string, unknown> = {}) =>
  planArrangement(arrangeParamsSchema.parse(params), arrangeTokenizer(), styleDensityCalibration(defaults)).conditions
    .pitched.density;

describe('conditioning density', () => {
  it('uses a package calibration (manifest defaults.styleDensity) before the built-in style table', () => {
    expect(conditioned({ bars: 8, style: 'folk' }).melody).toBe(7.5);
    const calibrated = conditioned({ bars: 8, style: 'folk' }, { styleDensity: { folk: { melody: 6 } } });
    expect(calibrated.melody).toBe(6);
    expect(calibrated.chords).toBe(1.5); // tracks the calibration leaves out keep the table's figure
    expect(conditioned({ bars: 8, style: 'pop' }, { styleDensity: { folk: { melody: 6 } } }).melody).toBe(4.8);
  });

  it('lets the request win over a calibration', () => {
    const asked = conditioned(
      { bars: 8, style: 'folk', density: { melody: 3 } },
      { styleDensity: { folk: { melody: 6 } } },
    );
    expect(asked.melody).toBe(3);
  });

  it('keeps only positive numbers under known parts', () => {
    expect(
      styleDensityCalibration({ styleDensity: { folk: { melody: -1, lute: 4, bass: 'x', chords: 2 }, pop: 7 } }),
    ).toEqual({ folk: { chords: 2 } });
    expect(styleDensityCalibration({ styleDensity: null })).toEqual({});
    expect(styleDensityCalibration({})).toEqual({});
  });
});
