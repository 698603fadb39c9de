// The content-addressed store: blobs by SHA-256 shared across versions, one manifest per installed version.
import { lstat, mkdir, readdir, readFile, realpath, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ModelManifest } from '../../../contract/index.js';
import { MosaicError, manifestFiles } from '../../../contract/index.js';
import { renameDurable, tempSiblingOf, writeFileAtomic } from './durable-files.js';
import { readManifest } from './manifest-reader.js';
import { isMissing, writingStore } from './store-errors.js';
import { StoreLayout } from './store-layout.js';

export interface StoredVersion {
  name: string;
  version: string;
  manifest: ModelManifest;
  /** The manifest's own bytes, exactly as installed. */
  raw: Uint8Array;
  installedAt: Date;
}

/** A manifest folder that could not be read as a valid manifest. */
export interface UnreadableVersion {
  path: string;
  reason: string;
}

export class ModelStore {
  constructor(readonly layout: StoreLayout) {}

  /** Creates the store's folders and proves a file can be written there; STORE_UNWRITABLE otherwise. */
  async ensureWritable(): Promise<void> {
    const { layout } = this;
    await writingStore(layout.root, async () => {
      for (const folder of [layout.blobs, layout.manifests, layout.downloads, layout.pins, layout.temp]) {
        await mkdir(folder, { recursive: true });
      }
      const probe = tempSiblingOf(join(layout.temp, 'probe'));
      await writeFile(probe, 'ok');
      await unlink(probe);
    });
  }

  async readVersion(name: string, version: string): Promise<StoredVersion | null> {
    const path = this.layout.manifestPath(name, version);
    const info = await lstat(path).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error)));
    if (!info) return null;
    if (!info.isFile()) throw new MosaicError('INTEGRITY_ERROR', `${this.layout.describe(path)} is not a plain file.`);
    const raw = await readFile(path);
    const manifest = readManifest(raw, null, this.layout.describe(path));
    if (manifest.name !== name || manifest.version !== version) {
      throw new MosaicError(
        'INTEGRITY_ERROR',
        `${this.layout.describe(path)} names ${manifest.name}@${manifest.version}.`,
      );
    }
    return { name, version, manifest, raw, installedAt: info.mtime };
  }

  /** Every installed version (valid manifests only), with the folders that could not be read. */
  async scan(): Promise<{ versions: StoredVersion[]; unreadable: UnreadableVersion[] }> {
    const versions: StoredVersion[] = [];
    const unreadable: UnreadableVersion[] = [];
    for (const name of await this.realFolders(this.layout.manifests)) {
      for (const version of await this.realFolders(join(this.layout.manifests, name))) {
        try {
          const stored = await this.readVersion(name, version);
          if (stored) versions.push(stored);
        } catch (error) {
          const path = this.layout.describe(join(this.layout.manifests, name, version, 'manifest.json'));
          unreadable.push({ path, reason: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    return { versions, unreadable };
  }

  /** True when the blob is a plain file of the expected size inside the store. */
  async hasBlob(digest: string, size: number): Promise<boolean> {
    const info = await lstat(this.layout.blobPath(digest)).catch(() => null);
    return info !== null && info.isFile() && info.size === size;
  }

  /** The blob's path, after checking it is a plain file whose real path stays inside the store. */
  async blobPathChecked(digest: string): Promise<string> {
    const path = this.layout.blobPath(digest);
    const info = await lstat(path).catch(() => null);
    if (!info) throw new MosaicError('INTEGRITY_ERROR', `Blob ${this.layout.blobName(digest)} is missing; run verify.`);
    if (!info.isFile()) {
      throw new MosaicError('INTEGRITY_ERROR', `Blob ${this.layout.blobName(digest)} is not a plain file.`);
    }
    const real = await realpath(path);
    const blobsReal = await realpath(this.layout.blobs);
    if (!real.startsWith(blobsReal + sep)) {
      throw new MosaicError('INTEGRITY_ERROR', `Blob ${this.layout.blobName(digest)} resolves outside the store.`);
    }
    return path;
  }

  /** Moves a fully written and verified file into the blobs folder under its digest. */
  async adoptBlob(verifiedFile: string, digest: string): Promise<void> {
    await writingStore('blobs', () => renameDurable(verifiedFile, this.layout.blobPath(digest)));
  }

  /** The commit point of an install: the manifest appears only once every blob is in place. */
  async commitVersion(manifest: ModelManifest, raw: Uint8Array): Promise<void> {
    for (const file of manifestFiles(manifest)) {
      if (!(await this.hasBlob(file.sha256, file.size))) {
        throw new MosaicError('INTEGRITY_ERROR', `Blob for ${file.path} vanished before the install was committed.`);
      }
    }
    const folder = this.layout.versionFolder(manifest.name, manifest.version);
    await writingStore('manifests', async () => {
      await mkdir(folder, { recursive: true });
      await writeFileAtomic(join(folder, 'manifest.json'), raw);
    });
  }

  /** Deletes a version's manifest (it is gone from that instant), then its empty folders. */
  async removeVersion(name: string, version: string): Promise<void> {
    const folder = this.layout.versionFolder(name, version);
    await writingStore('manifests', async () => {
      await unlink(join(folder, 'manifest.json'));
      await rm(folder, { recursive: true, force: true });
      await rmdir(this.layout.modelFolder(name)).catch(() => undefined);
    });
  }

  /** Digest → the versions (name@version) that reference it. */
  static references(versions: readonly StoredVersion[]): Map<string, string[]> {
    const users = new Map<string, string[]>();
    for (const stored of versions) {
      for (const file of manifestFiles(stored.manifest)) {
        const list = users.get(file.sha256) ?? [];
        const ref = `${stored.name}@${stored.version}`;
        if (!list.includes(ref)) list.push(ref);
        users.set(file.sha256, list);
      }
    }
    return users;
  }

  /** Blob files present, by digest, with their sizes; names that are not blobs are returned as strays. */
  async listBlobs(): Promise<{ blobs: Map<string, number>; strays: string[] }> {
    const blobs = new Map<string, number>();
    const strays: string[] = [];
    const entries = await readdir(this.layout.blobs).catch(() => [] as string[]);
    for (const entry of entries) {
      const digest = StoreLayout.digestOfBlobName(entry);
      const info = await lstat(join(this.layout.blobs, entry)).catch(() => null);
      if (digest && info?.isFile()) blobs.set(digest, info.size);
      else strays.push(join(this.layout.blobs, entry));
    }
    return { blobs, strays };
  }

  /** Sub-folders that are real folders (a symlinked folder is never followed out of the store). */
  private async realFolders(folder: string): Promise<string[]> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  }
}
