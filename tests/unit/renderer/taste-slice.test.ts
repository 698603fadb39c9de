// Taste in the Studio's store: the order a strip shows (For you only when switched on, taste is on, the kind has
// feedback and the run's ranking is ready), signals sent once per run, variation and signal, discards marked, nothing
// sent while taste is off, and a failed call kept as the error to show.
import { describe, expect, it } from 'vitest';
import type { ResponseOf, TasteStatus } from '../../../contract/index.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { displayOrder, forYouActive, sanitizeTasteOrder } from '../../../renderer/src/state/taste-slice.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';

function status(enabled: boolean, melodyFitted: boolean): TasteStatus {
  return {
    enabled,
    folder: '/data/taste',
    kinds: [
      {
        kind: 'melody',
        events: melodyFitted ? 2 : 0,
        runs: melodyFitted ? 1 : 0,
        pairs: melodyFitted ? 5 : 0,
        fitted: melodyFitted,
      },
      { kind: 'drums', events: 0, runs: 0, pairs: 0, fitted: false },
      { kind: 'song', events: 0, runs: 0, pairs: 0, fitted: false },
      { kind: 'level', events: 0, runs: 0, pairs: 0, fitted: false },
    ],
  };
}

const ranking = {
  state: 'ready',
  kind: 'melody',
  fitted: true,
  ranked: [2, 0, 3, 1].map((variation, place) => ({ variation, score: 3 - place, why: [] })),
} as const;

describe('taste in the Studio', () => {
  it('shows For you only when it is on, taste is on, the kind has feedback and the ranking is ready', () => {
    const base = {
      tasteStatus: status(true, true),
      tasteOrder: { music: true, levels: false },
      tasteRankings: { job: ranking },
    };
    expect(displayOrder(base, 'music', 'job', 4)).toEqual([2, 0, 3, 1]);
    expect(displayOrder({ ...base, tasteOrder: { music: false, levels: false } }, 'music', 'job', 4)).toEqual([
      0, 1, 2, 3,
    ]);
    expect(displayOrder({ ...base, tasteStatus: status(false, true) }, 'music', 'job', 4)).toEqual([0, 1, 2, 3]);
    expect(displayOrder({ ...base, tasteStatus: status(true, false) }, 'music', 'job', 4)).toEqual([0, 1, 2, 3]);
    expect(displayOrder({ ...base, tasteRankings: { job: { state: 'loading' } } }, 'music', 'job', 4)).toEqual([
      0, 1, 2, 3,
    ]);
    // Levels have no feedback in this status: not active there.
    expect(forYouActive({ ...base, tasteOrder: { music: true, levels: true } }, 'levels')).toBe(false);
    expect(sanitizeTasteOrder({ music: 'yes', levels: true })).toEqual({ music: false, levels: true });
  });

  it('sends each signal once, marks discards, sends nothing while off, and keeps a failed call as the error', async () => {
    let enabled = true;
    let fail = false;
    const bridge = fakeBridge({
      'taste.status': () => status(enabled, true),
      'taste.explain': (): ResponseOf<'taste.explain'> => ({ models: [] }),
      'taste.feedback': () => {
        if (fail) throw Object.assign(new Error('No history entry made by job job-x.'), { code: 'NOT_FOUND' });
        return { recorded: true, historyId: 'h', kind: 'melody', status: status(true, true).kinds[0]! };
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadTasteStatus();
    const feedbackCalls = () => bridge.calls.filter((call) => call.method === 'taste.feedback');

    await store.getState().sendTaste('job', 3, 'discard');
    await store.getState().sendTaste('job', 3, 'discard');
    expect(feedbackCalls()).toEqual([
      { method: 'taste.feedback', request: { jobId: 'job', variation: 3, signal: 'discard' } },
    ]);
    expect(store.getState().tasteDiscarded).toEqual({ job: [3] });
    await store.getState().sendTaste('job', 3, 'play');
    expect(feedbackCalls()).toHaveLength(2);

    fail = true;
    await store.getState().sendTaste('job-x', 0, 'keep');
    expect(store.getState().tasteError).toMatchObject({ code: 'NOT_FOUND' });

    enabled = false;
    await store.getState().loadTasteStatus();
    await store.getState().sendTaste('job', 1, 'keep');
    expect(feedbackCalls()).toHaveLength(3);
  });
});
