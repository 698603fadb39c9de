// The model library: one object over the store, catalogs, install jobs, activation history, audits and bundles.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type {
  ActivationEntry,
  ActivationResult,
  CatalogStatus,
  ImportResult,
  InstallJob,
  LibraryChange,
  ModelManifest,
  RemoveResult,
} from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import type { Logger } from '../../platform/logger.js';
import { silentLogger } from '../../platform/logger.js';
import { ActivationLog } from './activation-log.js';
import { RemovalLog } from './removal-log.js';
import { BlobDownloader } from './blob-downloader.js';
import { BundleArchive } from './bundle-archive.js';
import { CatalogPublisher } from './catalog-publisher.js';
import { CatalogRegistry } from './catalog-registry.js';
import { SerialLock } from './file-lock.js';
import type { FreeSpaceProbe } from './free-space.js';
import { NodeHttpTransport, type HttpTransport } from './http-transport.js';
import { InstallJobRecord } from './install-job.js';
import { InstallPins } from './install-pins.js';
import { LibraryOverview } from './library-overview.js';
import { ModelInstaller } from './model-installer.js';
import { ModelStore } from './model-store.js';
import { ModelVersions } from './model-versions.js';
import { NetworkPolicy } from './network-policy.js';
import { PackageViews } from './package-views.js';
import { StoreLayout } from './store-layout.js';
import { StoreMaintenance } from './store-maintenance.js';

export interface ModelLibraryOptions {
  /** MOSAIC_HOME: the store goes in `models/`, the catalog list in `catalogs.json`. */
  dataFolder: string;
  /** The bundled packages folder, the default catalog (absent or empty is fine). */
  bundledCatalogFolder: string;
  /** The app's own catalog (an http(s) URL or an absolute folder), listed beside the bundled one; null for none. */
  appCatalog?: string | null;
  appVersion: string;
  /** A transport in place of node:http; it is handed the network policy it must apply. */
  transport?: (policy: NetworkPolicy) => HttpTransport;
  now?: () => Date;
  logger?: Logger;
  onJob?: (job: InstallJob) => void;
  onChange?: (change: LibraryChange) => void;
  download?: { retries?: number; retryDelayMs?: number; idleTimeoutMs?: number; persistEveryMs?: number };
  catalogCacheMs?: number;
  /** Install jobs allowed to run at once; one more is refused with QUEUE_FULL. */
  maxRunningJobs?: number;
  /** Reads the store disk's free space before an install (statfs unless a test injects one). */
  freeSpace?: FreeSpaceProbe;
}

interface RunningJob {
  record: InstallJobRecord;
  controller: AbortController;
  done: Promise<void>;
}

export class ModelLibrary {
  readonly store: ModelStore;
  readonly overview: LibraryOverview;
  readonly maintenance: StoreMaintenance;
  readonly bundles: BundleArchive;
  readonly publisher: CatalogPublisher;
  readonly versions: ModelVersions;
  private readonly registry: CatalogRegistry;
  private readonly activations: ActivationLog;
  private readonly installer: ModelInstaller;
  private readonly storeLock: SerialLock;
  private readonly jobs = new Map<string, RunningJob>();

  constructor(private readonly options: ModelLibraryOptions) {
    const layout = new StoreLayout(join(options.dataFolder, 'models'));
    const logger = (options.logger ?? silentLogger).child('model-library');
    this.store = new ModelStore(layout);
    this.storeLock = new SerialLock(layout.storeLock);
    this.activations = new ActivationLog(layout, options.now);
    const policy = new NetworkPolicy(() => this.registry.allowedHttpHosts());
    const transport =
      options.transport?.(policy) ??
      new NodeHttpTransport({
        policy,
        idleTimeoutMs: options.download?.idleTimeoutMs,
        userAgent: `MosaicStudio/${options.appVersion}`,
      });
    this.registry = new CatalogRegistry({
      settingsFile: join(options.dataFolder, 'catalogs.json'),
      bundledFolder: options.bundledCatalogFolder,
      appCatalog: options.appCatalog,
      transport,
      policy,
      now: options.now,
      cacheMs: options.catalogCacheMs,
      onSkippedPackage: (folder, reason) => logger.warn('skipped an invalid package', { folder, reason }),
    });
    const pins = new InstallPins(layout);
    const downloader = new BlobDownloader({ store: this.store, transport, ...options.download });
    this.installer = new ModelInstaller({
      appVersion: options.appVersion,
      store: this.store,
      registry: this.registry,
      downloader,
      activations: this.activations,
      pins,
      storeLock: this.storeLock,
      freeSpace: options.freeSpace,
    });
    const views = new PackageViews(this.store);
    this.overview = new LibraryOverview(this.store, this.activations, this.registry, views, options.appVersion);
    this.maintenance = new StoreMaintenance({
      store: this.store,
      registry: this.registry,
      downloader,
      pins,
      storeLock: this.storeLock,
    });
    const removals = new RemovalLog(layout, options.now);
    this.versions = new ModelVersions(this.store, this.activations, this.maintenance, views, this.storeLock, removals);
    this.bundles = new BundleArchive(this.store, pins, this.storeLock, options.appVersion);
    this.publisher = new CatalogPublisher(options.now);
  }

  /** The manifest of a version a catalog offers, read without installing it: its card before the download. */
  async preview(
    query: { name: string; version?: string; catalogId?: string },
    signal?: AbortSignal,
  ): Promise<{ catalogId: string; manifest: ModelManifest }> {
    const { resolved, manifest } = await this.installer.readOffer(query, signal);
    return { catalogId: resolved.read.catalog.id, manifest };
  }

  /** Starts an install job; with `wait`, resolves when it is installed and rejects with its error otherwise. */
  async install(
    request: { name: string; version?: string; catalogId?: string; activate?: boolean; wait?: boolean },
    signal?: AbortSignal,
  ): Promise<InstallJob> {
    const running = [...this.jobs.values()].filter((job) => !job.record.finished).length;
    if (running >= (this.options.maxRunningJobs ?? 4)) {
      throw new MosaicError('QUEUE_FULL', `${running} installs are running; wait for one to finish.`);
    }
    const jobId = randomBytes(6).toString('hex');
    const requested = request.version ? `${request.name}@${request.version}` : request.name;
    const record = new InstallJobRecord(
      jobId,
      requested,
      request.name,
      (job) => this.options.onJob?.(job),
      this.options.now,
    );
    const controller = new AbortController();
    const query = { name: request.name, version: request.version, catalogId: request.catalogId };
    const done = this.installer.run(record, query, request.activate ?? true, controller.signal).then(() => {
      if (record.snapshot().state === 'installed') this.changed(request.name, 'installed');
    });
    this.jobs.set(jobId, { record, controller, done });
    this.forgetOldJobs();
    if (!request.wait) return record.snapshot();
    const cancel = (): void => controller.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      await done;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    const final = record.snapshot();
    if (final.state === 'failed') throw MosaicError.from(final.error);
    if (final.state === 'cancelled') throw new MosaicError('CANCELLED', `The install of ${requested} was cancelled.`);
    return final;
  }

  jobList(): InstallJob[] {
    return [...this.jobs.values()].map((job) => job.record.snapshot()).reverse();
  }

  async cancelInstall(jobId: string): Promise<InstallJob> {
    const job = this.jobs.get(jobId);
    if (!job) throw new MosaicError('NOT_FOUND', `There is no install job ${jobId}.`);
    job.controller.abort();
    await job.done;
    return job.record.snapshot();
  }

  async activate(name: string, version: string, reason = 'activate'): Promise<ActivationResult> {
    const result = await this.versions.activate(name, version, reason);
    this.changed(name, 'activated');
    return result;
  }

  async rollback(name: string, reason?: string): Promise<ActivationResult> {
    const result = await this.versions.rollback(name, reason);
    this.changed(name, 'activated');
    return result;
  }

  async remove(name: string, version: string, force = false): Promise<RemoveResult> {
    const result = await this.versions.remove(name, version, force);
    this.changed(name, 'removed');
    return result;
  }

  history(name?: string): Promise<ActivationEntry[]> {
    return this.activations.entries(name);
  }

  catalogs(): Promise<CatalogStatus[]> {
    return this.overview.catalogs();
  }

  async addCatalog(location: string, options: { id?: string; allowHttp?: boolean }): Promise<CatalogStatus> {
    const added = await this.registry.add(location, options);
    this.changed(null, 'catalogs');
    const status = (await this.overview.catalogs()).find((catalog) => catalog.id === added.id);
    if (!status) throw new MosaicError('INTERNAL', `Catalog ${added.id} vanished after it was added.`);
    return status;
  }

  async removeCatalog(id: string): Promise<boolean> {
    const removed = await this.registry.remove(id);
    this.changed(null, 'catalogs');
    return removed;
  }

  async import(file: string, activate: boolean): Promise<ImportResult> {
    const { manifest, writtenBytes } = await this.bundles.import(file);
    const activated = activate
      ? await this.installer.activateIfNeeded(manifest.name, manifest.version, 'import')
      : false;
    this.changed(manifest.name, 'imported');
    return { name: manifest.name, version: manifest.version, activated, writtenBytes };
  }

  /** name, version, task and whether active, for `mosaic doctor`. */
  summaries(): ReturnType<ModelVersions['summaries']> {
    return this.versions.summaries();
  }

  /** Cancels running installs and waits for them to stop. */
  async dispose(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.all([...this.jobs.values()].map((job) => job.done));
  }

  changed(name: string | null, change: LibraryChange['change']): void {
    this.options.onChange?.({ name, change });
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs].filter(([, job]) => job.record.finished);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - 50))) this.jobs.delete(id);
  }
}
