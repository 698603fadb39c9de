// A catalog in a folder: a published one (catalog.json + manifests + blobs) or a plain folder of package folders.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CatalogIndex, CatalogVersion, ManifestFile } from '../../../contract/index.js';
import { MosaicError, manifestFiles, maxCatalogBytes, maxManifestBytes } from '../../../contract/index.js';
import type { BlobLocator, CatalogSource } from './catalog-source.js';
import { emptyIndex, parseIndex } from './catalog-source.js';
import { resolveInside } from './contained-path.js';
import { readPackageFolder } from './package-folder.js';
import { isMissing } from './store-errors.js';

export class FolderCatalogSource implements CatalogSource {
  readonly kind = 'folder';
  /** Known once the index is read: scanned package folders keep their blobs as the packages' own files. */
  private mode: { scanned: boolean; blobBase: string } | null = null;

  constructor(
    readonly location: string,
    private readonly now: () => Date = () => new Date(),
    private readonly onSkippedPackage: (folder: string, reason: string) => void = () => undefined,
  ) {}

  async readIndex(): Promise<CatalogIndex> {
    let bytes: Buffer;
    try {
      bytes = await readFile(await resolveInside(this.location, 'catalog.json'));
    } catch (error) {
      if (!(error instanceof MosaicError && error.code === 'MODEL_NOT_FOUND') && !isMissing(error)) throw error;
      this.mode = { scanned: true, blobBase: '' };
      return this.scanPackages();
    }
    if (bytes.length > maxCatalogBytes)
      throw new MosaicError('INVALID_MANIFEST', `${this.location}/catalog.json is too large.`);
    const index = parseIndex(bytes, join(this.location, 'catalog.json'));
    this.mode = { scanned: false, blobBase: index.blobBase };
    return index;
  }

  async readManifest(entry: CatalogVersion): Promise<Uint8Array> {
    if (/^https?:/.test(entry.manifest)) {
      throw new MosaicError(
        'INVALID_MANIFEST',
        `A folder catalog names manifests by relative path, not ${entry.manifest}.`,
      );
    }
    const bytes = await readFile(await resolveInside(this.location, entry.manifest));
    if (bytes.length > maxManifestBytes) throw new MosaicError('INVALID_MANIFEST', `${entry.manifest} is too large.`);
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== entry.manifestSha256) {
      throw new MosaicError('INTEGRITY_ERROR', `${entry.manifest} does not match the digest in the catalog.`);
    }
    return bytes;
  }

  async locateBlob(entry: CatalogVersion, file: ManifestFile): Promise<BlobLocator> {
    if (!this.mode) await this.readIndex();
    const { scanned, blobBase } = this.mode!;
    if (scanned)
      return { kind: 'file', path: await resolveInside(this.location, `${dirname(entry.manifest)}/${file.path}`) };
    if (/^https?:/.test(blobBase)) return { kind: 'url', url: new URL(`sha256-${file.sha256}`, blobBase).href };
    return { kind: 'file', path: await resolveInside(this.location, `${blobBase}sha256-${file.sha256}`) };
  }

  /** An index over `<pkg>/manifest.json` and `<name>/<version>/manifest.json` folders; invalid packages are skipped. */
  private async scanPackages(): Promise<CatalogIndex> {
    const index = emptyIndex(this.now());
    for (const candidate of await this.candidateFolders()) {
      try {
        const pkg = await readPackageFolder(join(this.location, ...candidate.split('/')), null);
        const { manifest } = pkg;
        const versions = (index.models[manifest.name] ??= { versions: {} }).versions;
        if (versions[manifest.version]) continue;
        versions[manifest.version] = {
          manifest: `${candidate}/manifest.json`,
          manifestSha256: pkg.manifestSha256,
          task: manifest.task,
          sizeBytes: manifestFiles(manifest).reduce((sum, file) => sum + file.size, 0),
          minAppVersion: manifest.minAppVersion,
          publishedAt: manifest.createdAt,
        };
      } catch (error) {
        this.onSkippedPackage(candidate, error instanceof Error ? error.message : String(error));
      }
    }
    return index;
  }

  private async candidateFolders(): Promise<string[]> {
    const found: string[] = [];
    const top = await readdir(this.location, { withFileTypes: true }).catch(() => []);
    for (const entry of top.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const inner = await readdir(join(this.location, entry.name), { withFileTypes: true }).catch(() => []);
      if (inner.some((e) => e.name === 'manifest.json')) found.push(entry.name);
      for (const sub of inner.filter((e) => e.isDirectory())) {
        const nested = await readdir(join(this.location, entry.name, sub.name)).catch(() => [] as string[]);
        if (nested.includes('manifest.json')) found.push(`${entry.name}/${sub.name}`);
      }
    }
    return found;
  }
}
