// The Models workspace's commands: install, cancel, activate, roll back, remove, gc, verify, load, catalogs.
import { rollbackCandidates } from '../../../contract/index.js';
import { runningInstallOf } from '../state/model-entries.js';
import { selectedModelEntry } from '../state/models-slice.js';
import type { StudioState, StudioStore } from '../state/studio-store.js';
import type { StudioCommand } from './command.js';

const inModels = (state: StudioState): boolean => state.workspace === 'models';
const idle = (state: StudioState): boolean => inModels(state) && state.modelsBusy === null;

/** What the header's Install fetches, and whether it then makes that version active. */
export interface InstallTarget {
  name: string;
  version?: string;
  catalogId?: string;
  /** True for an update and when no version is active (there is nothing to replace); false beside an active one. */
  activate: boolean;
}

/**
 * What Install would fetch for the selection: the selected version when it is not installed, else the update, else the
 * newest. Installing is not activating: a version installed beside an active one stays inactive unless it is the update
 * the header offers as "Update to …" (the versions table offers both Install and Install and use).
 */
export function installTarget(state: StudioState): InstallTarget | null {
  const selected = selectedModelEntry(state);
  if (!selected || runningInstallOf(state.installJobs, selected.entry.name)) return null;
  const { entry, row } = selected;
  const noneActive = !entry.installed?.activeVersion;
  const update = entry.installed?.update;
  if (row && !row.installed && row.offer?.compatible) {
    const activate = noneActive || row.version === update?.version;
    return { name: entry.name, version: row.version, catalogId: row.offer.catalogId, activate };
  }
  if (update) return { name: entry.name, version: update.version, catalogId: update.catalogId, activate: true };
  if (!entry.installed && entry.offered.some((offer) => offer.compatible)) return { name: entry.name, activate: true };
  return null;
}

function selectedInstalled(state: StudioState): { name: string; version: string; active: boolean } | null {
  const selected = selectedModelEntry(state);
  const installed = selected?.row?.installed;
  return selected && installed
    ? { name: selected.entry.name, version: installed.version, active: installed.active }
    : null;
}

/**
 * The version Roll back would make active for the selected model: the activation log's most recent earlier version that
 * is still installed (none after an install beside the active version, which was never active), as the library decides.
 */
export function rollbackTarget(state: StudioState): string | null {
  const installed = selectedModelEntry(state)?.entry.installed;
  if (!installed) return null;
  const versions = new Set(installed.versions.map((version) => version.version));
  const log = state.modelHistory.filter((entry) => entry.name === installed.name);
  const candidate = rollbackCandidates(log).find(
    (version) => version !== installed.activeVersion && versions.has(version),
  );
  return candidate ?? null;
}

const withSelected =
  (action: (store: StudioStore, selected: { name: string; version: string }) => Promise<void> | void) =>
  (store: StudioStore): Promise<void> | void => {
    const selected = selectedInstalled(store.getState());
    return selected ? action(store, selected) : undefined;
  };

export const modelCommands: StudioCommand[] = [
  {
    id: 'models.install',
    label: 'Install the selected model version',
    shortcut: 'Mod+Enter',
    enabled: (state) => inModels(state) && installTarget(state) !== null,
    run: (store) => {
      const target = installTarget(store.getState());
      if (target) {
        return store.getState().installModel(target.name, target.version, target.catalogId, target.activate);
      }
    },
  },
  {
    id: 'models.cancelInstall',
    label: 'Cancel the model install',
    shortcut: 'Mod+.',
    enabled: (state) =>
      inModels(state) &&
      state.selectedModel !== null &&
      runningInstallOf(state.installJobs, state.selectedModel) !== null,
    run: (store) => {
      const name = store.getState().selectedModel;
      if (name) return store.getState().cancelModelInstall(name);
    },
  },
  {
    id: 'models.activate',
    label: 'Activate the selected model version',
    shortcut: 'Mod+Shift+Enter',
    enabled: (state) => {
      const selected = selectedInstalled(state);
      return idle(state) && selected !== null && !selected.active;
    },
    run: withSelected((store, { name, version }) => store.getState().activateModelVersion(name, version)),
  },
  {
    id: 'models.rollback',
    label: 'Roll back to the previously active version',
    shortcut: 'Mod+Z',
    enabled: (state) => idle(state) && rollbackTarget(state) !== null,
    run: (store) => {
      const name = store.getState().selectedModel;
      if (name) return store.getState().rollbackModel(name);
    },
  },
  {
    id: 'models.remove',
    label: 'Remove the selected model version…',
    shortcut: 'Mod+Backspace',
    enabled: (state) => idle(state) && selectedInstalled(state) !== null,
    run: withSelected((store, { name, version }) => store.getState().askRemoveModelVersion(name, version)),
  },
  {
    id: 'models.gc',
    label: 'Collect unused model files (gc)…',
    enabled: idle,
    run: (store) => store.getState().askGc(),
  },
  {
    id: 'models.verify',
    label: 'Verify model files',
    enabled: idle,
    run: (store) => store.getState().verifyModels(),
  },
  {
    id: 'models.load',
    label: 'Load the selected model version into memory',
    enabled: (state) => idle(state) && selectedInstalled(state) !== null,
    run: withSelected((store, { name, version }) => store.getState().loadModelIntoMemory(name, version)),
  },
  {
    id: 'models.catalogs.add',
    label: 'Add a model catalog…',
    enabled: inModels,
    run: (store) => store.getState().requestCatalogField(),
  },
  {
    id: 'models.refresh',
    label: 'Refresh models',
    enabled: inModels,
    run: async (store) => {
      await Promise.all([store.getState().loadModels(), store.getState().loadModelFigures()]);
    },
  },
];
