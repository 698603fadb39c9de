import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStore } from 'zustand/vanilla';
import {
  createResultsKeeper,
  keptResults,
  readResults,
  type ResultsRecord,
} from '../../../renderer/src/state/persisted-results.js';
import { memoryStorage } from '../../support/fake-bridge.js';

interface State {
  ids: string[];
  ticks: number;
}

function record(restored: string[][] = []): ResultsRecord<State, { ids: string[] }> {
  return {
    key: 'test:results',
    version: 2,
    migrate: (value, version) => (version === 1 ? { ids: [(value as { id: string }).id] } : value),
    schema: z.object({ ids: z.array(z.string().min(1)).min(1) }).strict(),
    sources: (state) => [state.ids],
    select: (state) => (state.ids.length > 0 ? { ids: state.ids } : null),
    restore: async (kept, store) => {
      restored.push(kept.ids);
      store.setState({ ids: kept.ids });
    },
  };
}

const stored = (version: number, state: unknown) => JSON.stringify({ version, state });

describe('persisted results', () => {
  it('reads a valid record, migrates an older one, and refuses damaged, newer or invalid ones', () => {
    const storage = memoryStorage({ 'test:results': stored(2, { ids: ['a'] }) });
    expect(readResults(storage, record())).toEqual({ ids: ['a'] });
    storage.data['test:results'] = stored(1, { id: 'b' });
    expect(readResults(storage, record())).toEqual({ ids: ['b'] });
    for (const bad of [
      stored(3, { ids: ['a'] }),
      stored(2, { ids: [''] }),
      stored(2, { ids: ['a'], x: 1 }),
      '{',
      '7',
    ]) {
      storage.data['test:results'] = bad;
      expect(readResults(storage, record())).toBeNull();
    }
    expect(readResults(memoryStorage(), record())).toBeNull();
  });

  it('restores once, then writes only when a source changes, and never overwrites the record before restoring', async () => {
    const storage = memoryStorage({ 'test:results': stored(2, { ids: ['kept'] }) });
    const store = createStore<State>()(() => ({ ids: [], ticks: 0 }));
    const restored: string[][] = [];
    const keep = createResultsKeeper(storage, [keptResults(record(restored))]);
    // The fresh store's empty state changes before restoring: the record stays.
    store.setState({ ticks: 1 });
    expect(JSON.parse(storage.data['test:results']!)).toEqual({ version: 2, state: { ids: ['kept'] } });
    await Promise.all([keep(store), keep(store)]);
    expect(restored).toEqual([['kept']]);
    expect(store.getState().ids).toEqual(['kept']);

    let writes = 0;
    const setItem = storage.setItem;
    storage.setItem = (key, value) => {
      writes += 1;
      return setItem(key, value);
    };
    store.setState({ ticks: 2 });
    expect(writes).toBe(0);
    store.setState({ ids: ['new'] });
    expect(writes).toBe(1);
    expect(JSON.parse(storage.data['test:results']!).state).toEqual({ ids: ['new'] });
    store.setState({ ids: [] });
    expect(storage.data['test:results']).toBeUndefined();
  });

  it('follows even when restoring fails, and a full storage never throws into the store', async () => {
    const storage = memoryStorage({ 'test:results': stored(2, { ids: ['gone'] }) });
    const store = createStore<State>()(() => ({ ids: [], ticks: 0 }));
    const failing = { ...record(), restore: () => Promise.reject(new Error('not found')) };
    await createResultsKeeper(storage, [keptResults(failing)])(store);
    // Kept for the next load, when main may answer.
    expect(storage.data['test:results']).toBeDefined();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => store.setState({ ids: ['x'] })).not.toThrow();
  });
});
