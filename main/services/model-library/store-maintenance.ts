// Audits the store: verify re-hashes every blob (and repairs from catalogs), gc frees what nothing uses.
import { lstat, readdir, rm, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { GcReport, VerifyReport } from '../../../contract/index.js';
import { manifestFiles } from '../../../contract/index.js';
import type { BlobDownloader } from './blob-downloader.js';
import type { CatalogRegistry } from './catalog-registry.js';
import { digestFile } from './contained-path.js';
import { FileLock, processIsAlive, type SerialLock } from './file-lock.js';
import type { InstallPins } from './install-pins.js';
import { ModelStore } from './model-store.js';
import { StoreLayout } from './store-layout.js';

type Damage = VerifyReport['damaged'][number];

export interface StoreMaintenanceOptions {
  store: ModelStore;
  registry: CatalogRegistry;
  downloader: BlobDownloader;
  pins: InstallPins;
  storeLock: SerialLock;
}

export class StoreMaintenance {
  constructor(private readonly options: StoreMaintenanceOptions) {}

  async verify(repair: boolean, signal?: AbortSignal): Promise<VerifyReport> {
    const started = performance.now();
    const { store } = this.options;
    const { layout } = store;
    const { versions, unreadable } = await store.scan();
    const users = ModelStore.references(versions);
    const sizes = new Map(versions.flatMap((s) => manifestFiles(s.manifest).map((f) => [f.sha256, f.size] as const)));
    const damaged: Damage[] = unreadable.map((u) => ({
      kind: 'manifest',
      path: u.path,
      problem: 'unreadable',
      usedBy: [],
      repaired: false,
    }));
    const names = await readdir(layout.blobs).catch(() => [] as string[]);
    const digests = new Set([...users.keys(), ...names.map(StoreLayout.digestOfBlobName).filter((d) => d !== null)]);
    let checkedBlobs = 0;
    let checkedBytes = 0;
    for (const digest of [...digests].sort()) {
      const path = layout.blobPath(digest);
      const info = await lstat(path).catch(() => null);
      const expected = sizes.get(digest);
      let problem: Damage['problem'] | null = null;
      if (!info) problem = 'missing';
      else if (!info.isFile()) problem = 'not-a-file';
      else if (expected !== undefined && info.size !== expected) problem = 'wrong-size';
      else {
        checkedBlobs += 1;
        checkedBytes += info.size;
        if ((await digestFile(path, signal)).sha256 !== digest) problem = 'corrupt';
      }
      if (problem)
        damaged.push({
          kind: 'blob',
          path: layout.describe(path),
          problem,
          usedBy: users.get(digest) ?? [],
          repaired: false,
        });
    }
    if (repair)
      for (const damage of damaged)
        if (damage.kind === 'blob') damage.repaired = await this.repair(damage, sizes, signal);
    return {
      ok: damaged.every((damage) => damage.repaired),
      checkedBlobs,
      checkedBytes,
      damaged,
      elapsedMs: performance.now() - started,
    };
  }

  /** Deletes blobs no installed version (and no live install) references, and leftovers of dead processes. */
  gc(dryRun: boolean): Promise<GcReport> {
    return this.options.storeLock.run(async () => {
      const { versions } = await this.options.store.scan();
      const freed = await this.freeBlobs(new Set(ModelStore.references(versions).keys()), { dryRun });
      const installed = new Set(versions.map((stored) => `${stored.name}@${stored.version}`));
      const removedPartials = await this.removeLeftovers(installed, dryRun);
      return { dryRun, removedBlobs: freed.digests, removedPartials, freedBytes: freed.bytes };
    });
  }

  /** Deletes unreferenced, unpinned blobs (among `only` when given); the caller holds the store lock. */
  async freeBlobs(
    referenced: ReadonlySet<string>,
    { dryRun = false, only }: { dryRun?: boolean; only?: ReadonlySet<string> } = {},
  ): Promise<{ digests: string[]; bytes: number }> {
    const { store, pins } = this.options;
    const pinned = await pins.pinned();
    const { blobs } = await store.listBlobs();
    const digests: string[] = [];
    let bytes = 0;
    for (const [digest, size] of blobs) {
      if (referenced.has(digest) || pinned.has(digest) || (only && !only.has(digest))) continue;
      if (!dryRun) await unlink(store.layout.blobPath(digest)).catch(() => undefined);
      digests.push(digest);
      bytes += size;
    }
    return { digests: digests.sort(), bytes };
  }

  /** Deletes a damaged blob and fetches it again from a catalog offering a version that uses it. */
  private async repair(damage: Damage, sizes: Map<string, number>, signal?: AbortSignal): Promise<boolean> {
    const { store, registry, downloader } = this.options;
    const digest = StoreLayout.digestOfBlobName(damage.path.split('/').pop() ?? '');
    if (!digest) return false;
    await rm(store.layout.blobPath(digest), { force: true });
    const size = sizes.get(digest);
    if (size === undefined) return true; // an unreferenced blob: deleting it is the repair
    const reads = await registry.readAll({ signal });
    for (const ref of damage.usedBy) {
      const [name, version] = ref.split('@') as [string, string];
      for (const read of reads) {
        const entry = read.index?.models[name]?.versions[version];
        if (!entry) continue;
        const file = (await store.readVersion(name, version).catch(() => null))?.manifest;
        const wanted = file && manifestFiles(file).find((f) => f.sha256 === digest);
        if (!wanted) continue;
        try {
          await downloader.ensure({ digest, size, locate: () => read.source.locateBlob(entry, wanted), signal });
          return true;
        } catch {
          // try the next catalog
        }
      }
    }
    return false;
  }

  /** Partial downloads nobody holds a lock on, views of removed versions, temp files of processes that are gone;
   * a dry run counts them and deletes nothing. */
  private async removeLeftovers(installed: ReadonlySet<string>, dryRun: boolean): Promise<number> {
    const { layout } = this.options.store;
    let removed = 0;
    for (const entry of await readdir(layout.downloads).catch(() => [] as string[])) {
      const match = /^(sha256-[a-f0-9]{64})\.partial$/.exec(entry);
      if (!match) continue;
      const lockPath = join(layout.downloads, `${match[1]}.lock`);
      let lock: FileLock;
      try {
        lock = await FileLock.acquire(lockPath, { signal: AbortSignal.timeout(200) });
      } catch {
        continue; // a live download holds it
      }
      if (!dryRun) {
        await rm(join(layout.downloads, entry), { force: true });
        await rm(join(layout.downloads, `${match[1]}.progress.json`), { force: true });
      }
      await lock.release();
      removed += 1;
    }
    for (const name of await readdir(layout.views).catch(() => [] as string[])) {
      for (const version of await readdir(join(layout.views, name)).catch(() => [] as string[])) {
        if (installed.has(`${name}@${version}`)) continue;
        if (!dryRun) await rm(join(layout.views, name, version), { recursive: true, force: true });
        removed += 1;
      }
      if (!dryRun) await rmdir(join(layout.views, name)).catch(() => undefined);
    }
    for (const folder of [layout.temp, layout.root, layout.blobs, layout.downloads, layout.views]) {
      removed += await removeDeadTemps(folder, dryRun);
    }
    for (const name of await readdir(layout.manifests).catch(() => [] as string[])) {
      for (const version of await readdir(join(layout.manifests, name)).catch(() => [] as string[])) {
        const folder = join(layout.manifests, name, version);
        removed += await removeDeadTemps(folder, dryRun);
        if (!dryRun) await rmdir(folder).catch(() => undefined); // only succeeds when a crash left it empty
      }
      if (!dryRun) await rmdir(join(layout.manifests, name)).catch(() => undefined);
    }
    return removed;
  }
}

/** Removes (or, in a dry run, counts) `*.tmp-<pid>-<hex>` files whose writer process is gone. */
async function removeDeadTemps(folder: string, dryRun: boolean): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(folder).catch(() => [] as string[])) {
    const pid = /\.tmp-(\d+)-[0-9a-f]+$/.exec(entry)?.[1] ?? /^(\d+)-[0-9a-f]+\.tmp$/.exec(entry)?.[1];
    if (pid === undefined || processIsAlive(Number(pid))) continue;
    if (!dryRun) await rm(join(folder, entry), { force: true, recursive: true });
    removed += 1;
  }
  return removed;
}
