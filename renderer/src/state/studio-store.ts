// One zustand store built from feature slices; persisted fields are declared here with a version and a migration.
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MosaicBridge } from '../../../contract/index.js';
import { arrangeResults } from './arrange-results.js';
import { dungeonResults } from './dungeon-results.js';
import { sanitizeDungeonSettings } from './dungeon-settings.js';
import { createDungeonsSlice, type DungeonsSlice } from './dungeons-slice.js';
import { sanitizeArrangeMix, sanitizeArrangeSettings } from './arrange-settings.js';
import { createArrangeSlice, type ArrangeSlice } from './arrange-slice.js';
import { createFieldProblemsSlice, type FieldProblemsSlice } from './field-problems-slice.js';
import { createHistorySlice, type HistorySlice } from './history-slice.js';
import { createJobsSlice, type JobsSlice } from './jobs-slice.js';
import { createKeptSlice, type KeptSlice } from './kept-slice.js';
import { sanitizeLevelSettings } from './level-settings.js';
import { createLevelsSlice, type LevelsSlice } from './levels-slice.js';
import { createModelCatalogsSlice, type ModelCatalogsSlice } from './model-catalogs-slice.js';
import { createModelFiguresSlice, type ModelFiguresSlice } from './model-figures-slice.js';
import { createModelInstallJobsSlice, type ModelInstallJobsSlice } from './model-install-jobs-slice.js';
import { createModelsSlice, type ModelsSlice } from './models-slice.js';
import type { ClipUrls } from './music-clip-urls.js';
import { sanitizeMusicSettings } from './music-settings.js';
import { levelsResults } from './levels-results.js';
import { musicResults } from './music-results.js';
import { createMusicSlice, type MusicSlice } from './music-slice.js';
import { createResultsKeeper } from './persisted-results.js';
import { createSystemSlice, type SystemSlice } from './system-slice.js';
import { createSettingsSlice, sanitizeRemoteBackend, type SettingsSlice } from './settings-slice.js';
import { createTasteSlice, sanitizeTasteOrder, type TasteSlice } from './taste-slice.js';
import { createWorkspaceSlice, workspaces, type WorkspaceSlice } from './workspace-slice.js';

export type StudioState = WorkspaceSlice &
  SystemSlice &
  JobsSlice &
  LevelsSlice &
  DungeonsSlice &
  MusicSlice &
  ArrangeSlice &
  ModelsSlice &
  ModelInstallJobsSlice &
  ModelCatalogsSlice &
  ModelFiguresSlice &
  HistorySlice &
  KeptSlice &
  SettingsSlice &
  TasteSlice &
  FieldProblemsSlice & {
    /** Puts back each workspace's last results kept over a reload (persisted-results.ts); call once connected. */
    restoreResults: () => Promise<void>;
  };
export type StudioStore = StoreApi<StudioState>;

/** Version of the persisted shape; bump it and extend `migrate` when a persisted field changes. */
const persistedVersion = 6;
type PersistedState = Pick<
  StudioState,
  | 'workspace'
  | 'levelSettings'
  | 'dungeonSettings'
  | 'musicSettings'
  | 'remoteBackend'
  | 'arrangeSettings'
  | 'arrangeMix'
  | 'arrangeLoop'
  | 'arrangeMetronome'
  | 'tasteOrder'
>;
/** localStorage key of the persisted state. */
export const persistedStoreKey = 'mosaic-studio';

/** `clipUrls` replaces the browser's object URLs behind Music's rendered clips (tests count what is released). */
export function createStudioStore(
  bridge: MosaicBridge,
  storage: StateStorage,
  options: { clipUrls?: ClipUrls } = {},
): StudioStore {
  // Results are kept apart from the settings below: each workspace's record lives under its own key.
  const keepResults = createResultsKeeper<StudioState>(storage, [
    musicResults(bridge),
    levelsResults(bridge),
    dungeonResults(),
    arrangeResults(),
  ]);
  return createStore<StudioState>()(
    persist(
      (...args) => ({
        restoreResults: () => keepResults(args[2]),
        ...createWorkspaceSlice(...args),
        ...createSystemSlice(bridge)(...args),
        ...createJobsSlice(bridge)(...args),
        ...createLevelsSlice(bridge)(...args),
        ...createDungeonsSlice(bridge)(...args),
        ...createMusicSlice(bridge, { urls: options.clipUrls })(...args),
        ...createArrangeSlice(bridge, { urls: options.clipUrls })(...args),
        ...createModelsSlice(bridge)(...args),
        ...createModelInstallJobsSlice(bridge)(...args),
        ...createModelCatalogsSlice(bridge)(...args),
        ...createModelFiguresSlice(bridge)(...args),
        ...createHistorySlice(bridge)(...args),
        ...createKeptSlice(bridge)(...args),
        ...createSettingsSlice(bridge)(...args),
        ...createTasteSlice(bridge)(...args),
        ...createFieldProblemsSlice(...args),
      }),
      {
        name: persistedStoreKey,
        version: persistedVersion,
        storage: createJSONStorage(() => storage),
        partialize: (state): PersistedState => ({
          workspace: state.workspace,
          levelSettings: state.levelSettings,
          dungeonSettings: state.dungeonSettings,
          musicSettings: state.musicSettings,
          remoteBackend: state.remoteBackend,
          arrangeSettings: state.arrangeSettings,
          arrangeMix: state.arrangeMix,
          arrangeLoop: state.arrangeLoop,
          arrangeMetronome: state.arrangeMetronome,
          tasteOrder: state.tasteOrder,
        }),
        migrate: (persisted) => migratePersisted(persisted),
      },
    ),
  );
}

/** Accepts any older or damaged persisted value and returns a valid one. */
export function migratePersisted(persisted: unknown): PersistedState {
  const { workspace, levelSettings, dungeonSettings, musicSettings, remoteBackend, ...arrange } = (persisted ??
    {}) as Record<string, unknown>;
  return {
    workspace: workspaces.includes(workspace as never) ? (workspace as PersistedState['workspace']) : 'music',
    levelSettings: sanitizeLevelSettings(levelSettings),
    // Version 6 added Dungeons; older states get its defaults.
    dungeonSettings: sanitizeDungeonSettings(dungeonSettings),
    // Version 3 added the Music parameters; older states get the defaults.
    musicSettings: sanitizeMusicSettings(musicSettings),
    // Version 4 added the remote backend; older states use this machine.
    remoteBackend: sanitizeRemoteBackend(remoteBackend),
    // Version 5 added Arrange; older states get its defaults.
    arrangeSettings: sanitizeArrangeSettings(arrange.arrangeSettings),
    arrangeMix: sanitizeArrangeMix(arrange.arrangeMix),
    arrangeLoop: arrange.arrangeLoop === true,
    arrangeMetronome: arrange.arrangeMetronome === true,
    // The "For you" order (taste) came later in version 5; absent means off.
    tasteOrder: sanitizeTasteOrder(arrange.tasteOrder),
  };
}
