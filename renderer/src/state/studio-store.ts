// One zustand store built from feature slices; persisted fields are declared here with a version and a migration.
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MosaicBridge } from '../../../contract/index.js';
import { createJobsSlice, type JobsSlice } from './jobs-slice.js';
import { createSystemSlice, type SystemSlice } from './system-slice.js';
import { createWorkspaceSlice, workspaces, type WorkspaceSlice } from './workspace-slice.js';

export type StudioState = WorkspaceSlice & SystemSlice & JobsSlice;
export type StudioStore = StoreApi<StudioState>;

/** Version of the persisted shape; bump it and extend `migrate` when a persisted field changes. */
const persistedVersion = 1;
type PersistedState = Pick<StudioState, 'workspace'>;

export function createStudioStore(bridge: MosaicBridge, storage: StateStorage): StudioStore {
  return createStore<StudioState>()(
    persist(
      (...args) => ({
        ...createWorkspaceSlice(...args),
        ...createSystemSlice(bridge)(...args),
        ...createJobsSlice(bridge)(...args),
      }),
      {
        name: 'mosaic-studio',
        version: persistedVersion,
        storage: createJSONStorage(() => storage),
        partialize: (state): PersistedState => ({ workspace: state.workspace }),
        migrate: (persisted) => migratePersisted(persisted),
      },
    ),
  );
}

/** Accepts any older or damaged persisted value and returns a valid one. */
export function migratePersisted(persisted: unknown): PersistedState {
  const workspace = (persisted as { workspace?: unknown } | null)?.workspace;
  return { workspace: workspaces.includes(workspace as never) ? (workspace as PersistedState['workspace']) : 'music' };
}
