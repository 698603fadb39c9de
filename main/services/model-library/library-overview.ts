// Read-only views of the library: installed models with updates, one version in detail, disk use, catalog contents.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogStatus, DiskUsage, InstalledModel, ModelDetail, ModelList } from '../../../contract/index.js';
import { MosaicError, manifestFiles } from '../../../contract/index.js';
import { newestFirst } from '../../../common/semantic-version.js';
import type { ActivationLog } from './activation-log.js';
import type { CatalogRegistry } from './catalog-registry.js';
import { isCompatible } from './manifest-reader.js';
import { ModelStore, type StoredVersion } from './model-store.js';
import type { PackageViews } from './package-views.js';
import { findUpdate } from './version-resolver.js';

/** How long a view waits for one catalog before showing it as unreachable, in milliseconds. */
const viewTimeoutMs = 5_000;

export class LibraryOverview {
  constructor(
    private readonly store: ModelStore,
    private readonly activations: ActivationLog,
    private readonly registry: CatalogRegistry,
    private readonly views: PackageViews,
    private readonly appVersion: string,
  ) {}

  async list(): Promise<ModelList> {
    const { versions } = await this.store.scan();
    const active = await this.activations.active();
    const reads = versions.length > 0 ? await this.registry.readAll({ timeoutMs: viewTimeoutMs }) : [];
    const byName = groupByName(versions);
    const models: InstalledModel[] = [];
    for (const [name, stored] of byName) {
      const ordered = newestFirst(stored.map((s) => s.version)).map((v) => stored.find((s) => s.version === v)!);
      models.push({
        name,
        activeVersion: active[name] && stored.some((s) => s.version === active[name]) ? active[name] : null,
        versions: ordered.map((s) => ({
          version: s.version,
          task: s.manifest.task,
          precision: s.manifest.precision,
          sizeBytes: manifestFiles(s.manifest).reduce((sum, file) => sum + file.size, 0),
          fileCount: manifestFiles(s.manifest).length,
          licence: s.manifest.licence,
          commercialUse: s.manifest.commercialUse,
          installedAt: s.installedAt.toISOString(),
          active: active[name] === s.version,
        })),
        diskBytes: uniqueBytes(stored),
        update: findUpdate(reads, name, ordered[0]!.version, this.appVersion),
      });
    }
    return { models, totalBytes: uniqueBytes(versions) };
  }

  async show(name: string, version?: string): Promise<ModelDetail> {
    const active = (await this.activations.active())[name];
    const wanted = version ?? active ?? (await this.refuseNoActive(name));
    const stored = await this.store.readVersion(name, wanted);
    if (!stored) throw new MosaicError('MODEL_NOT_FOUND', `${name}@${wanted} is not installed.`);
    const files = [];
    for (const file of manifestFiles(stored.manifest)) {
      files.push({ ...file, blobPath: await this.store.blobPathChecked(file.sha256) });
    }
    return {
      name,
      version: wanted,
      active: active === wanted,
      installedAt: stored.installedAt.toISOString(),
      manifest: stored.manifest,
      folder: await this.views.folderOf(stored),
      files,
    };
  }

  /** NO_ACTIVE_VERSION naming the installed versions and how to choose one; MODEL_NOT_FOUND when none is installed. */
  private async refuseNoActive(name: string): Promise<never> {
    const { versions } = await this.store.scan();
    const installed = newestFirst(versions.filter((stored) => stored.name === name).map((stored) => stored.version));
    if (installed.length === 0) throw new MosaicError('MODEL_NOT_FOUND', `${name} is not installed.`);
    throw new MosaicError(
      'NO_ACTIVE_VERSION',
      `${name} has no active version; installed: ${installed.join(', ')}. Activate one (mosaic models use ${name}@${installed[0]}, or Activate in the Models workspace) or name a version.`,
      { name, installedVersions: installed },
    );
  }

  async usage(): Promise<DiskUsage> {
    const { versions } = await this.store.scan();
    const { blobs } = await this.store.listBlobs();
    const users = ModelStore.references(versions);
    const sizeOf = (digest: string): number => blobs.get(digest) ?? 0;
    const models = [...groupByName(versions)].map(([name, stored]) => {
      const digests = new Set(stored.flatMap((s) => manifestFiles(s.manifest).map((file) => file.sha256)));
      return {
        name,
        bytes: [...digests].reduce((sum, digest) => sum + sizeOf(digest), 0),
        versions: newestFirst(stored.map((s) => s.version)).map((version) => {
          const own = new Set(manifestFiles(stored.find((s) => s.version === version)!.manifest).map((f) => f.sha256));
          const ref = `${name}@${version}`;
          return {
            version,
            bytes: [...own].reduce((sum, digest) => sum + sizeOf(digest), 0),
            exclusiveBytes: [...own]
              .filter((digest) => users.get(digest)?.every((user) => user === ref))
              .reduce((sum, digest) => sum + sizeOf(digest), 0),
          };
        }),
      };
    });
    const blobBytes = [...blobs.values()].reduce((sum, size) => sum + size, 0);
    const unreferencedBytes = [...blobs]
      .filter(([digest]) => !users.has(digest))
      .reduce((sum, [, size]) => sum + size, 0);
    const partialBytes = await folderBytes(this.store.layout.downloads, '.partial');
    return { totalBytes: blobBytes + partialBytes, blobBytes, partialBytes, unreferencedBytes, models };
  }

  async catalogs(): Promise<CatalogStatus[]> {
    const { versions } = await this.store.scan();
    const installed = new Set(versions.map((s) => `${s.name}@${s.version}`));
    const reads = await this.registry.readAll({ fresh: true, timeoutMs: viewTimeoutMs });
    return reads.map(({ catalog, index, error }) => {
      const models = Object.entries(index?.models ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, { versions: offered }]) => {
          const ordered = newestFirst(Object.keys(offered));
          return {
            name,
            task: offered[ordered[0]!]!.task,
            versions: ordered.map((version) => {
              const entry = offered[version]!;
              return {
                version,
                publishedAt: entry.publishedAt,
                sizeBytes: entry.sizeBytes,
                minAppVersion: entry.minAppVersion,
                compatible: isCompatible(entry.minAppVersion, this.appVersion),
                installed: installed.has(`${name}@${version}`),
              };
            }),
          };
        })
        .filter((model) => model.versions.length > 0);
      const status = error ? 'unreachable' : models.length === 0 ? 'empty' : 'ok';
      return { ...catalog, status, error, models };
    });
  }
}

function groupByName(versions: readonly StoredVersion[]): Map<string, StoredVersion[]> {
  const groups = new Map<string, StoredVersion[]>();
  for (const stored of versions) groups.set(stored.name, [...(groups.get(stored.name) ?? []), stored]);
  return groups;
}

function uniqueBytes(versions: readonly StoredVersion[]): number {
  const sizes = new Map<string, number>();
  for (const stored of versions) for (const file of manifestFiles(stored.manifest)) sizes.set(file.sha256, file.size);
  return [...sizes.values()].reduce((sum, size) => sum + size, 0);
}

async function folderBytes(folder: string, suffix: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder).catch(() => [] as string[])) {
    if (entry.endsWith(suffix)) total += (await stat(join(folder, entry)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
