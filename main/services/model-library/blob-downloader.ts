// Puts one blob into the store: one transfer per digest (in-process and across processes), resumed, capped, verified.
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { MosaicError } from '../../../contract/index.js';
import type { BlobLocator } from './catalog-source.js';
import { FileLock } from './file-lock.js';
import type { HttpTransport } from './http-transport.js';
import { asTransferError } from './http-transport.js';
import type { ModelStore } from './model-store.js';
import { PartialDownload } from './partial-download.js';
import { SharedTransfer } from './shared-transfer.js';
import { writingStore } from './store-errors.js';

export interface BlobProgress {
  /** Bytes of this blob on disk so far. */
  bytes: number;
  size: number;
  /** Bytes received since the previous report. */
  received: number;
}

export interface BlobRequest {
  digest: string;
  size: number;
  locate: () => Promise<BlobLocator>;
  signal?: AbortSignal;
  onProgress?: (progress: BlobProgress) => void;
}

/** present: already in the store; downloaded: fetched now; waited: another process fetched it meanwhile. */
export type BlobOutcome = 'present' | 'downloaded' | 'waited';

export interface BlobDownloaderOptions {
  store: ModelStore;
  transport: HttpTransport;
  /** Attempts without progress before giving up (progress resets the count). */
  retries?: number;
  retryDelayMs?: number;
  lockPollMs?: number;
  persistEveryMs?: number;
}

export class BlobDownloader {
  private readonly inflight = new Map<string, SharedTransfer<BlobOutcome, BlobProgress>>();

  constructor(private readonly options: BlobDownloaderOptions) {}

  async ensure(request: BlobRequest): Promise<BlobOutcome> {
    if (await this.options.store.hasBlob(request.digest, request.size)) return 'present';
    let shared = this.inflight.get(request.digest);
    if (!shared || shared.abandoned) {
      const created = new SharedTransfer<BlobOutcome, BlobProgress>((signal, report) =>
        this.transfer(request, signal, report),
      );
      this.inflight.set(request.digest, created);
      const forget = (): void => {
        if (this.inflight.get(request.digest) === created) this.inflight.delete(request.digest);
      };
      created.done.then(forget, forget);
      shared = created;
    }
    return shared.attach(request.signal, request.onProgress);
  }

  private async transfer(
    request: BlobRequest,
    signal: AbortSignal,
    report: (progress: BlobProgress) => void,
  ): Promise<BlobOutcome> {
    const { store } = this.options;
    const { layout } = store;
    await writingStore('downloads', () => mkdir(layout.downloads, { recursive: true }));
    const lock = await FileLock.acquire(layout.downloadLockPath(request.digest), {
      signal,
      pollMs: this.options.lockPollMs,
    });
    try {
      if (await store.hasBlob(request.digest, request.size)) return 'waited';
      const locator = await request.locate();
      for (let attempt = 0; ; attempt += 1) {
        const partial = new PartialDownload(
          layout,
          request.digest,
          request.size,
          locator.kind === 'url' ? locator.url : locator.path,
          this.options.persistEveryMs,
        );
        await partial.open();
        report({ bytes: partial.written, size: request.size, received: 0 });
        try {
          await this.fill(partial, locator, request.size, signal, report);
        } catch (error) {
          if (error instanceof MosaicError && error.code === 'INTEGRITY_ERROR') await partial.discard();
          else await partial.suspend();
          throw error;
        }
        const digest = await partial.finish();
        if (digest === request.digest) {
          await store.adoptBlob(partial.path, request.digest);
          await partial.forgetProgress();
          return 'downloaded';
        }
        await partial.discard();
        // Bytes kept from an earlier run may be what differs (a torn write): try once more from the first byte.
        if (partial.resumedFrom === 0 || attempt > 0) {
          throw new MosaicError(
            'INTEGRITY_ERROR',
            `Blob sha256-${request.digest.slice(0, 12)}… arrived with SHA-256 ${digest.slice(0, 12)}…; it was discarded.`,
          );
        }
      }
    } finally {
      await lock.release();
    }
  }

  /** Receives bytes until the partial holds `size` of them, retrying transient failures from where it stopped. */
  private async fill(
    partial: PartialDownload,
    locator: BlobLocator,
    size: number,
    signal: AbortSignal,
    report: (progress: BlobProgress) => void,
  ): Promise<void> {
    const retries = this.options.retries ?? 5;
    let failures = 0;
    while (partial.written < size) {
      const before = partial.written;
      try {
        const body =
          locator.kind === 'file'
            ? await this.openFile(locator.path, partial, size, signal)
            : await this.openUrl(locator.url, partial, size, signal);
        for await (const chunk of body) {
          await partial.append(chunk);
          report({ bytes: partial.written, size, received: chunk.length });
        }
        if (partial.written < size) throw new Error(`the source closed after ${partial.written} of ${size} bytes`);
      } catch (error) {
        const coded = asTransferError(error, locator.kind === 'url' ? locator.url : locator.path, signal);
        if (coded.code !== 'DOWNLOAD_FAILED' || (coded.details as { permanent?: boolean } | undefined)?.permanent) {
          throw coded;
        }
        failures = partial.written > before ? 1 : failures + 1;
        if (failures > retries) throw coded;
        await partial.checkpoint();
        await pause((this.options.retryDelayMs ?? 200) * 2 ** (failures - 1), signal);
      }
    }
  }

  private async openFile(path: string, partial: PartialDownload, size: number, signal: AbortSignal) {
    const actual = (await stat(path)).size;
    if (actual !== size) {
      throw new MosaicError('INTEGRITY_ERROR', `${path} holds ${actual} bytes; its manifest declares ${size}.`);
    }
    return createReadStream(path, {
      start: partial.written,
      highWaterMark: 1024 * 1024,
      signal,
    }) as AsyncIterable<Buffer>;
  }

  private async openUrl(url: string, partial: PartialDownload, size: number, signal: AbortSignal) {
    const from = partial.written;
    const response = await this.options.transport.get(url, {
      headers: from > 0 ? { range: `bytes=${from}-` } : {},
      signal,
    });
    const permanent = (message: string) => new MosaicError('DOWNLOAD_FAILED', message, { permanent: true });
    if (response.status === 200) {
      const length = response.headers['content-length'];
      if (length !== undefined && Number(length) !== size) {
        response.discard();
        throw new MosaicError('INTEGRITY_ERROR', `${url} serves ${length} bytes; the manifest declares ${size}.`);
      }
      if (from > 0) await partial.restart(); // the server ignored the range
      return response.body;
    }
    if (response.status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(response.headers['content-range'] ?? ''));
      if (!range || Number(range[1]) !== from || (range[3] !== '*' && Number(range[3]) !== size)) {
        response.discard();
        throw permanent(`${url} answered a range request with ${response.headers['content-range'] ?? 'no range'}.`);
      }
      return response.body;
    }
    response.discard();
    if (response.status === 416) {
      await partial.restart();
      throw new MosaicError('DOWNLOAD_FAILED', `${url} refused to resume; starting over.`);
    }
    if (response.status === 408 || response.status === 429 || response.status >= 500) {
      throw new MosaicError('DOWNLOAD_FAILED', `${url} answered HTTP ${response.status}.`);
    }
    throw permanent(`${url} answered HTTP ${response.status}.`);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new MosaicError('CANCELLED', 'Cancelled.'));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
