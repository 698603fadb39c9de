// The History workspace's state: finished generations with their recipes (history.list, kept current by
// history.didChange), opening one in its workspace, and regenerating one exactly.
import type { StateCreator } from 'zustand';
import type {
  ErrorPayload,
  HistoryEntry,
  HistoryItem,
  HistoryKind,
  MosaicBridge,
  ResponseOf,
} from '../../../contract/index.js';
import { isArrangeRun, isDungeonRun, toErrorPayload } from '../../../contract/index.js';
import { songOfRun } from './arrange-song.js';
import type { StudioState } from './studio-store.js';

/** All entries, one kind, or only the kept (starred) ones. */
export type HistoryFilter = HistoryKind | 'all' | 'kept';
type HistoryRun = ResponseOf<'history.regenerate'>;

/*
 * Per entry:  idle ──open──▶ opening ──entry──▶ idle (shown in its workspace)
 *                 └─regenerate─▶ regenerating ──run──▶ idle (outcome: identical or different, the new entry on top)
 * Failures end in idle with historyError set (e.g. MODEL_NOT_FOUND when the version that made it was removed).
 */
export type HistoryWork = 'opening' | 'regenerating';

/** How a regeneration compared with the entry it came from. */
export interface RegenerateOutcome {
  from: string;
  identical: boolean;
  model: string;
}

export interface HistorySlice {
  historyItems: HistoryItem[];
  historyTotal: number;
  /** Entries asked for: a page, plus a page each time the list is extended. */
  historyLimit: number;
  historyFilter: HistoryFilter;
  historyWork: Record<string, HistoryWork>;
  historyOutcome: RegenerateOutcome | null;
  historyError: ErrorPayload | null;
  loadHistory: () => Promise<void>;
  /** Loads the history and reloads it on every history.didChange; returns the function that stops following. */
  followHistory: () => () => void;
  setHistoryFilter: (filter: HistoryFilter) => void;
  /** Lists one more page of older entries. */
  showMoreHistory: () => void;
  openHistoryEntry: (id: string) => Promise<void>;
  regenerateHistoryEntry: (id: string) => Promise<void>;
  /** Stars the whole entry (kept) or takes every star off it. */
  keepHistoryEntry: (id: string, kept: boolean) => Promise<void>;
  removeHistoryEntry: (id: string) => Promise<void>;
  clearHistory: () => Promise<void>;
}

/** Entries listed at first, and added by each "show more". */
export const historyPageSize = 100;

/** What a run produced, for comparing two runs: the tiles of every level or dungeon, or the notes of every variation. */
export function producedBy(run: HistoryRun): unknown {
  if (isArrangeRun(run)) return run.result.variations.map((variation) => variation.tracks);
  if (isDungeonRun(run)) return run.result.dungeons.map((dungeon) => dungeon.rooms.map((room) => room.tiles));
  return 'seed' in run
    ? run.result.variations.map((variation) => variation.notes)
    : run.result.levels.map((level) => level.rows);
}

export function createHistorySlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], HistorySlice> {
  return (set, get) => {
    const working = (id: string, work: HistoryWork | null): void => {
      const historyWork = { ...get().historyWork };
      if (work) historyWork[id] = work;
      else delete historyWork[id];
      set({ historyWork });
    };
    /** Puts a run in the workspace of its kind (which owns how it is shown) and shows that workspace. */
    const show = ({ method, run, summary }: HistoryEntry): void => {
      if (isArrangeRun(run)) {
        get().showArrangeSong(songOfRun(run, 'Opened from History'), `From History: ${summary.label}`);
        get().showWorkspace('arrange');
      } else if (isDungeonRun(run)) {
        get().openDungeonRun(run);
        get().showWorkspace('dungeons');
      } else if ('seed' in run) {
        get().openMusicRun(method, run);
        get().showWorkspace('music');
      } else {
        get().openLevelRun(run);
        get().showWorkspace('levels');
      }
    };
    return {
      historyItems: [],
      historyTotal: 0,
      historyLimit: historyPageSize,
      historyFilter: 'all',
      historyWork: {},
      historyOutcome: null,
      historyError: null,
      loadHistory: async () => {
        const filter = get().historyFilter;
        try {
          const page = await bridge.call('history.list', {
            limit: get().historyLimit,
            ...(filter === 'all' ? {} : filter === 'kept' ? { kept: true } : { kind: filter }),
          });
          set({ historyItems: page.items, historyTotal: page.total });
        } catch (error) {
          set({ historyError: toErrorPayload(error) });
        }
      },
      followHistory: () => {
        void get().loadHistory();
        return bridge.on('history.didChange', () => void get().loadHistory());
      },
      setHistoryFilter: (historyFilter) => {
        set({ historyFilter, historyLimit: historyPageSize });
        void get().loadHistory();
      },
      showMoreHistory: () => {
        set({ historyLimit: get().historyLimit + historyPageSize });
        void get().loadHistory();
      },
      openHistoryEntry: async (id) => {
        working(id, 'opening');
        set({ historyError: null });
        try {
          const entry = await bridge.call('history.get', { id });
          show(entry);
        } catch (error) {
          set({ historyError: toErrorPayload(error) });
        } finally {
          working(id, null);
        }
      },
      regenerateHistoryEntry: async (id) => {
        working(id, 'regenerating');
        set({ historyError: null, historyOutcome: null });
        try {
          const [original, run] = await Promise.all([
            bridge.call('history.get', { id }),
            bridge.call('history.regenerate', { id }),
          ]);
          const identical = JSON.stringify(producedBy(run)) === JSON.stringify(producedBy(original.run));
          set({ historyOutcome: { from: id, identical, model: `${run.model.name}@${run.model.version}` } });
        } catch (error) {
          set({ historyError: toErrorPayload(error) });
        } finally {
          working(id, null);
        }
      },
      keepHistoryEntry: async (id, kept) => {
        try {
          await bridge.call('history.keep', { id, kept });
        } catch (error) {
          set({ historyError: toErrorPayload(error) });
        }
      },
      removeHistoryEntry: async (id) => {
        try {
          await bridge.call('history.remove', { id });
        } catch (error) {
          set({ historyError: toErrorPayload(error) });
        }
      },
      clearHistory: async () => {
        try {
          await bridge.call('history.clear', {});
        } catch (error) {
          set({ historyError: toErrorPayload(error) });
        }
      },
    };
  };
}
