// The History workspace's list: a page at first, one more page on "show more", back to one page on a new filter.
import { describe, expect, it } from 'vitest';
import { historyPageSize } from '../../../renderer/src/state/history-slice.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';

const total = 250;
const entries = Array.from({ length: total }, (_, index) => ({ id: `h${index}`, kind: index % 2 ? 'music' : 'level' }));

function historyBridge() {
  return fakeBridge({
    'history.list': (request: { limit: number; kind?: string }) => {
      const matching = entries.filter((entry) => !request.kind || entry.kind === request.kind);
      return { items: matching.slice(0, request.limit), total: matching.length };
    },
  });
}

describe('history slice', () => {
  it('lists a page, adds a page of older entries on request, and starts over on a new filter', async () => {
    const bridge = historyBridge();
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadHistory();
    expect(store.getState().historyItems).toHaveLength(historyPageSize);
    expect(store.getState().historyTotal).toBe(total);

    store.getState().showMoreHistory();
    await waitUntil(() => store.getState().historyItems.length === 2 * historyPageSize);
    store.getState().showMoreHistory();
    await waitUntil(() => store.getState().historyItems.length === total);

    store.getState().setHistoryFilter('music');
    await waitUntil(() => store.getState().historyTotal === total / 2);
    expect(store.getState().historyItems).toHaveLength(historyPageSize);
    expect(bridge.calls.at(-1)!.request).toEqual({ limit: historyPageSize, kind: 'music' });
  });
});

/** Resolves once the condition holds (the slice loads in the background). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
