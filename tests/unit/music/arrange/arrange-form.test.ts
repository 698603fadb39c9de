// Song form: which bars restate which, and which of them every variation copies note for note.
import { describe, expect, it } from 'vitest';
import { arrangeParamsSchema } from '../../../../contract/arrange.js';
import { copiedBars } from '../../../../main/inference/tasks/music/arrange/arrange-pipeline.js';
import { planArrangement } from '../../../../main/inference/tasks/music/arrange/arrange-plan.js';
import { restatedBars } from '../../../../main/inference/tasks/music/song-form.js';
import { arrangeTokenizer } from './arrange-fixtures.js';

const plan = (params: object) => planArrangement(arrangeParamsSchema.parse(params), arrangeTokenizer());

describe('song form', () => {
  it('restates each repeated letter bar for bar from its first section', () => {
    expect(restatedBars(8, 'AABA')).toEqual([undefined, undefined, 0, 1, undefined, undefined, 0, 1]);
    expect(restatedBars(8, 'ABAB')).toEqual([undefined, undefined, undefined, undefined, 0, 1, 2, 3]);
  });

  it('gives a new song AABA unless told, and a given song none', () => {
    expect(plan({ bars: 8 }).form).toBe('AABA');
    expect(plan({ bars: 8, form: 'A' }).restates.every((bar) => bar === undefined)).toBe(true);
    expect(plan({ bars: 2 }).form).toBeUndefined();
    const melody = { track: 'melody', notes: [{ pitch: 60, start: 0, duration: 480, velocity: 80 }] };
    expect(plan({ bars: 8, song: [melody] }).form).toBeUndefined();
  });

  it('copies the openings of restated sections first, as many as the repetition asks', () => {
    expect([...copiedBars(plan({ bars: 8, repetition: 0.5 }))].sort()).toEqual([2, 6]);
    expect([...copiedBars(plan({ bars: 8, repetition: 0.2 }))]).toEqual([2]);
    expect([...copiedBars(plan({ bars: 8, repetition: 1 }))].sort()).toEqual([2, 3, 6, 7]);
    expect(copiedBars(plan({ bars: 8, repetition: 0 })).size).toBe(0);
  });
});
