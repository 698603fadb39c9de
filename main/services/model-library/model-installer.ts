// Runs an install: resolve in the catalogs, fetch and check the manifest, put every blob in place, commit, activate.
import type { ManifestFile, ModelManifest } from '../../../contract/index.js';
import { MosaicError, manifestFiles, toErrorPayload } from '../../../contract/index.js';
import type { ActivationLog } from './activation-log.js';
import type { BlobDownloader } from './blob-downloader.js';
import type { CatalogRegistry } from './catalog-registry.js';
import type { BlobLocator } from './catalog-source.js';
import type { SerialLock } from './file-lock.js';
import { checkFreeSpace, statfsFreeSpace, type FreeSpaceProbe } from './free-space.js';
import type { InstallJobRecord } from './install-job.js';
import type { InstallPins } from './install-pins.js';
import { readManifest } from './manifest-reader.js';
import type { ModelStore } from './model-store.js';
import { resolveVersion, type ResolvedVersion, type VersionQuery } from './version-resolver.js';

export interface ModelInstallerOptions {
  appVersion: string;
  store: ModelStore;
  registry: CatalogRegistry;
  downloader: BlobDownloader;
  activations: ActivationLog;
  pins: InstallPins;
  storeLock: SerialLock;
  /** Reads the free space of the store's disk (statfs unless a test injects one). */
  freeSpace?: FreeSpaceProbe;
}

export class ModelInstaller {
  constructor(private readonly options: ModelInstallerOptions) {}

  /** Runs the job to its end; never throws (the job records the failure). */
  async run(job: InstallJobRecord, query: VersionQuery, activate: boolean, signal: AbortSignal): Promise<void> {
    try {
      if (query.version && (await this.alreadyInstalled(job, query.name, query.version))) {
        job.installed(activate ? await this.activateIfNeeded(query.name, query.version, 'install') : false);
        return;
      }
      const { resolved, manifest, raw } = await this.readOffer(query, signal, (version, catalogId) =>
        job.target(version, catalogId),
      );
      const { source } = resolved.read;
      await this.putVersion(job, manifest, raw, (file) => source.locateBlob(resolved.entry, file), signal);
      const activated = activate ? await this.activateIfNeeded(manifest.name, manifest.version, 'install') : false;
      job.installed(activated);
    } catch (error) {
      job.failed(signal.aborted ? { code: 'CANCELLED', message: 'The install was cancelled.' } : toErrorPayload(error));
    }
  }

  /** The manifest a catalog offers for the query (validated, and checked to be the version it is listed as). */
  async readOffer(
    query: VersionQuery,
    signal?: AbortSignal,
    onResolved?: (version: string, catalogId: string) => void,
  ): Promise<{ resolved: ResolvedVersion; manifest: ModelManifest; raw: Uint8Array }> {
    const { appVersion, registry } = this.options;
    const resolved = resolveVersion(await registry.readAll({ signal }), query, appVersion);
    onResolved?.(resolved.version, resolved.read.catalog.id);
    const raw = await resolved.read.source.readManifest(resolved.entry, signal);
    const manifest = readManifest(raw, appVersion, `${resolved.read.catalog.id}:${resolved.entry.manifest}`);
    if (manifest.name !== query.name || manifest.version !== resolved.version) {
      throw new MosaicError(
        'INVALID_MANIFEST',
        `Catalog ${resolved.read.catalog.id} lists ${query.name}@${resolved.version} but serves a manifest for ${manifest.name}@${manifest.version}.`,
      );
    }
    return { resolved, manifest, raw };
  }

  /** Blobs first (each verified), then the manifest: the version exists whole or not at all. */
  async putVersion(
    job: InstallJobRecord,
    manifest: ModelManifest,
    raw: Uint8Array,
    locate: (file: ManifestFile) => Promise<BlobLocator>,
    signal: AbortSignal,
  ): Promise<void> {
    const { store, downloader, pins, storeLock } = this.options;
    await store.ensureWritable();
    const existing = await store.readVersion(manifest.name, manifest.version).catch(() => null);
    if (existing && Buffer.compare(Buffer.from(existing.raw), Buffer.from(raw)) !== 0) {
      throw new MosaicError(
        'INTEGRITY_ERROR',
        `${manifest.name}@${manifest.version} is installed with a different manifest; a version never changes. Remove it first to replace it.`,
      );
    }
    const files = uniqueByDigest(manifestFiles(manifest));
    job.startDownloading(files.reduce((sum, file) => sum + file.size, 0));
    const unpin = await pins.pin(files.map((file) => file.sha256));
    try {
      await this.checkFreeSpace(files);
      // Every source is located (and checked: no link out of a package folder) before a byte is written.
      const locators = await Promise.all(files.map((file) => locate(file)));
      for (const [index, file] of files.entries()) {
        job.fileStarted(file.path);
        await downloader.ensure({
          digest: file.sha256,
          size: file.size,
          locate: async () => locators[index]!,
          signal,
          onProgress: (progress) => job.fileProgress(progress.bytes, progress.received),
        });
        job.fileDone(file.size);
      }
      if (signal.aborted) throw new MosaicError('CANCELLED', 'The install was cancelled.');
      job.verifying();
      await storeLock.run(() => store.commitVersion(manifest, raw));
    } finally {
      await unpin();
    }
  }

  /** An exact version already in the store, whole: nothing to fetch, so no catalog is needed (works offline). */
  private async alreadyInstalled(job: InstallJobRecord, name: string, version: string): Promise<boolean> {
    const { store } = this.options;
    const stored = await store.readVersion(name, version).catch(() => null);
    if (!stored) return false;
    const files = uniqueByDigest(manifestFiles(stored.manifest));
    for (const file of files) if (!(await store.hasBlob(file.sha256, file.size))) return false;
    job.target(version, null);
    job.startDownloading(files.reduce((sum, file) => sum + file.size, 0));
    for (const file of files) job.fileDone(file.size);
    job.verifying();
    return true;
  }

  async activateIfNeeded(name: string, version: string, reason: string): Promise<boolean> {
    const { activations, storeLock } = this.options;
    return storeLock.run(async () => {
      if ((await activations.active())[name] === version) return false;
      await activations.record(name, version, reason);
      return true;
    });
  }

  private async checkFreeSpace(files: readonly ManifestFile[]): Promise<void> {
    const { store } = this.options;
    let missing = 0;
    for (const file of files) if (!(await store.hasBlob(file.sha256, file.size))) missing += file.size;
    await checkFreeSpace(store.layout.root, missing, this.options.freeSpace ?? statfsFreeSpace);
  }
}

function uniqueByDigest(files: readonly ManifestFile[]): ManifestFile[] {
  const seen = new Set<string>();
  return files.filter((file) => (seen.has(file.sha256) ? false : (seen.add(file.sha256), true)));
}
