// The Models workspace's state: the library (installed, catalogs, disk use, history), install jobs, the selection, inline confirmations.
import type { StateCreator } from 'zustand';
import type {
  ActivationEntry,
  CatalogStatus,
  DiskUsage,
  ErrorPayload,
  GcReport,
  InstallJob,
  LibraryChange,
  ModelDetail,
  ModelList,
  ModelManifest,
  MosaicBridge,
  RemoveResult,
  ResponseOf,
  VerifyReport,
} from '../../../contract/index.js';
import { modelRef, toErrorPayload } from '../../../contract/index.js';
import {
  formatBytes,
  modelEntries,
  runningInstallOf,
  versionRows,
  type ModelEntry,
  type VersionRow,
} from './model-entries.js';
import type { StudioState } from './studio-store.js';

export type ModelSessions = ResponseOf<'inference.sessions'>;
export type ModelMetrics = ResponseOf<'inference.metrics'>;

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
  modelCatalogs: CatalogStatus[];
  modelUsage: DiskUsage | null;
  modelHistory: ActivationEntry[];
  modelSessions: ModelSessions | null;
  modelMetrics: ModelMetrics | null;
  /** Install jobs of this session by id, as models.didProgressInstall reports them. */
  installJobs: Record<string, InstallJob>;
  /** Manifests read with models.show, by name@version. */
  modelCards: Record<string, ModelDetail>;
  /** Manifests of versions not installed, read from their catalog with models.preview ('unavailable' when it failed). */
  modelOffers: Record<string, { catalogId: string; manifest: ModelManifest } | 'unavailable'>;
  selectedModel: string | null;
  selectedModelVersion: string | null;
  modelsBusy: ModelsBusy;
  modelConfirm: ModelConfirm | null;
  modelsError: ErrorPayload | null;
  modelsNotice: string | null;
  lastVerify: VerifyReport | null;
  /** Bumped to ask the catalogs panel to focus its location field. */
  catalogFieldRequest: number;
  loadModels: () => Promise<void>;
  /** Reads only the installed models (models.list), for workspaces that say whether a first run installs one. */
  loadModelList: () => Promise<void>;
  loadModelFigures: () => Promise<void>;
  applyInstallJob: (job: InstallJob) => void;
  applyLibraryChange: (change: LibraryChange) => void;
  selectModel: (name: string | null) => void;
  moveModelSelection: (delta: number) => void;
  selectModelVersion: (version: string | null) => void;
  loadModelCard: (name: string, version: string) => Promise<void>;
  loadModelOffer: (name: string, version: string, catalogId?: string) => Promise<void>;
  /** Installs a version; `activate` makes it the active one once installed ("Install and use"). */
  installModel: (
    name: string,
    version: string | undefined,
    catalogId: string | undefined,
    activate: boolean,
  ) => Promise<void>;
  cancelModelInstall: (name: string) => Promise<void>;
  activateModelVersion: (name: string, version: string) => Promise<void>;
  rollbackModel: (name: string) => Promise<void>;
  askRemoveModelVersion: (name: string, version: string) => void;
  askGc: () => Promise<void>;
  confirmModelAction: () => Promise<void>;
  dismissModelConfirm: () => void;
  verifyModels: () => Promise<void>;
  loadModelIntoMemory: (name: string, version: string) => Promise<void>;
  unloadModel: (name: string) => Promise<void>;
  addCatalog: (location: string, allowHttp: boolean) => Promise<boolean>;
  removeCatalog: (id: string) => Promise<void>;
  requestCatalogField: () => void;
  dismissModelsMessage: () => void;
}

export function createModelsSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], ModelsSlice> {
  return (set, get) => {
    /** Runs one library action; its answer becomes the notice, its failure the error. */
    const act = async (busy: Exclude<ModelsBusy, null>, work: () => Promise<string | null>): Promise<boolean> => {
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
    const reload = async (): Promise<void> => {
      await get().loadModels();
    };
    return {
      modelList: null,
      modelCatalogs: [],
      modelUsage: null,
      modelHistory: [],
      modelSessions: null,
      modelMetrics: null,
      installJobs: {},
      modelCards: {},
      modelOffers: {},
      selectedModel: null,
      selectedModelVersion: null,
      modelsBusy: null,
      modelConfirm: null,
      modelsError: null,
      modelsNotice: null,
      lastVerify: null,
      catalogFieldRequest: 0,
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
      loadModelFigures: async () => {
        try {
          const [modelSessions, modelMetrics] = await Promise.all([
            bridge.call('inference.sessions', {}),
            bridge.call('inference.metrics', {}),
          ]);
          set({ modelSessions, modelMetrics });
        } catch {
          // The figures are a live view; the host restarting for a moment is not an error to show.
        }
      },
      applyInstallJob: (job) => {
        set({ installJobs: { ...get().installJobs, [job.jobId]: job } });
        if (job.state === 'failed') set({ modelsError: job.error });
        if (job.state === 'cancelled') {
          set({
            modelsNotice: `Install of ${job.requested} cancelled; what was downloaded is kept for a later resume.`,
          });
        }
        if (job.state === 'installed') {
          const version = job.version ? modelRef(job.name, job.version) : job.requested;
          const active = get().modelList?.models.find((model) => model.name === job.name)?.activeVersion;
          const note = job.activated
            ? ' and made it active'
            : active && active !== job.version
              ? `; ${active} stays active`
              : '';
          set({ modelsNotice: `Installed ${version}${note}.` });
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
      loadModelOffer: async (name, version, catalogId) => {
        let offer: ModelsSlice['modelOffers'][string];
        try {
          offer = await bridge.call('models.preview', { name, version, ...(catalogId ? { catalogId } : {}) });
        } catch {
          offer = 'unavailable'; // the card then shows what the catalog index says
        }
        set({ modelOffers: { ...get().modelOffers, [modelRef(name, version)]: offer } });
      },
      loadModelCard: async (name, version) => {
        try {
          const detail = await bridge.call('models.show', { name, version });
          set({ modelCards: { ...get().modelCards, [modelRef(name, version)]: detail } });
        } catch (error) {
          set({ modelsError: toErrorPayload(error) });
        }
      },
      installModel: async (name, version, catalogId, activate) => {
        set({ modelsError: null, modelsNotice: null });
        try {
          const job = await bridge.call('models.install', { name, version, catalogId, activate });
          // The job's events may have overtaken this answer; keep whichever is further along.
          if (!get().installJobs[job.jobId]) get().applyInstallJob(job);
        } catch (error) {
          set({ modelsError: toErrorPayload(error) });
        }
      },
      cancelModelInstall: async (name) => {
        const job = runningInstallOf(get().installJobs, name);
        if (!job) return;
        try {
          get().applyInstallJob(await bridge.call('models.cancelInstall', { jobId: job.jobId }));
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
      loadModelIntoMemory: async (name, version) => {
        await act('load', async () => {
          const session = await bridge.call('inference.load', { model: { name, version } });
          await get().loadModelFigures();
          return `Loaded ${modelRef(name, version)} on ${session.executionProvider}.`;
        });
      },
      unloadModel: async (name) => {
        await act('load', async () => {
          await bridge.call('inference.unload', { model: { name } });
          await get().loadModelFigures();
          return `Unloaded ${name}.`;
        });
      },
      addCatalog: (location, allowHttp) =>
        act('catalog', async () => {
          const catalog = await bridge.call('models.addCatalog', { location: location.trim(), allowHttp });
          await reload();
          const count = catalog.models.length;
          return `Added catalog ${catalog.id}: ${count} ${count === 1 ? 'model' : 'models'}.`;
        }),
      removeCatalog: async (id) => {
        await act('catalog', async () => {
          await bridge.call('models.removeCatalog', { id });
          await reload();
          return `Removed catalog ${id}; installed models stay.`;
        });
      },
      requestCatalogField: () => set({ catalogFieldRequest: get().catalogFieldRequest + 1 }),
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
