// Export and import of one version as a single tar bundle (`<name>-<version>/manifest.json` + files), verified both ways.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExportResult, ManifestFile, ModelManifest } from '../../../contract/index.js';
import { MosaicError, manifestFiles, maxManifestBytes } from '../../../contract/index.js';
import { renameDurable, tempSiblingOf } from './durable-files.js';
import type { SerialLock } from './file-lock.js';
import type { InstallPins } from './install-pins.js';
import { readManifest } from './manifest-reader.js';
import type { ModelStore } from './model-store.js';
import { TarReader, tarEnd, tarHeader, tarPadding } from './tar-format.js';
import { isMissing, writingStore } from './store-errors.js';

export interface ImportedVersion {
  manifest: ModelManifest;
  raw: Uint8Array;
  writtenBytes: number;
}

export class BundleArchive {
  constructor(
    private readonly store: ModelStore,
    private readonly pins: InstallPins,
    private readonly storeLock: SerialLock,
    private readonly appVersion: string,
  ) {}

  /** Writes `name@version` to `file` (replaced atomically), re-hashing every blob on the way out. */
  async export(name: string, version: string, file: string): Promise<ExportResult> {
    const stored = await this.store.readVersion(name, version);
    if (!stored) throw new MosaicError('MODEL_NOT_FOUND', `${name}@${version} is not installed.`);
    const folder = `${name}-${version}`;
    const temp = tempSiblingOf(file);
    const handle = await open(temp, 'wx', 0o644).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
      throw new MosaicError(
        'BAD_REQUEST',
        `Cannot write ${file}: the folder ${dirname(file)} does not exist. Create it, or export to an existing folder.`,
        { folder: dirname(file) },
      );
    });
    const output = new HashedOutput(handle);
    try {
      const mtime = stored.installedAt.getTime() / 1000;
      await output.write(tarHeader(`${folder}/manifest.json`, stored.raw.byteLength, mtime));
      await output.write(Buffer.from(stored.raw));
      await output.write(tarPadding(stored.raw.byteLength));
      for (const entry of manifestFiles(stored.manifest)) {
        await output.write(tarHeader(`${folder}/${entry.path}`, entry.size, mtime));
        await this.copyBlob(entry, output);
        await output.write(tarPadding(entry.size));
      }
      await output.write(tarEnd());
      await output.close();
      await renameDurable(temp, file);
    } catch (error) {
      await output.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
    return { file, bytes: output.bytes, sha256: output.digest() };
  }

  /** Reads a bundle, writes each file as a verified blob, then commits the manifest; nothing is fetched. */
  async import(file: string): Promise<ImportedVersion> {
    const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
    const opened = new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    await opened.catch((error: unknown) => {
      throw isMissing(error) ? new MosaicError('NOT_FOUND', `There is no bundle at ${file}.`) : error;
    });
    try {
      return await this.readBundle(new TarReader(stream), file);
    } finally {
      stream.destroy();
    }
  }

  private async readBundle(reader: TarReader, file: string): Promise<ImportedVersion> {
    const first = await reader.next().catch(() => null);
    if (!first || !first.path.endsWith('/manifest.json') || first.size > maxManifestBytes || first.type !== '0') {
      throw new MosaicError(
        'INVALID_MANIFEST',
        `${file} does not start with a model manifest; it is not a Mosaic bundle.`,
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of reader.body()) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const manifest = readManifest(raw, this.appVersion, file);
    const folder = `${manifest.name}-${manifest.version}`;
    if (first.path !== `${folder}/manifest.json`) {
      throw new MosaicError(
        'INVALID_MANIFEST',
        `${first.path} does not belong to ${manifest.name}@${manifest.version}.`,
      );
    }
    const expected = new Map(manifestFiles(manifest).map((entry) => [`${folder}/${entry.path}`, entry]));
    await this.store.ensureWritable();
    const unpin = await this.pins.pin(manifestFiles(manifest).map((entry) => entry.sha256));
    try {
      let writtenBytes = 0;
      for (let entry = await reader.next(); entry; entry = await reader.next()) {
        const wanted = expected.get(entry.path);
        if (!wanted || entry.type !== '0') {
          throw new MosaicError('INVALID_MANIFEST', `${file} holds ${entry.path}, which its manifest does not list.`);
        }
        expected.delete(entry.path);
        if (entry.size !== wanted.size) {
          throw new MosaicError(
            'INTEGRITY_ERROR',
            `${entry.path} holds ${entry.size} bytes; the manifest says ${wanted.size}.`,
          );
        }
        if (await this.store.hasBlob(wanted.sha256, wanted.size)) continue;
        await this.writeBlob(reader.body(), wanted);
        writtenBytes += wanted.size;
      }
      const absent = [...expected.keys()];
      if (absent.length > 0) throw new MosaicError('INTEGRITY_ERROR', `${file} lacks ${absent.join(', ')}.`);
      await this.storeLock.run(async () => {
        const existing = await this.store.readVersion(manifest.name, manifest.version).catch(() => null);
        if (existing && Buffer.compare(Buffer.from(existing.raw), raw) !== 0) {
          throw new MosaicError(
            'INTEGRITY_ERROR',
            `${manifest.name}@${manifest.version} is installed with a different manifest.`,
          );
        }
        await this.store.commitVersion(manifest, raw);
      });
      return { manifest, raw, writtenBytes };
    } finally {
      await unpin();
    }
  }

  private async writeBlob(body: AsyncIterable<Buffer>, entry: ManifestFile): Promise<void> {
    const temp = join(this.store.layout.temp, `${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    const output = new HashedOutput(await writingStore('tmp', () => open(temp, 'wx', 0o644)));
    try {
      for await (const chunk of body) await output.write(chunk);
      await output.close();
      if (output.digest() !== entry.sha256) {
        throw new MosaicError(
          'INTEGRITY_ERROR',
          `${entry.path} in the bundle does not match its SHA-256; nothing was installed.`,
        );
      }
      await this.store.adoptBlob(temp, entry.sha256);
    } finally {
      await output.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
  }

  private async copyBlob(entry: ManifestFile, output: HashedOutput): Promise<void> {
    const hash = createHash('sha256');
    const path = await this.store.blobPathChecked(entry.sha256);
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      await output.write(chunk);
    }
    if (hash.digest('hex') !== entry.sha256) {
      throw new MosaicError(
        'INTEGRITY_ERROR',
        `The stored blob of ${entry.path} is damaged; run "mosaic models verify --repair".`,
      );
    }
  }
}

/** Sequential writes to a file handle, hashed and counted; close syncs once. */
class HashedOutput {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  private closed = false;

  constructor(private readonly handle: FileHandle) {}

  async write(data: Buffer): Promise<void> {
    this.hash.update(data);
    let offset = 0;
    while (offset < data.length) offset += (await this.handle.write(data, offset, data.length - offset)).bytesWritten;
    this.bytes += data.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.sync();
    await this.handle.close();
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
