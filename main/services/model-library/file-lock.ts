// A lock file shared by processes (exclusive create, owner pid, heartbeat) and a serial lock built on it.
import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { MosaicError } from '../../../contract/index.js';
import { errnoOf, isMissing } from './store-errors.js';

export interface FileLockOptions {
  signal?: AbortSignal;
  /** How often a waiter looks again, in milliseconds. */
  pollMs?: number;
  /** A lock whose heartbeat is older than this is taken over, in milliseconds. */
  staleMs?: number;
  /** How often the holder refreshes the lock file's time, in milliseconds. */
  heartbeatMs?: number;
  /** Whether a process of this host is alive (injected by tests). */
  isAlive?: (pid: number) => boolean;
}

interface Holder {
  pid: number;
  host: string;
  token: string;
}

export class FileLock {
  private constructor(
    readonly path: string,
    private readonly token: string,
    private readonly heartbeat: ReturnType<typeof setInterval>,
  ) {}

  /** Waits until the lock is free (or its holder is dead or silent), then takes it. */
  static async acquire(path: string, options: FileLockOptions = {}): Promise<FileLock> {
    const token = randomBytes(8).toString('hex');
    const holder: Holder = { pid: process.pid, host: hostname(), token };
    for (;;) {
      if (options.signal?.aborted) throw new MosaicError('CANCELLED', 'Cancelled while waiting for another install.');
      try {
        const handle = await open(path, 'wx', 0o644);
        try {
          await handle.writeFile(JSON.stringify(holder));
        } finally {
          await handle.close();
        }
        const beat = setInterval(() => {
          const now = new Date();
          utimes(path, now, now).catch(() => undefined);
        }, options.heartbeatMs ?? 5_000);
        beat.unref();
        return new FileLock(path, token, beat);
      } catch (error) {
        if (errnoOf(error) !== 'EEXIST') throw error;
      }
      if (await takeOverIfStale(path, options)) continue;
      await pause(options.pollMs ?? 50, options.signal);
    }
  }

  /** Releases the lock if it is still ours (a waiter may have judged us dead and taken it over). */
  async release(): Promise<void> {
    clearInterval(this.heartbeat);
    const current = await readHolder(this.path);
    if (current?.token === this.token) await unlink(this.path).catch(() => undefined);
  }
}

/** True when the lock file's holder is gone (dead pid on this host, or no heartbeat) and the file was removed. */
async function takeOverIfStale(path: string, options: FileLockOptions): Promise<boolean> {
  let raw: string;
  let modified: number;
  try {
    [raw, modified] = await Promise.all([readFile(path, 'utf8'), stat(path).then((info) => info.mtimeMs)]);
  } catch (error) {
    if (isMissing(error)) return true;
    throw error;
  }
  const holder = parseHolder(raw);
  const silentFor = Date.now() - modified;
  const isAlive = options.isAlive ?? processIsAlive;
  const stale =
    holder === null
      ? silentFor > 2_000 // a holder killed between create and write
      : (holder.host === hostname() && !isAlive(holder.pid)) || silentFor > (options.staleMs ?? 30_000);
  if (!stale) return false;
  // Remove only the file we judged, not one a faster waiter has just created.
  if ((await readFile(path, 'utf8').catch(() => null)) === raw) await unlink(path).catch(() => undefined);
  return true;
}

async function readHolder(path: string): Promise<Holder | null> {
  return parseHolder(await readFile(path, 'utf8').catch(() => ''));
}

function parseHolder(raw: string): Holder | null {
  try {
    const value = JSON.parse(raw) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return value as Holder;
    }
  } catch {
    // torn or empty: treated as unknown
  }
  return null;
}

/** Whether a process of this host exists (EPERM: it does, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs critical sections one at a time: in order within this process, and under a lock file across processes. */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly options: Omit<FileLockOptions, 'signal'> = {},
  ) {}

  run<T>(section: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      const lock = await FileLock.acquire(this.path, this.options);
      try {
        return await section();
      } finally {
        await lock.release();
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
