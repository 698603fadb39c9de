// Stars on results: the Studio's marks follow History's kept entries, a toggle asks main (history.keep) with the run's
// job id and variation, and a take says which run and variation it came from (none for an import).
import { describe, expect, it } from 'vitest';
import type { HistoryItem, RequestOf } from '../../../contract/index.js';
import { takeOrigin } from '../../../renderer/src/state/arrange-song.js';
import { isKept } from '../../../renderer/src/state/kept-slice.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';

describe('kept results', () => {
  it('lists the kept entries, toggles a variation through history.keep, and reloads on history.didChange', async () => {
    const marks: Record<string, number[]> = { 'job-a': [1] };
    const bridge = fakeBridge({
      'history.list': (request: RequestOf<'history.list'>) => {
        expect(request).toMatchObject({ kept: true });
        const items = Object.entries(marks).map(
          ([jobId, variations]) =>
            ({ id: `entry-${jobId}`, jobId, kept: true, keptVariations: variations }) as HistoryItem,
        );
        return { items, total: items.length };
      },
      'history.keep': (request: RequestOf<'history.keep'>) => {
        const others = (marks[request.jobId!] ?? []).filter((index) => index !== request.variation);
        marks[request.jobId!] = request.kept ? [...others, request.variation!].sort() : others;
        if (marks[request.jobId!]!.length === 0) delete marks[request.jobId!];
        return {
          id: `entry-${request.jobId}`,
          kept: request.jobId! in marks,
          keptVariations: marks[request.jobId!] ?? [],
        };
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    const stop = store.getState().followKept();
    await store.getState().loadKept();
    expect(isKept(store.getState(), 'job-a', 1)).toBe(true);
    expect(isKept(store.getState(), 'job-a', 0)).toBe(false);

    await store.getState().toggleKept('job-a', 0);
    expect(bridge.calls.filter((call) => call.method === 'history.keep').at(-1)).toEqual({
      method: 'history.keep',
      request: { jobId: 'job-a', variation: 0, kept: true },
    });
    // A star is also a signal of taste: the variation starred is sent as taste.feedback keep.
    expect(bridge.calls.at(-1)).toEqual({
      method: 'taste.feedback',
      request: { jobId: 'job-a', variation: 0, signal: 'keep' },
    });
    expect(store.getState().keptRuns['job-a']).toEqual({ id: 'entry-job-a', variations: [0, 1] });
    await store.getState().toggleKept('job-a', 1);
    await store.getState().toggleKept('job-a', 0);
    expect(bridge.calls.at(-1)).toMatchObject({ method: 'history.keep', request: { kept: false } });
    expect(store.getState().keptRuns).toEqual({});

    // Another client stars a run: the marks follow main.
    marks['job-b'] = [2];
    bridge.emit('history.didChange', { change: 'kept', id: 'entry-job-b' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(isKept(store.getState(), 'job-b', 2)).toBe(true);
    stop();
  });

  it('treats a star on the whole entry as every variation kept', async () => {
    const bridge = fakeBridge({
      'history.list': () => ({ items: [{ id: 'e', jobId: 'job-w', kept: true } as HistoryItem], total: 1 }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadKept();
    expect(isKept(store.getState(), 'job-w', 5)).toBe(true);
  });

  it('knows which run and variation a take came from', () => {
    expect(takeOrigin({ id: 'job-12-a:2' })).toEqual({ jobId: 'job-12-a', variation: 2 });
    expect(takeOrigin({ id: 'job-infill' })).toEqual({ jobId: 'job-infill', variation: 0 });
    expect(takeOrigin({ id: 'import:song.mid:1700000000' })).toBeNull();
  });
});
