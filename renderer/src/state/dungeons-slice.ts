// The Dungeons workspace's state: settings, the generated variations as takes (each room redraw a new take, undo and
// redo move between them), the selected dungeon and room, zoom, and exports.
import type { StateCreator } from 'zustand';
import type {
  Dungeon,
  DungeonExportFormat,
  DungeonRun,
  DungeonSide,
  ErrorPayload,
  ExportedFile,
  MosaicBridge,
} from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import { dungeonExportName, sanitizeDungeonSettings, defaultDungeonSettings } from './dungeon-settings.js';
import type { DungeonSettings } from './dungeon-settings.js';
import { mergeRoomRepairs, roomToward } from './dungeon-rooms.js';
import { exportEveryVariation, underExportActivity } from './export-every-variation.js';
import { GenerationTickets } from './jobs-slice.js';
import { randomSeed } from './level-settings.js';
import type { StudioState } from './studio-store.js';

export const dungeonJobKinds = ['dungeons.generate', 'dungeons.regenerateRoom'] as const;

/*
 * Dungeon work (one thing at a time):
 *
 *   idle ──generate──▶ generating ──result──▶ idle (variations replaced, each a single take)
 *     ├──regenerate room──▶ regenerating ──result──▶ idle (a new take of the shown variation; later takes dropped)
 *     └──export (one variation, or all: done counts them)──▶ exporting ──files──▶ idle
 *   any failure (or a cancel) ──▶ idle with dungeonError set; the shown dungeons are kept.
 *   undo / redo (idle only): the shown variation's previous / next take.
 */
export type DungeonActivity =
  | { state: 'idle' }
  | { state: 'generating' }
  | { state: 'regenerating'; room: number }
  | { state: 'exporting'; format: DungeonExportFormat; all?: { done: number; total: number } };

/** One variation's takes: the dungeon as generated first, then one per room redraw; `at` is the one shown. */
export interface DungeonTakes {
  takes: Dungeon[];
  /** Per take, the job id of the room redraw that made it (History records it), or null for the run's own dungeon. */
  edits: (string | null)[];
  at: number;
}

/** 'fit': the whole dungeon fills the map's view; a number: CSS pixels per tile. */
export type DungeonZoom = 'fit' | number;
export const dungeonZoomSteps = [4, 6, 8, 10, 12, 16, 20, 24, 32] as const;

/** What a reload puts back (dungeon-results.ts). */
export interface RestoredDungeons {
  run: DungeonRun;
  takes: DungeonTakes[];
  selectedDungeon: number;
  selectedRoom: number | null;
}

export interface DungeonsSlice {
  dungeonSettings: DungeonSettings;
  /** The last generate run: its model and result give exports their provenance. */
  dungeonRun: DungeonRun | null;
  /** Per variation, its takes. */
  dungeonTakes: DungeonTakes[];
  selectedDungeon: number;
  /** The room selected on the shown dungeon (its id), or null. */
  selectedRoom: number | null;
  dungeonZoom: DungeonZoom;
  dungeonActivity: DungeonActivity;
  dungeonError: ErrorPayload | null;
  setDungeonSettings: (patch: Partial<DungeonSettings>) => void;
  newDungeonSeed: () => void;
  generateDungeons: () => Promise<void>;
  /** Redraws the selected room with a new seed (dungeons.regenerateRoom): a new take of the shown variation. */
  regenerateSelectedRoom: () => Promise<void>;
  cancelDungeonWork: () => Promise<void>;
  selectDungeon: (index: number) => void;
  selectRoom: (room: number | null) => void;
  /** Moves the room selection to the room lying that way (selects the start room when none is selected). */
  moveRoomSelection: (side: DungeonSide) => void;
  undoDungeonTake: () => void;
  redoDungeonTake: () => void;
  /** The scale (CSS pixels per tile) 'fit' stands for in the map's view now; the map tells it as it measures. */
  dungeonFitScale: number;
  setDungeonZoom: (zoom: DungeonZoom) => void;
  setDungeonFitScale: (scale: number) => void;
  /** One zoom step in (+1) or out (−1) from the scale shown. */
  stepDungeonZoom: (direction: 1 | -1) => void;
  exportDungeon: (format: DungeonExportFormat) => Promise<ExportedFile[] | null>;
  /** Every variation in one format; a file several share (the tileset) once. */
  exportAllDungeons: (format: DungeonExportFormat) => Promise<ExportedFile[] | null>;
  /** Puts back the dungeons kept over a reload unless dungeons were made since. */
  restoreDungeons: (restored: RestoredDungeons) => void;
  /** Shows a recorded run (from History) as the variations, abandoning a generation or redraw in flight. */
  openDungeonRun: (run: DungeonRun) => void;
  /** Shows an error of work done beside the slice's own (a star that could not be set). */
  reportDungeonError: (error: unknown) => void;
}

/** Takes kept per variation; older ones are dropped. */
export const dungeonTakeDepth = 20;

export function createDungeonsSlice(
  bridge: MosaicBridge,
  random: () => number = Math.random,
): StateCreator<StudioState, [], [], DungeonsSlice> {
  return (set, get, store) => {
    // Each generation or redraw takes a ticket; opening a recorded run abandons the one in flight (its late answer,
    // a result or the cancel's error, is dropped).
    const tickets = new GenerationTickets(store, dungeonJobKinds);
    const fail = (error: unknown): void =>
      set({ dungeonActivity: { state: 'idle' }, dungeonError: toErrorPayload(error) });
    // An export that starts clears the last error; one that fails shows its own (fail).
    const showActivity = (dungeonActivity: DungeonActivity): void =>
      set(dungeonActivity.state === 'exporting' ? { dungeonActivity, dungeonError: null } : { dungeonActivity });
    const exportOne = async (run: DungeonRun, dungeon: Dungeon, variation: number, format: DungeonExportFormat) => {
      const { model, result } = run;
      const { files } = await bridge.call('dungeons.export', {
        dungeon,
        provenance: {
          model: `${model.name}@${model.version}`,
          digest: model.digest,
          prompt: result.prompt,
          seed: result.seed,
        },
        format,
        name: dungeonExportName(result.prompt, result.seed, variation),
      });
      return files;
    };
    const moveTake = (step: 1 | -1): void => {
      const { dungeonTakes, selectedDungeon, dungeonActivity } = get();
      const entry = dungeonTakes[selectedDungeon];
      if (!entry || dungeonActivity.state !== 'idle') return;
      const at = entry.at + step;
      if (at < 0 || at >= entry.takes.length) return;
      set({
        dungeonTakes: dungeonTakes.map((current, index) => (index === selectedDungeon ? { ...current, at } : current)),
      });
    };
    return {
      dungeonSettings: defaultDungeonSettings,
      dungeonRun: null,
      dungeonTakes: [],
      selectedDungeon: 0,
      selectedRoom: null,
      dungeonZoom: 'fit',
      dungeonFitScale: 8,
      dungeonActivity: { state: 'idle' },
      dungeonError: null,
      setDungeonSettings: (patch) => {
        // A value out of range leaves the current one (the field shows the limit), never a clamped guess.
        const current = get().dungeonSettings;
        set({ dungeonSettings: sanitizeDungeonSettings({ ...current, ...patch }, current) });
      },
      newDungeonSeed: () => get().setDungeonSettings({ seed: randomSeed(random) }),
      generateDungeons: async () => {
        if (get().dungeonActivity.state !== 'idle') return;
        const { rooms, enemyDensity, blockDensity, elementDensity, keyLocks, seed, variations } = get().dungeonSettings;
        set({ dungeonActivity: { state: 'generating' }, dungeonError: null });
        const ticket = tickets.take();
        try {
          const run = await bridge.call('dungeons.generate', {
            rooms,
            enemyDensity,
            blockDensity,
            elementDensity,
            keyLocks,
            seed,
            variations,
          });
          if (!tickets.isCurrent(ticket)) return;
          if (run.result.dungeons.length === 0) throw new Error('dungeons.generate answered no dungeon');
          set({ ...shownRun(run), dungeonActivity: { state: 'idle' } });
        } catch (error) {
          if (tickets.isCurrent(ticket)) fail(error);
        }
      },
      regenerateSelectedRoom: async () => {
        const { selectedRoom, selectedDungeon, dungeonActivity } = get();
        const dungeon = shownDungeon(get());
        if (!dungeon || selectedRoom === null || dungeonActivity.state !== 'idle') return;
        set({ dungeonActivity: { state: 'regenerating', room: selectedRoom }, dungeonError: null });
        const ticket = tickets.take();
        try {
          const run = await bridge.call('dungeons.regenerateRoom', {
            dungeon,
            room: selectedRoom,
            seed: randomSeed(random),
          });
          if (!tickets.isCurrent(ticket)) return;
          const redrawn = run.result.dungeons[0];
          if (!redrawn) throw new Error('dungeons.regenerateRoom answered no dungeon');
          const take: Dungeon = { ...redrawn, repairs: mergeRoomRepairs(dungeon, redrawn, selectedRoom) };
          set({
            dungeonTakes: get().dungeonTakes.map((entry, index) => {
              if (index !== selectedDungeon) return entry;
              // A redraw after an undo drops the takes that were undone, as an editor does.
              const takes = [...entry.takes.slice(0, entry.at + 1), take].slice(-dungeonTakeDepth);
              const edits = [...entry.edits.slice(0, entry.at + 1), run.jobId].slice(-dungeonTakeDepth);
              return { takes, edits, at: takes.length - 1 };
            }),
            dungeonActivity: { state: 'idle' },
          });
        } catch (error) {
          if (tickets.isCurrent(ticket)) fail(error);
        }
      },
      cancelDungeonWork: async () => {
        try {
          await tickets.cancel(
            ({ dungeonActivity }) => dungeonActivity.state === 'generating' || dungeonActivity.state === 'regenerating',
          );
        } catch (error) {
          set({ dungeonError: toErrorPayload(error) });
        }
      },
      selectDungeon: (index) => {
        const count = get().dungeonTakes.length;
        if (count === 0) return;
        const selectedDungeon = Math.min(count - 1, Math.max(0, index));
        if (selectedDungeon === get().selectedDungeon) return;
        // Every variation has a room with each id up to its count: keep the selection when that room exists there.
        const rooms = get().dungeonTakes[selectedDungeon]!.takes[0]!.rooms.length;
        const room = get().selectedRoom;
        set({ selectedDungeon, selectedRoom: room !== null && room < rooms ? room : null });
      },
      selectRoom: (room) => {
        const dungeon = shownDungeon(get());
        if (room === null || (dungeon && room >= 0 && room < dungeon.rooms.length)) set({ selectedRoom: room });
      },
      moveRoomSelection: (side) => {
        const dungeon = shownDungeon(get());
        if (!dungeon) return;
        const room = get().selectedRoom;
        if (room === null) return set({ selectedRoom: dungeon.spawn.room });
        const next = roomToward(dungeon, room, side);
        if (next !== null) set({ selectedRoom: next });
      },
      undoDungeonTake: () => moveTake(-1),
      redoDungeonTake: () => moveTake(1),
      setDungeonZoom: (dungeonZoom) => set({ dungeonZoom }),
      setDungeonFitScale: (scale) => {
        if (scale > 0 && scale !== get().dungeonFitScale) set({ dungeonFitScale: scale });
      },
      stepDungeonZoom: (direction) => {
        const zoom = get().dungeonZoom;
        const scale = zoom === 'fit' ? get().dungeonFitScale : zoom;
        const next =
          direction > 0
            ? dungeonZoomSteps.find((step) => step > scale + 0.01)
            : [...dungeonZoomSteps].reverse().find((step) => step < scale - 0.01);
        if (next !== undefined) set({ dungeonZoom: next });
      },
      exportDungeon: async (format) => {
        const { dungeonRun, selectedDungeon, dungeonActivity } = get();
        const dungeon = shownDungeon(get());
        if (!dungeonRun || !dungeon || dungeonActivity.state !== 'idle') return null;
        return underExportActivity(format, null, showActivity, fail, () =>
          exportOne(dungeonRun, dungeon, selectedDungeon, format),
        );
      },
      exportAllDungeons: async (format) => {
        const { dungeonRun, dungeonTakes, dungeonActivity } = get();
        if (!dungeonRun || dungeonTakes.length === 0 || dungeonActivity.state !== 'idle') return null;
        return underExportActivity(format, dungeonTakes.length, showActivity, fail, (onDone) =>
          exportEveryVariation(
            dungeonTakes,
            (entry, variation) => exportOne(dungeonRun, entry.takes[entry.at]!, variation, format),
            onDone,
          ),
        );
      },
      restoreDungeons: ({ run, takes, selectedDungeon, selectedRoom }) => {
        if (get().dungeonRun || get().dungeonTakes.length > 0 || takes.length === 0) return;
        const dungeonTakes = takes
          .filter((entry) => entry.takes.length > 0 && entry.edits.length === entry.takes.length)
          .map((entry) => ({ ...entry, at: Math.min(entry.takes.length - 1, Math.max(0, entry.at)) }));
        if (dungeonTakes.length === 0) return;
        const picked = Math.min(dungeonTakes.length - 1, Math.max(0, selectedDungeon));
        const rooms = dungeonTakes[picked]!.takes[0]!.rooms.length;
        set({
          dungeonRun: run,
          dungeonTakes,
          selectedDungeon: picked,
          selectedRoom: selectedRoom !== null && selectedRoom < rooms ? selectedRoom : null,
        });
      },
      openDungeonRun: (run) => {
        const { dungeonActivity } = get();
        if (run.result.dungeons.length === 0) return;
        if (dungeonActivity.state === 'generating' || dungeonActivity.state === 'regenerating') tickets.abandon();
        set({
          ...shownRun(run),
          // An export in flight carries its own copy of the dungeon it writes, so it is left to finish.
          dungeonActivity: dungeonActivity.state === 'exporting' ? dungeonActivity : { state: 'idle' },
          dungeonError: null,
        });
      },
      reportDungeonError: (error) => set({ dungeonError: toErrorPayload(error) }),
    };
  };
}

/** The state that shows a run's dungeons: each variation a single take, the first one picked, no room selected. */
function shownRun(
  run: DungeonRun,
): Pick<DungeonsSlice, 'dungeonRun' | 'dungeonTakes' | 'selectedDungeon' | 'selectedRoom'> {
  return {
    dungeonRun: run,
    dungeonTakes: run.result.dungeons.map((dungeon) => ({ takes: [dungeon], edits: [null], at: 0 })),
    selectedDungeon: 0,
    selectedRoom: null,
  };
}

/**
 * The run (job id) and its variation a variation's shown take came from, to star it in History: the room redraw that
 * made it (a one-dungeon run) when it has one, else the run's own variation; null where there is no such variation.
 */
export function dungeonOriginAt(
  state: Pick<StudioState, 'dungeonRun' | 'dungeonTakes'>,
  index: number,
): { jobId: string; variation: number } | null {
  const entry = state.dungeonTakes[index];
  if (!state.dungeonRun || !entry) return null;
  const edit = entry.edits[entry.at];
  return edit ? { jobId: edit, variation: 0 } : { jobId: state.dungeonRun.jobId, variation: index };
}

/** The dungeon shown: the selected variation's current take, or null before anything was generated. */
export function shownDungeon(state: Pick<StudioState, 'dungeonTakes' | 'selectedDungeon'>): Dungeon | null {
  const entry = state.dungeonTakes[state.selectedDungeon];
  return entry?.takes[entry.at] ?? null;
}

/** Whether the shown variation has a take to go back to (undo) or forward to (redo). */
export function canMoveTake(state: Pick<StudioState, 'dungeonTakes' | 'selectedDungeon'>, step: 1 | -1): boolean {
  const entry = state.dungeonTakes[state.selectedDungeon];
  return entry !== undefined && entry.at + step >= 0 && entry.at + step < entry.takes.length;
}
