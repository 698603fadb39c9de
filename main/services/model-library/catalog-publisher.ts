// `mosaic models publish`: copies a checked package into a catalog folder (blobs by digest) and updates catalog.json.
import { copyFile, lstat, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogIndex, PublishResult } from '../../../contract/index.js';
import { MosaicError, manifestFiles } from '../../../contract/index.js';
import { emptyIndex, parseIndex } from './catalog-source.js';
import { digestFile } from './contained-path.js';
import { renameDurable, tempSiblingOf, writeFileAtomic } from './durable-files.js';
import { SerialLock } from './file-lock.js';
import { packageFilePath, readPackageFolder, verifyPackageFiles } from './package-folder.js';
import { isMissing, writingStore } from './store-errors.js';

export class CatalogPublisher {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Blobs first, then the manifest, then catalog.json: a reader never sees an entry whose files are missing. */
  async publish(packageFolder: string, catalogFolder: string, force = false): Promise<PublishResult> {
    const pkg = await readPackageFolder(packageFolder, null);
    await verifyPackageFiles(pkg);
    const { manifest } = pkg;
    await writingStore(catalogFolder, () => mkdir(catalogFolder, { recursive: true }));
    const lock = new SerialLock(join(catalogFolder, '.publish.lock'));
    return lock.run(async () => {
      const index = await this.readIndex(catalogFolder);
      if (/^https?:/.test(index.blobBase)) {
        throw new MosaicError(
          'BAD_REQUEST',
          `This catalog keeps its blobs at ${index.blobBase}; publish into their folder.`,
        );
      }
      const published = index.models[manifest.name]?.versions[manifest.version];
      if (published && published.manifestSha256 !== pkg.manifestSha256 && !force) {
        throw new MosaicError(
          'BAD_REQUEST',
          `${manifest.name}@${manifest.version} is already published with a different manifest; publish a new version (or use force).`,
        );
      }
      const blobFolder = join(catalogFolder, ...index.blobBase.split('/').filter(Boolean));
      let copiedBlobs = 0;
      let reusedBlobs = 0;
      let copiedBytes = 0;
      const seen = new Set<string>();
      await writingStore(catalogFolder, async () => {
        await mkdir(blobFolder, { recursive: true });
        for (const file of manifestFiles(manifest)) {
          if (seen.has(file.sha256)) continue;
          seen.add(file.sha256);
          const target = join(blobFolder, `sha256-${file.sha256}`);
          const existing = await lstat(target).catch(() => null);
          if (existing?.isFile() && existing.size === file.size) {
            reusedBlobs += 1;
            continue;
          }
          const temp = tempSiblingOf(target);
          await copyFile(await packageFilePath(pkg, file), temp);
          if ((await digestFile(temp)).sha256 !== file.sha256) {
            await rm(temp, { force: true });
            throw new MosaicError('INTEGRITY_ERROR', `${file.path} changed while it was being published.`);
          }
          await renameDurable(temp, target);
          copiedBlobs += 1;
          copiedBytes += file.size;
        }
        const manifestPath = `manifests/${manifest.name}/${manifest.version}/manifest.json`;
        await mkdir(join(catalogFolder, 'manifests', manifest.name, manifest.version), { recursive: true });
        await writeFileAtomic(join(catalogFolder, ...manifestPath.split('/')), pkg.raw);
        const versions = (index.models[manifest.name] ??= { versions: {} }).versions;
        versions[manifest.version] = {
          manifest: manifestPath,
          manifestSha256: pkg.manifestSha256,
          task: manifest.task,
          sizeBytes: manifestFiles(manifest).reduce((sum, file) => sum + file.size, 0),
          minAppVersion: manifest.minAppVersion,
          publishedAt: this.now().toISOString(),
        };
        index.updatedAt = this.now().toISOString();
        await writeFileAtomic(join(catalogFolder, 'catalog.json'), `${JSON.stringify(sortIndex(index), null, 2)}\n`);
      });
      return { name: manifest.name, version: manifest.version, catalogFolder, copiedBlobs, reusedBlobs, copiedBytes };
    });
  }

  private async readIndex(catalogFolder: string): Promise<CatalogIndex> {
    const path = join(catalogFolder, 'catalog.json');
    try {
      return parseIndex(await readFile(path), path);
    } catch (error) {
      if (isMissing(error)) return emptyIndex(this.now());
      throw error;
    }
  }
}

/** Models and versions in a stable order, so a catalog under version control diffs cleanly. */
function sortIndex(index: CatalogIndex): CatalogIndex {
  const models = Object.fromEntries(
    Object.entries(index.models)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { versions }]) => [
        name,
        { versions: Object.fromEntries(Object.entries(versions).sort(([a], [b]) => a.localeCompare(b))) },
      ]),
  );
  return { ...index, models };
}
