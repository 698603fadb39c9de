// The Models workspace's library state: installed models and the catalogs' offers, disk use, activation history, model
// cards, the selection, one library action at a time and its inline confirmation. Install jobs, catalog editing and the
// live figures of loaded models are slices of their own (model-install-jobs-slice.ts, model-catalogs-slice.ts,
// model-figures-slice.ts), composed into the same store.
import type { StateCreator } from 'zustand';
import type {
  ActivationEntry,
  CatalogStatus,
  DiskUsage,
  ErrorPayload,
  GcReport,
  LibraryChange,
  ModelDetail,
  ModelList,
  MosaicBridge,
  RemoveResult,
  VerifyReport,
} from '../../../contract/index.js';
import { modelRef, toErrorPayload } from '../../../contract/index.js';
import { formatBytes, modelEntries, versionRows, type ModelEntry, type VersionRow } from './model-entries.js';
import type { StudioState } from './studio-store.js';

/*
 * Library actions (one at a time; installs run beside them as jobs):
 *
 *   idle ──activate | rollback | remove | gc | verify | catalog | load──▶ busy ──answer──▶ idle (+ notice)
 *                                                                          └──error──▶ idle (+ modelsError with its code)
 *
 * Destructive actions ask first, inline: askRemove / askGc set modelConfirm; confirm runs it, dismiss clears it.
 */
export type ModelsBusy = 'activate' | 'rollback' | 'remove' | 'gc' | 'verify' | 'catalog' | 'load' | null;
export type ModelConfirm =
  | { kind: 'remove'; name: string; version: string; active: boolean; sizeBytes: number }
  /** A dry run lists unused blobs; partial downloads are counted from the store's usage. */
  | { kind: 'gc'; preview: GcReport; partialBytes: number };

export interface ModelsSlice {
  modelList: ModelList | null;
  /** The catalogs' status as models.catalogs last answered (their offers appear in the list's entries). */
  modelCatalogs: CatalogStatus[];
  modelUsage: DiskUsage | null;
  modelHistory: ActivationEntry[];
  /** Manifests read with models.show, by name@version. */
  modelCards: Record<string, ModelDetail>;
  selectedModel: string | null;
  selectedModelVersion: string | null;
  modelsBusy: ModelsBusy;
  modelConfirm: ModelConfirm | null;
  modelsError: ErrorPayload | null;
  modelsNotice: string | null;
  lastVerify: VerifyReport | null;
  loadModels: () => Promise<void>;
  /** Reads only the installed models (models.list), for workspaces that say whether a first run installs one. */
  loadModelList: () => Promise<void>;
  applyLibraryChange: (change: LibraryChange) => void;
  selectModel: (name: string | null) => void;
  moveModelSelection: (delta: number) => void;
  selectModelVersion: (version: string | null) => void;
  loadModelCard: (name: string, version: string) => Promise<void>;
  activateModelVersion: (name: string, version: string) => Promise<void>;
  rollbackModel: (name: string) => Promise<void>;
  askRemoveModelVersion: (name: string, version: string) => void;
  askGc: () => Promise<void>;
  confirmModelAction: () => Promise<void>;
  dismissModelConfirm: () => void;
  verifyModels: () => Promise<void>;
  dismissModelsMessage: () => void;
}

/** Runs one library action at a time (see the state machine above); its answer becomes the notice, its failure the error. */
export function libraryAction(
  set: (partial: Partial<StudioState>) => void,
  get: () => StudioState,
): (busy: Exclude<ModelsBusy, null>, work: () => Promise<string | null>) => Promise<boolean> {
  return async (busy, work) => {
    if (get().modelsBusy !== null) return false;
    set({ modelsBusy: busy, modelsError: null, modelsNotice: null, modelConfirm: null });
    try {
      const notice = await work();
      set({ modelsBusy: null, modelsNotice: notice });
      return true;
    } catch (error) {
      set({ modelsBusy: null, modelsError: toErrorPayload(error) });
      return false;
    }
  };
}

export function createModelsSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], ModelsSlice> {
  return (set, get) => {
    const act = libraryAction(set, get);
    const reload = async (): Promise<void> => {
      await get().loadModels();
    };
    return {
      modelList: null,
      modelCatalogs: [],
      modelUsage: null,
      modelHistory: [],
      modelCards: {},
      selectedModel: null,
      selectedModelVersion: null,
      modelsBusy: null,
      modelConfirm: null,
      modelsError: null,
      modelsNotice: null,
      lastVerify: null,
      loadModelList: async () => {
        try {
          set({ modelList: await bridge.call('models.list', {}) });
        } catch {
          // Unknown install state: the hints that depend on it stay hidden (models.didChange reloads it).
        }
      },
      loadModels: async () => {
        try {
          // The list reads the catalogs from the cache models.catalogs has just refreshed, so its update badges agree
          // with the versions the catalogs offer.
          const catalogsRead = bridge.call('models.catalogs', {});
          const [modelList, { catalogs }, modelUsage, { entries }, { jobs }] = await Promise.all([
            catalogsRead.then(() => bridge.call('models.list', {})),
            catalogsRead,
            bridge.call('models.usage', {}),
            bridge.call('models.history', {}),
            bridge.call('models.jobs', {}),
          ]);
          const installJobs = { ...Object.fromEntries(jobs.map((job) => [job.jobId, job])), ...get().installJobs };
          set({ modelList, modelCatalogs: catalogs, modelUsage, modelHistory: entries, installJobs });
          // Keep the selection on a model that still exists; otherwise the first one.
          const list = modelEntries(modelList.models, catalogs);
          const selected = get().selectedModel;
          if (!list.some((entry) => entry.name === selected)) get().selectModel(list[0]?.name ?? null);
          else get().selectModelVersion(get().selectedModelVersion);
        } catch (error) {
          set({ modelsError: toErrorPayload(error) });
        }
      },
      applyLibraryChange: () => {
        void reload();
      },
      selectModel: (name) => {
        const entry = entryOf(get(), name);
        set({ selectedModel: entry?.name ?? null, modelConfirm: null });
        get().selectModelVersion(null);
      },
      moveModelSelection: (delta) => {
        const list = modelEntriesOf(get());
        if (list.length === 0) return;
        const index = list.findIndex((entry) => entry.name === get().selectedModel);
        const next = Math.min(list.length - 1, Math.max(0, (index < 0 ? 0 : index) + delta));
        get().selectModel(list[next]!.name);
      },
      selectModelVersion: (version) => {
        const entry = entryOf(get(), get().selectedModel);
        const rows = entry ? versionRows(entry) : [];
        // Default to the active version, else the newest installed, else the newest offered.
        const row =
          rows.find((candidate) => candidate.version === version) ??
          rows.find((candidate) => candidate.installed?.active) ??
          rows.find((candidate) => candidate.installed) ??
          rows[0];
        set({ selectedModelVersion: row?.version ?? null });
        if (entry && row?.installed && !get().modelCards[modelRef(entry.name, row.version)]) {
          void get().loadModelCard(entry.name, row.version);
        }
        if (entry && row && !row.installed && row.offer && !get().modelOffers[modelRef(entry.name, row.version)]) {
          void get().loadModelOffer(entry.name, row.version, row.offer.catalogId);
        }
      },
      loadModelCard: async (name, version) => {
        try {
          const detail = await bridge.call('models.show', { name, version });
          set({ modelCards: { ...get().modelCards, [modelRef(name, version)]: detail } });
        } catch (error) {
          set({ modelsError: toErrorPayload(error) });
        }
      },
      activateModelVersion: async (name, version) => {
        await act('activate', async () => {
          const result = await bridge.call('models.activate', { name, version });
          await reload();
          return `${modelRef(name, version)} is active${result.previousVersion ? ` (was ${result.previousVersion})` : ''}.`;
        });
      },
      rollbackModel: async (name) => {
        await act('rollback', async () => {
          const result = await bridge.call('models.rollback', { name });
          await reload();
          get().selectModelVersion(result.activeVersion);
          return `Rolled ${name} back to ${result.activeVersion ?? 'no version'} (from ${result.previousVersion ?? 'none'}).`;
        });
      },
      askRemoveModelVersion: (name, version) => {
        const installed = entryOf(get(), name)?.installed?.versions.find((entry) => entry.version === version);
        if (!installed) return;
        // What only this version uses is what removing it frees; the listed size counts shared files too.
        const own = get()
          .modelUsage?.models.find((model) => model.name === name)
          ?.versions.find((entry) => entry.version === version)?.exclusiveBytes;
        set({
          modelConfirm: {
            kind: 'remove',
            name,
            version,
            active: installed.active,
            sizeBytes: own ?? installed.sizeBytes,
          },
          modelsError: null,
        });
      },
      askGc: async () => {
        await act('gc', async () => {
          const [preview, usage] = await Promise.all([
            bridge.call('models.gc', { dryRun: true }),
            bridge.call('models.usage', {}),
          ]);
          set({ modelUsage: usage });
          if (preview.removedBlobs.length === 0 && usage.partialBytes === 0)
            return 'Nothing to collect: every file in the store is in use.';
          set({ modelConfirm: { kind: 'gc', preview, partialBytes: usage.partialBytes } });
          return null;
        });
      },
      confirmModelAction: async () => {
        const confirm = get().modelConfirm;
        if (!confirm) return;
        if (confirm.kind === 'remove') {
          await act('remove', async () => {
            const { name, version, active } = confirm;
            const result = await bridge.call('models.remove', { name, version, force: active });
            await reload();
            return removedNotice(result);
          });
        } else {
          await act('gc', async () => {
            const report = await bridge.call('models.gc', { dryRun: false });
            await reload();
            const files = report.removedBlobs.length;
            const partials = report.removedPartials;
            return `Collected ${files} unused ${files === 1 ? 'file' : 'files'} and ${partials} partial ${partials === 1 ? 'download' : 'downloads'}; freed ${formatBytes(report.freedBytes)}.`;
          });
        }
      },
      dismissModelConfirm: () => set({ modelConfirm: null }),
      verifyModels: async () => {
        await act('verify', async () => {
          const report = await bridge.call('models.verify', {});
          set({ lastVerify: report });
          return report.ok
            ? `Verified ${report.checkedBlobs} files (${formatBytes(report.checkedBytes)}): all intact.`
            : `${report.damaged.length} damaged ${report.damaged.length === 1 ? 'file' : 'files'} in the store.`;
        });
      },
      dismissModelsMessage: () => set({ modelsError: null, modelsNotice: null }),
    };
  };
}

/** What a removal freed and, when it removed the active version, what is active now. */
export function removedNotice(result: RemoveResult): string {
  const head = `Removed ${modelRef(result.name, result.version)}; freed ${formatBytes(result.freedBytes)}.`;
  if (!result.wasActive) return head;
  if (result.activeVersion) {
    return `${head} ${modelRef(result.name, result.activeVersion)} is active again: it was active before ${result.version}.`;
  }
  if (result.installedVersions.length === 0) return `${head} No version of ${result.name} is installed now.`;
  return `${head} ${result.name} has no active version now: activate ${result.installedVersions.join(' or ')} to use it.`;
}

type LibraryState = Pick<StudioState, 'modelList' | 'modelCatalogs'>;

export function modelEntriesOf(state: LibraryState): ModelEntry[] {
  return modelEntries(state.modelList?.models ?? [], state.modelCatalogs);
}

export function entryOf(state: LibraryState, name: string | null): ModelEntry | null {
  return name === null ? null : (modelEntriesOf(state).find((entry) => entry.name === name) ?? null);
}

/** The selected model and the version row selected in its table. */
export function selectedModelEntry(
  state: LibraryState & Pick<StudioState, 'selectedModel' | 'selectedModelVersion'>,
): { entry: ModelEntry; row: VersionRow | null } | null {
  const entry = entryOf(state, state.selectedModel);
  if (!entry) return null;
  return { entry, row: versionRows(entry).find((row) => row.version === state.selectedModelVersion) ?? null };
}
