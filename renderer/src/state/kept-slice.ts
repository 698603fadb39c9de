// Stars on results (keep / favourite): which runs, and which of their variations, History marks kept. Main owns the
// marks (history.keep); the Studio lists the kept entries once and again on every history.didChange, so a star set in
// any workspace — or by another client — shows everywhere.
import type { StateCreator } from 'zustand';
import type { HistoryItem, MosaicBridge } from '../../../contract/index.js';
import type { StudioState } from './studio-store.js';

/** A kept run: its History entry, and the variations starred ('all' when the star is on the whole entry). */
export interface KeptRun {
  id: string;
  variations: number[] | 'all';
}

export interface KeptSlice {
  /** Kept runs by the job id that made them. */
  keptRuns: Record<string, KeptRun>;
  loadKept: () => Promise<void>;
  /** Loads the marks and reloads them on every history.didChange; returns the function that stops following. */
  followKept: () => () => void;
  /** Stars or unstars one variation of a run; rejects (NOT_FOUND) for a run History does not hold. */
  toggleKept: (jobId: string, variation: number) => Promise<void>;
}

/** Kept entries listed at most (History keeps 500 entries). */
const keptLimit = 500;

export function isKept(state: Pick<StudioState, 'keptRuns'>, jobId: string, variation: number): boolean {
  const run = state.keptRuns[jobId];
  return run !== undefined && (run.variations === 'all' || run.variations.includes(variation));
}

function keptRunOf(item: HistoryItem): KeptRun {
  return { id: item.id, variations: item.keptVariations?.length ? item.keptVariations : 'all' };
}

export function createKeptSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], KeptSlice> {
  return (set, get) => ({
    keptRuns: {},
    loadKept: async () => {
      const { items } = await bridge.call('history.list', { kept: true, limit: keptLimit });
      set({ keptRuns: Object.fromEntries(items.map((item) => [item.jobId, keptRunOf(item)])) });
    },
    followKept: () => {
      // A Studio whose history cannot be read shows no stars; History itself reports the error.
      const reload = (): void =>
        void get()
          .loadKept()
          .catch(() => undefined);
      reload();
      return bridge.on('history.didChange', reload);
    },
    toggleKept: async (jobId, variation) => {
      const kept = !isKept(get(), jobId, variation);
      const answer = await bridge.call('history.keep', { jobId, variation, kept });
      const keptRuns = { ...get().keptRuns };
      if (answer.kept) keptRuns[jobId] = { id: answer.id, variations: answer.keptVariations };
      else delete keptRuns[jobId];
      set({ keptRuns });
      // A star is the strongest signal of taste the user gives (taste.feedback keep).
      if (kept) void get().sendTaste(jobId, variation, 'keep');
    },
  });
}
