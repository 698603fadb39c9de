// Taste in the Studio: the signals the user already gives (a star, an export or drag-out, a clip played to its end,
// an explicit discard) sent as taste.feedback, and the "For you" order of Music's and Levels' variations with the
// features that weighed most for each (taste.rank). Whether each workspace shows "For you" is persisted.
import type { StateCreator } from 'zustand';
import type {
  ErrorPayload,
  MosaicBridge,
  RankedVariation,
  TasteKind,
  TasteSignal,
  TasteStatus,
  ResponseOf,
} from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import type { StudioState } from './studio-store.js';

/** The workspaces with a "For you" order. */
export type TasteWorkspace = 'music' | 'levels';

export interface TasteOrderSetting {
  music: boolean;
  levels: boolean;
}

/** A run's ranking as taste.rank answered it (best first), or why it could not be ranked. */
export type RunRanking =
  | { state: 'loading' }
  | { state: 'ready'; kind: TasteKind; fitted: boolean; ranked: RankedVariation[] }
  | { state: 'failed'; error: ErrorPayload };

export interface TasteSlice {
  tasteStatus: TasteStatus | null;
  /** Each kind's model with its features, heaviest first (taste.explain), loaded with the status. */
  tasteModels: ResponseOf<'taste.explain'>['models'];
  /** The last error of a feedback call or of the taste panel (a star or an export still happened). */
  tasteError: ErrorPayload | null;
  /** "For you" per workspace (persisted); shown only once that workspace's kind has feedback. */
  tasteOrder: TasteOrderSetting;
  /** Rankings by the job id of the run, fixed when first asked for (feedback does not reshuffle a run on screen). */
  tasteRankings: Record<string, RunRanking>;
  /** Variations discarded in this session, by job id: their cards are dimmed. */
  tasteDiscarded: Record<string, number[]>;
  /** The variation whose "why" popover is open (by job id and generated index), or null. */
  tasteWhy: { jobId: string; variation: number } | null;
  loadTasteStatus: () => Promise<void>;
  /** Sends one signal (once per run, variation and signal in a session); errors land in tasteError. */
  sendTaste: (jobId: string, variation: number, signal: TasteSignal) => Promise<void>;
  /** Asks taste.rank for a run once (again after a reset); `force` asks again. */
  rankRun: (jobId: string, force?: boolean) => Promise<void>;
  setTasteOrder: (workspace: TasteWorkspace, on: boolean) => void;
  setTasteWhy: (why: { jobId: string; variation: number } | null) => void;
  resetTaste: () => Promise<void>;
  setTasteEnabled: (enabled: boolean) => Promise<void>;
}

/** Accepts any persisted value and returns a valid setting (both off). */
export function sanitizeTasteOrder(value: unknown): TasteOrderSetting {
  const { music, levels } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { music: music === true, levels: levels === true };
}

/** The taste kinds each workspace shows. */
const workspaceKinds: Record<TasteWorkspace, readonly TasteKind[]> = { music: ['melody', 'drums'], levels: ['level'] };

/** Whether a workspace's kinds have any feedback yet: before that, "For you" has nothing to order by. */
export function tasteHasFeedback(state: Pick<StudioState, 'tasteStatus'>, workspace: TasteWorkspace): boolean {
  const status = state.tasteStatus;
  if (!status?.enabled) return false;
  return status.kinds.some((kind) => workspaceKinds[workspace].includes(kind.kind) && kind.fitted);
}

/** "For you" is in effect: switched on, ranking on, and this workspace's kinds have feedback. */
export function forYouActive(
  state: Pick<StudioState, 'tasteStatus' | 'tasteOrder'>,
  workspace: TasteWorkspace,
): boolean {
  return state.tasteOrder[workspace] && tasteHasFeedback(state, workspace);
}

/**
 * The generated indices of `count` variations in display order: by the run's ranking when "For you" is in effect
 * and the ranking is ready, else as generated.
 */
export function displayOrder(
  state: Pick<StudioState, 'tasteStatus' | 'tasteOrder' | 'tasteRankings'>,
  workspace: TasteWorkspace,
  jobId: string | null,
  count: number,
): number[] {
  const generated = Array.from({ length: count }, (_unused, index) => index);
  const ranking = jobId ? state.tasteRankings[jobId] : undefined;
  if (!forYouActive(state, workspace) || ranking?.state !== 'ready' || !ranking.fitted) return generated;
  const ranked = ranking.ranked.map((row) => row.variation).filter((index) => index < count);
  return [...ranked, ...generated.filter((index) => !ranked.includes(index))];
}

/** A variation's row of its run's ranking, when ready. */
export function rankedRow(
  state: Pick<StudioState, 'tasteRankings'>,
  jobId: string,
  variation: number,
): RankedVariation | null {
  const ranking = state.tasteRankings[jobId];
  return ranking?.state === 'ready' ? (ranking.ranked.find((row) => row.variation === variation) ?? null) : null;
}

export function createTasteSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], TasteSlice> {
  const sent = new Set<string>();
  return (set, get) => ({
    tasteStatus: null,
    tasteModels: [],
    tasteError: null,
    tasteOrder: { music: false, levels: false },
    tasteRankings: {},
    tasteDiscarded: {},
    tasteWhy: null,
    loadTasteStatus: async () => {
      try {
        const [tasteStatus, explained] = await Promise.all([
          bridge.call('taste.status', {}),
          bridge.call('taste.explain', {}),
        ]);
        set({ tasteStatus, tasteModels: explained.models });
      } catch (error) {
        set({ tasteError: toErrorPayload(error) });
      }
    },
    sendTaste: async (jobId, variation, signal) => {
      if (get().tasteStatus?.enabled === false) return;
      const key = `${jobId}/${variation}/${signal}`;
      if (signal === 'discard') {
        const discarded = get().tasteDiscarded[jobId] ?? [];
        if (!discarded.includes(variation))
          set({ tasteDiscarded: { ...get().tasteDiscarded, [jobId]: [...discarded, variation] } });
      }
      if (sent.has(key)) return;
      sent.add(key);
      try {
        await bridge.call('taste.feedback', { jobId, variation, signal });
        set({ tasteError: null });
        await get().loadTasteStatus();
      } catch (error) {
        sent.delete(key);
        set({ tasteError: toErrorPayload(error) });
      }
    },
    rankRun: async (jobId, force = false) => {
      if (!force && get().tasteRankings[jobId]) return;
      set({ tasteRankings: { ...get().tasteRankings, [jobId]: { state: 'loading' } } });
      try {
        const answer = await bridge.call('taste.rank', { jobId });
        const ranking: RunRanking = { state: 'ready', kind: answer.kind, fitted: answer.fitted, ranked: answer.ranked };
        set({ tasteRankings: { ...get().tasteRankings, [jobId]: ranking } });
      } catch (error) {
        set({ tasteRankings: { ...get().tasteRankings, [jobId]: { state: 'failed', error: toErrorPayload(error) } } });
      }
    },
    setTasteOrder: (workspace, on) => set({ tasteOrder: { ...get().tasteOrder, [workspace]: on } }),
    setTasteWhy: (tasteWhy) => set({ tasteWhy }),
    resetTaste: async () => {
      try {
        await bridge.call('taste.reset', {});
        sent.clear();
        set({ tasteRankings: {}, tasteDiscarded: {}, tasteWhy: null, tasteError: null });
        await get().loadTasteStatus();
      } catch (error) {
        set({ tasteError: toErrorPayload(error) });
      }
    },
    setTasteEnabled: async (enabled) => {
      try {
        await bridge.call('taste.configure', { enabled });
        set({ tasteRankings: {}, tasteError: null });
        await get().loadTasteStatus();
      } catch (error) {
        set({ tasteError: toErrorPayload(error) });
      }
    },
  });
}

/** A feature's name as the "why" popover and Settings show it. */
export const tasteFeatureLabels: Readonly<Record<string, string>> = {
  notesPerBar: 'notes per bar',
  pitchRange: 'pitch range',
  stepShare: 'steps over leaps',
  onsetEntropy: 'rhythmic variety',
  syncopation: 'syncopation',
  velocityMean: 'loudness',
  velocitySpread: 'dynamics',
  barRepetition: 'repeated bars',
  hitsPerBar: 'hits per bar',
  microTiming: 'micro-timing',
  melodyPerBar: 'melody notes per bar',
  chordsPerBar: 'chords per bar',
  bassPerBar: 'bass notes per bar',
  drumsPerBar: 'drum hits per bar',
  melodyRange: 'melody range',
  melodyStepShare: 'melody steps over leaps',
  enemies: 'enemies',
  gaps: 'gaps',
  blocks: 'blocks',
  pipes: 'pipes',
  coins: 'coins',
  pathLength: 'path length',
  jumps: 'jumps',
  elevation: 'elevation',
};
