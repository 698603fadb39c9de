// The composition root: wires the concrete services once, for both shells (Electron and plain Node).
import { join } from 'node:path';
import type { HostProcessLauncher } from '../platform/host-process.js';
import type { Logger } from '../platform/logger.js';
import type { AppResources } from '../platform/paths.js';
import { ApiAccessService } from './service-access/api-access.js';
import { ContractDispatcher, type MethodHandlers } from './engine/contract-dispatcher.js';
import { EventBus } from './engine/event-bus.js';
import { GenerationQueue } from './engine/generation-queue.js';
import { followHistoryFile } from './history/history-follower.js';
import { historyHandlers } from './history/history-handlers.js';
import { HistoryService } from './history/history-service.js';
import { HistoryStore } from './history/history-store.js';
import { inferenceHandlers } from './raw-inference/inference-handlers.js';
import { InferenceService } from './raw-inference/inference-service.js';
import { levelHandlers } from './levels/level-handlers.js';
import { LevelService } from './levels/level-service.js';
import {
  InferenceHostSupervisor,
  type InferenceHostSupervisorOptions,
} from './inference-host-supervisor/inference-host-supervisor.js';
import { modelHandlers } from './model-library/model-handlers.js';
import { dungeonHandlers } from './dungeons/dungeon-handlers.js';
import { DungeonService } from './dungeons/dungeon-service.js';
import { ModelLibrary } from './model-library/model-library.js';
import { ModelResolver } from './model-library/model-resolver.js';
import { WavRenderService } from './music/music-files/wav-render-service.js';
import { OpenInferenceService } from './open-inference/open-inference-service.js';
import { musicHandlers } from './music/music-handlers.js';
import { arrangeHandlers } from './music/arrange-handlers.js';
import { ArrangeService } from './music/arrange-service.js';
import { MusicService } from './music/music-service.js';
import { readProbeReference } from './system/probe-reference.js';
import { systemHandlers } from './system/system-handlers.js';
import { SystemService } from './system/system-service.js';
import { ServiceSettingsStore, hostEnvOf } from './system/service-settings.js';
import { TaskRunner } from './engine/task-runner.js';
import { tasteHandlers, tasteOrdered } from './taste/taste-handlers.js';
import { TasteService } from './taste/taste-service.js';

export interface MosaicCoreOptions {
  resources: AppResources;
  dataFolder: string;
  launcher: HostProcessLauncher;
  logger: Logger;
  /** Environment passed on to the inference host (MOSAIC_EP, MOSAIC_INFERENCE_DEBUG, ...). */
  env?: NodeJS.ProcessEnv;
  /** The default catalog; MOSAIC_BUNDLED_CATALOG or the app's bundled packages folder (models/packages) unless given. */
  bundledCatalogFolder?: string;
  /** The app's own catalog; MOSAIC_APP_CATALOG (empty: none) or package.json's `mosaic.modelCatalog` unless given. */
  appCatalog?: string | null;
  /**
   * Watch history.jsonl for runs other processes record (a CLI run on the same data folder) and announce them as
   * history.didChange: for long-running shells (the app, `mosaic serve`); one-shot commands read the file when asked.
   */
  followHistory?: boolean;
  /** How the inference host is restarted after crashes (tests shorten the waits or pass a manual clock). */
  hostSupervision?: Pick<
    InferenceHostSupervisorOptions,
    'maxCrashes' | 'crashWindowMs' | 'restartDelayMs' | 'backoffBaseMs' | 'maxBackoffMs' | 'clock'
  >;
}

export interface MosaicCore {
  dispatcher: ContractDispatcher;
  events: EventBus;
  /** Main's side of the inference host process: starts it, sends it requests, restarts it after a crash. */
  host: InferenceHostSupervisor;
  system: SystemService;
  library: ModelLibrary;
  resolver: ModelResolver;
  queue: GenerationQueue;
  /** The Open Inference Protocol v2 over installed models: what /v2 REST and the gRPC front door both serve. */
  openInference: OpenInferenceService;
  /** MOSAIC_HOME/settings.json: the inference backend and the app's gRPC port. */
  settings: ServiceSettingsStore;
  /** The HTTP API's bearer token (MOSAIC_HOME/api-token or MOSAIC_API_TOKEN) and address. */
  apiAccess: ApiAccessService;
  dataFolder: string;
  resources: AppResources;
  dispose(): Promise<void>;
}

export function createMosaicCore(options: MosaicCoreOptions): MosaicCore {
  const { resources, dataFolder, logger } = options;
  const env = options.env ?? process.env;
  const events = new EventBus();
  const settings: ServiceSettingsStore = new ServiceSettingsStore({
    dataFolder,
    logger,
    applyBackend: (change): Promise<void> => host.reconfigure(change),
  });
  // Settings → Inference picks the backend; MOSAIC_OIP_SERVER in the environment (scripts, tests) overrides it.
  const backendEnv = env.MOSAIC_OIP_SERVER ? {} : definedOnly(hostEnvOf(settings.get().inference));
  const host = new InferenceHostSupervisor({
    launcher: options.launcher,
    entry: resources.inferenceHostEntry,
    env: { ...env, ...backendEnv, MOSAIC_PROBE_MODEL: resources.probeModel },
    logger: logger.child('inference-host'),
    ...options.hostSupervision,
  });
  host.onDidChangeState((status) => events.emit('inference.didChangeState', status));

  const library = new ModelLibrary({
    dataFolder,
    bundledCatalogFolder: options.bundledCatalogFolder ?? env.MOSAIC_BUNDLED_CATALOG ?? resources.bundledCatalogFolder,
    appCatalog:
      options.appCatalog !== undefined
        ? options.appCatalog
        : env.MOSAIC_APP_CATALOG !== undefined
          ? env.MOSAIC_APP_CATALOG.trim() || null
          : resources.appCatalog,
    appVersion: resources.packageVersion,
    logger,
    onJob: (job) => events.emit('models.didProgressInstall', job),
    onChange: (change) => {
      resolver.invalidate();
      events.emit('models.didChange', change);
    },
  });
  const resolver = new ModelResolver(library);
  // One inference host runs one generation at a time; a few more may wait, then QUEUE_FULL.
  const queue = new GenerationQueue({ capacity: Number(env.MOSAIC_QUEUE_CAPACITY ?? 8) || 8 });
  queue.onDidChangeJob((job) => events.emit('jobs.didChange', job));
  const inference = new InferenceService(host, resolver, queue);
  const tasks = new TaskRunner(host, resolver, queue);
  const levels = new LevelService(tasks);
  const dungeons = new DungeonService(tasks);
  const wav = new WavRenderService(resources.wavWorkerEntry);
  const music = new MusicService(tasks, wav);
  const arrange = new ArrangeService(tasks, wav);

  const system = new SystemService({
    appVersion: resources.packageVersion,
    dataFolder,
    host,
    listInstalledModels: () => library.summaries(),
    probeReference: readProbeReference(resources.probeModel),
  });

  const openInference = new OpenInferenceService(host, library, resolver, resources.packageVersion);
  const apiAccess = new ApiAccessService({ dataFolder, env, logger });

  const historyFile = join(dataFolder, 'history.jsonl');
  const historyStore = new HistoryStore({
    file: historyFile,
    onExternalChange: (change) => events.emit('history.didChange', change),
  });
  const historyFollower = options.followHistory
    ? followHistoryFile({
        file: historyFile,
        refresh: () => historyStore.refresh(),
        onError: (error) => logger.warn(`history: cannot follow ${historyFile}: ${String(error)}`),
      })
    : null;
  const history = new HistoryService({
    store: historyStore,
    // Installed versions only: a pinned recipe must not quietly reinstall a removed version.
    locate: async (selector) => {
      await library.overview.show(selector.name, selector.version);
      return (await resolver.resolve(selector)).model;
    },
    onDidChange: (change) => events.emit('history.didChange', change),
    onError: (error) => logger.warn(`history: a run was not recorded: ${String(error)}`),
  });

  const taste = new TasteService({
    folder: join(dataFolder, 'taste'),
    entryById: async (id) => (await historyStore.get(id)) ?? null,
    entryByJob: async (jobId) => (await historyStore.list()).find((entry) => entry.jobId === jobId) ?? null,
  });
  const recorded = history.record({
    ...levelHandlers(levels),
    ...dungeonHandlers(dungeons),
    ...musicHandlers(music),
    ...arrangeHandlers(arrange),
  });

  // One entry per domain; the type demands a handler for every contract method.
  const handlers: MethodHandlers = {
    ...systemHandlers(system, apiAccess),
    'system.settings': async () => ({ ...settings.get(), grpcAddress: apiAccess.grpc() }),
    'system.updateSettings': async (change) => ({
      ...(await settings.update(definedOnly(change))),
      grpcAddress: apiAccess.grpc(),
    }),
    ...modelHandlers(library),
    ...inferenceHandlers(inference, queue),
    ...levelHandlers(levels),
    ...dungeonHandlers(dungeons),
    ...musicHandlers(music),
    ...arrangeHandlers(arrange),
    // Finished generations are recorded with their recipes for history.regenerate (these replace the plain ones).
    ...recorded,
    ...historyHandlers(history),
    // `order: "taste"` on the generate methods: recorded in generated order, answered best first (taste/).
    ...tasteOrdered(recorded, taste),
    ...tasteHandlers(taste),
  };

  return {
    dispatcher: new ContractDispatcher(handlers),
    events,
    host,
    system,
    library,
    resolver,
    queue,
    openInference,
    settings,
    apiAccess,
    dataFolder,
    resources,
    dispose: async () => {
      queue.cancelAll();
      historyFollower?.close();
      await historyStore.flush();
      await wav.dispose();
      await library.dispose();
      await host.dispose();
    },
  };
}

/** The entries whose value is not undefined. */
function definedOnly<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
