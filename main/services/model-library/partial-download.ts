// One blob being downloaded: a `.partial` file hashed as it is written, with its progress persisted for a resume.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { MosaicError } from '../../../contract/index.js';
import { writeFileAtomic } from './durable-files.js';
import { asStoreError, writingStore } from './store-errors.js';
import type { StoreLayout } from './store-layout.js';

/** What `<blob>.progress.json` records: enough to trust the partial file on the next attempt. */
interface PersistedProgress {
  digest: string;
  size: number;
  /** Bytes handed to the file at `updatedAt`. */
  bytes: number;
  source: string;
  updatedAt: string;
}

const flushBytes = 1024 * 1024;

export class PartialDownload {
  readonly path: string;
  private readonly progressPath: string;
  private hash: Hash = createHash('sha256');
  private handle: FileHandle | null = null;
  /** Two reusable buffers: one fills while the other is being written (received chunks die young). */
  private readonly buffers = [Buffer.allocUnsafe(flushBytes), Buffer.allocUnsafe(flushBytes)];
  private current = 0;
  private filled = 0;
  /** Bytes handed to the file so far. */
  private handed = 0;
  private lastPersisted = 0;
  private inflight: Promise<void> | null = null;
  private writeError: unknown = null;
  /** Bytes received so far, including those not yet flushed to the file. */
  written = 0;
  /** Bytes found on disk from an earlier attempt (another run, or a killed process). */
  resumedFrom = 0;

  constructor(
    layout: StoreLayout,
    private readonly digest: string,
    private readonly size: number,
    private readonly source: string,
    private readonly persistEveryMs = 1_000,
  ) {
    this.path = layout.partialPath(digest);
    this.progressPath = layout.progressPath(digest);
  }

  /** Opens the partial file, resuming (and re-hashing) what an earlier attempt left when its progress record agrees. */
  async open(): Promise<void> {
    const progress = await this.readProgress();
    const info = await lstat(this.path).catch(() => null);
    const resumable =
      progress !== null && info !== null && info.isFile() && info.size <= this.size && progress.size === this.size;
    await writingStore('downloads', async () => {
      this.handle = await open(this.path, resumable ? 'r+' : 'w', 0o644);
    });
    if (resumable && info.size > 0) {
      for await (const chunk of createReadStream(this.path, { end: info.size - 1, highWaterMark: flushBytes })) {
        this.hash.update(chunk as Buffer);
      }
      this.written = this.resumedFrom = this.handed = info.size;
    }
    await this.persist();
  }

  /** Adds received bytes; refuses the first byte beyond the size the manifest declares. */
  async append(chunk: Buffer): Promise<void> {
    if (this.written + chunk.length > this.size) {
      throw new MosaicError(
        'INTEGRITY_ERROR',
        `More bytes arrived for blob sha256-${this.digest.slice(0, 12)}… than the ${this.size} its manifest declares.`,
      );
    }
    this.hash.update(chunk);
    this.written += chunk.length;
    for (let offset = 0; offset < chunk.length;) {
      const copied = chunk.copy(this.buffers[this.current]!, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === flushBytes) await this.flush();
    }
    if (Date.now() - this.lastPersisted >= this.persistEveryMs) await this.checkpoint();
  }

  /** The source ignored a range request: start over from the first byte. */
  async restart(): Promise<void> {
    await this.settle().catch(() => undefined);
    this.filled = 0;
    this.handed = 0;
    await this.handle?.truncate(0);
    this.hash = createHash('sha256');
    this.written = 0;
    this.resumedFrom = 0;
    await this.persist();
  }

  /**
   * Writes out what is buffered and records how far it got, so an interrupted download resumes from
   * here. No fsync: after a power cut the partial may hold less (or torn) data, which the digest check
   * at the end catches, and the blob is then fetched again from the first byte.
   */
  async checkpoint(): Promise<void> {
    await this.flush();
    await this.settle();
    await this.persist();
  }

  /** Flushes, syncs and closes; returns the SHA-256 of every byte written. */
  async finish(): Promise<string> {
    await this.flush();
    await this.settle();
    await this.handle?.sync();
    await this.close();
    return this.hash.digest('hex');
  }

  /** Keeps what was received for a later resume. */
  async suspend(): Promise<void> {
    if (!this.handle) return;
    await this.checkpoint().catch(() => undefined);
    await this.close();
  }

  /** Deletes the partial file and its progress record. */
  async discard(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
    await this.forgetProgress();
  }

  async forgetProgress(): Promise<void> {
    await rm(this.progressPath, { force: true });
  }

  private async close(): Promise<void> {
    await this.inflight;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  /**
   * Hands what is buffered to the file, without waiting for it: one write stays in flight while the
   * next megabyte arrives, so receiving and writing overlap. `settle` waits for it (and reports its failure).
   */
  private async flush(): Promise<void> {
    await this.settle();
    if (this.filled === 0 || !this.handle) return;
    const data = this.buffers[this.current]!.subarray(0, this.filled);
    const position = this.handed;
    this.handed += this.filled;
    this.filled = 0;
    this.current = 1 - this.current;
    this.inflight = writeFully(this.handle, data, position).catch((error: unknown) => {
      this.writeError = error;
    });
  }

  private async settle(): Promise<void> {
    await this.inflight;
    this.inflight = null;
    if (this.writeError) {
      const error = this.writeError;
      this.writeError = null;
      throw asStoreError(error, 'downloads');
    }
  }

  private async persist(): Promise<void> {
    this.lastPersisted = Date.now();
    const progress: PersistedProgress = {
      digest: this.digest,
      size: this.size,
      bytes: this.handed,
      source: this.source,
      updatedAt: new Date().toISOString(),
    };
    await writingStore('downloads', () => writeFileAtomic(this.progressPath, JSON.stringify(progress)));
  }

  private async readProgress(): Promise<PersistedProgress | null> {
    try {
      const value = JSON.parse(await readFile(this.progressPath, 'utf8')) as Partial<PersistedProgress>;
      return value.digest === this.digest && typeof value.size === 'number' && typeof value.bytes === 'number'
        ? (value as PersistedProgress)
        : null;
    } catch {
      return null;
    }
  }
}

/** Writes all of `data` at `position`, continuing after short writes. */
async function writeFully(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let offset = 0; offset < data.length;) {
    offset += (await handle.write(data, offset, data.length - offset, position + offset)).bytesWritten;
  }
}
