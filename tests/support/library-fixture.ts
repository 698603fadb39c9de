// A throwaway world for model library tests: MOSAIC_HOME, a published catalog served on loopback, and libraries on it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstallJob, LibraryChange } from '../../contract/index.js';
import { CatalogPublisher } from '../../main/services/model-library/catalog-publisher.js';
import { ModelLibrary, type ModelLibraryOptions } from '../../main/services/model-library/model-library.js';
import { CatalogServer } from './catalog-server.js';
import { writePackage, type PackageSpec } from './model-packages.js';

export interface LibraryFixture {
  root: string;
  /** MOSAIC_HOME of the libraries made here. */
  home: string;
  /** Where package folders are written. */
  packages: string;
  /** The published catalog the server serves. */
  catalog: string;
  /** The libraries' bundled catalog folder (absent until something is put there). */
  bundled: string;
  server: CatalogServer;
  jobs: InstallJob[];
  changes: LibraryChange[];
  /** Resolves with the first job event (from now on) that matches. */
  nextJob(matches: (job: InstallJob) => boolean): Promise<InstallJob>;
  /** A library on `home` with the served catalog added as "test" (fast retries, no catalog cache). */
  library(options?: Partial<ModelLibraryOptions>): Promise<ModelLibrary>;
  /** Writes a package folder and publishes it into the served catalog. */
  publish(spec: PackageSpec): Promise<{ folder: string }>;
  dispose(): Promise<void>;
}

export async function createLibraryFixture(): Promise<LibraryFixture> {
  const root = await mkdtemp(join(tmpdir(), 'mosaic-library-'));
  const home = join(root, 'home');
  const packages = join(root, 'packages');
  const catalog = join(root, 'catalog');
  await mkdir(packages);
  await mkdir(catalog);
  const server = new CatalogServer(catalog);
  await server.listen();
  const jobs: InstallJob[] = [];
  const changes: LibraryChange[] = [];
  const libraries: ModelLibrary[] = [];
  const publisher = new CatalogPublisher();
  let catalogAdded = false;
  const waiting = new Set<{ matches: (job: InstallJob) => boolean; resolve: (job: InstallJob) => void }>();
  const onJob = (job: InstallJob): void => {
    jobs.push(job);
    for (const waiter of waiting) {
      if (!waiter.matches(job)) continue;
      waiting.delete(waiter);
      waiter.resolve(job);
    }
  };

  return {
    root,
    home,
    packages,
    catalog,
    bundled: join(root, 'bundled'),
    server,
    jobs,
    changes,
    nextJob: (matches) => new Promise((resolve) => waiting.add({ matches, resolve })),
    async library(options = {}) {
      const library = new ModelLibrary({
        dataFolder: home,
        bundledCatalogFolder: join(root, 'bundled'),
        appVersion: '0.1.0',
        onJob,
        onChange: (change) => changes.push(change),
        download: { retryDelayMs: 5, persistEveryMs: 20 },
        catalogCacheMs: 0,
        ...options,
      });
      libraries.push(library);
      if (!catalogAdded) {
        await library.addCatalog(server.url, { id: 'test' });
        catalogAdded = true;
      }
      return library;
    },
    async publish(spec) {
      const pkg = await writePackage(packages, spec);
      await publisher.publish(pkg.folder, catalog);
      return pkg;
    },
    async dispose() {
      for (const library of libraries) await library.dispose();
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
