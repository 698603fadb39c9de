// One blob being downloaded: a `.partial` file hashed as it is written, with its progress persisted for a resume.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { MosaicError } from '../../../contract/index.js';
import { writeFileAtomic } from './durable-files.js';
import { writingStore } from './store-errors.js';
import type { StoreLayout } from './store-layout.js';

/** What `<blob>.progress.json` records: enough to trust the partial file on the next attempt. */
interface PersistedProgress {
  digest: string;
  size: number;
  /** Bytes known to be on disk (fsync'd) at `updatedAt`. */
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
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lastPersisted = 0;
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
      this.written = this.resumedFrom = info.size;
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
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.written += chunk.length;
    if (this.pendingBytes >= flushBytes) await this.flush();
    if (Date.now() - this.lastPersisted >= this.persistEveryMs) await this.checkpoint();
  }

  /** The source ignored a range request: start over from the first byte. */
  async restart(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle?.truncate(0);
    this.hash = createHash('sha256');
    this.written = 0;
    this.resumedFrom = 0;
    await this.persist();
  }

  /** Writes out what is buffered and records it as durable, so an interrupted download resumes from here. */
  async checkpoint(): Promise<void> {
    await this.flush();
    await this.handle?.sync();
    await this.persist();
  }

  /** Flushes, syncs and closes; returns the SHA-256 of every byte written. */
  async finish(): Promise<string> {
    await this.flush();
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
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0 || !this.handle) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const position = this.written - this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    await writingStore('downloads', async () => {
      let offset = 0;
      while (offset < data.length) {
        const { bytesWritten } = await this.handle!.write(data, offset, data.length - offset, position + offset);
        offset += bytesWritten;
      }
    });
  }

  private async persist(): Promise<void> {
    this.lastPersisted = Date.now();
    const progress: PersistedProgress = {
      digest: this.digest,
      size: this.size,
      bytes: this.written - this.pendingBytes,
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
