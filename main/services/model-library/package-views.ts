// A folder laid out like the package (hard links to the verified blobs), for runtimes that open files by relative path.
import { randomBytes } from 'node:crypto';
import { copyFile, link, lstat, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { manifestFiles } from '../../../contract/index.js';
import type { ModelStore, StoredVersion } from './model-store.js';
import { writingStore } from './store-errors.js';

/**
 * ONNX graphs with external weights, and tokenizers kept beside a graph, are found by relative path,
 * which content-addressed blobs cannot offer. A view is `views/<name>/<version>/<path>`, each file a
 * hard link to its blob (a copy where links are impossible), built in a temp folder and renamed into
 * place, and rebuilt whenever a file no longer is its blob.
 */
export class PackageViews {
  readonly root: string;

  constructor(private readonly store: ModelStore) {
    this.root = store.layout.views;
  }

  async folderOf(stored: StoredVersion): Promise<string> {
    const folder = join(this.root, stored.name, stored.version);
    if (await this.isCurrent(folder, stored)) return folder;
    return writingStore('views', async () => {
      const temp = join(this.root, `${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
      try {
        for (const file of manifestFiles(stored.manifest)) {
          const target = join(temp, ...file.path.split('/'));
          await mkdir(dirname(target), { recursive: true });
          const blob = await this.store.blobPathChecked(file.sha256);
          await link(blob, target).catch(() => copyFile(blob, target));
        }
        await mkdir(dirname(folder), { recursive: true });
        await rm(folder, { recursive: true, force: true });
        await rename(temp, folder);
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
      return folder;
    });
  }

  async remove(name: string, version: string): Promise<void> {
    await rm(join(this.root, name, version), { recursive: true, force: true });
  }

  /**
   * Every file is the very inode of its blob, so verify's digests cover the view too, and a repaired
   * (replaced) blob makes the view stale. Copies never pass: where links are impossible the view is
   * copied afresh each time, slower but never out of date.
   */
  private async isCurrent(folder: string, stored: StoredVersion): Promise<boolean> {
    for (const file of manifestFiles(stored.manifest)) {
      const view = await lstat(join(folder, ...file.path.split('/'))).catch(() => null);
      const blob = await stat(this.store.layout.blobPath(file.sha256)).catch(() => null);
      if (!view?.isFile() || !blob || view.ino !== blob.ino || view.dev !== blob.dev) return false;
    }
    return true;
  }
}
