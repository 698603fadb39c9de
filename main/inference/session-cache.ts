// Loaded sessions, one per graph file: a model is never loaded twice, idle sessions expire after their keep-alive,
// and the least recently used idle ones are unloaded when a new load would exceed the memory budget.
import { statSync } from 'node:fs';
import type { SessionInfo } from '../../contract/index.js';
import { MosaicError, defaultKeepAliveMs } from '../../contract/index.js';
import type { ModelSession } from './model-session.js';

export type CreateSession = (modelPath: string) => Promise<ModelSession>;

export interface SessionCacheOptions {
  createSession: CreateSession;
  provider: () => string;
  /** Soft limit for the memory of idle sessions, in bytes. */
  budgetBytes: number;
  defaultKeepAliveMs?: number;
  now?: () => number;
  /** Resident memory of this process, in bytes (injected for tests). */
  rss?: () => number;
  /** Called with the paths of sessions unloaded by expiry or the budget. */
  onUnload?: (modelPath: string, reason: 'expired' | 'budget' | 'request') => void;
}

interface Entry {
  modelPath: string;
  session: Promise<ModelSession>;
  bytes: number;
  loadMs: number;
  loadedAt: number;
  lastUsedAt: number;
  keepAliveMs: number;
  inUse: number;
  /** Removed from the cache while a request still held it: released when that request ends. */
  evicted: boolean;
}

/** A session handed to a request; `release` marks the end of the request (starting its keep-alive). */
export interface SessionLease {
  session: ModelSession;
  /** True when this request loaded it (it was not cached). */
  loaded: boolean;
  loadMs: number;
  release(): void;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly rss: () => number;
  private sweepTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: SessionCacheOptions) {
    this.now = options.now ?? Date.now;
    this.rss = options.rss ?? (() => process.memoryUsage.rss());
  }

  /** The session of a graph, loading it on first use. Every acquire must be followed by release(). */
  async acquire(modelPath: string, keepAliveMs?: number): Promise<SessionLease> {
    let entry = this.entries.get(modelPath);
    let loaded = false;
    if (!entry) {
      // Synchronous up to the map insert, so concurrent requests for one graph share a single load.
      this.makeRoomFor(modelPath);
      entry = this.load(modelPath);
      loaded = true;
    }
    entry.inUse += 1;
    if (keepAliveMs !== undefined) entry.keepAliveMs = keepAliveMs;
    let session: ModelSession;
    try {
      session = await entry.session;
    } catch (error) {
      entry.inUse -= 1;
      throw error;
    }
    entry.lastUsedAt = this.now();
    let released = false;
    const current = entry;
    return {
      session,
      loaded,
      loadMs: current.loadMs,
      release: () => {
        if (released) return;
        released = true;
        current.inUse -= 1;
        current.lastUsedAt = this.now();
        if (current.inUse > 0) return;
        if (current.evicted) void current.session.then((session) => session.release()).catch(() => undefined);
        else if (current.keepAliveMs === 0) void this.unload(modelPath, 'expired');
      },
    };
  }

  /** Unloads a session now (it finishes serving any request that holds it first). */
  async unload(modelPath: string, reason: 'expired' | 'budget' | 'request' = 'request'): Promise<boolean> {
    const entry = this.entries.get(modelPath);
    if (!entry) return false;
    this.entries.delete(modelPath);
    entry.evicted = true;
    this.options.onUnload?.(modelPath, reason);
    // A session still in use is released when its last request ends (see release in acquire).
    if (entry.inUse > 0) return true;
    const session = await entry.session.catch(() => null);
    await session?.release();
    return true;
  }

  /** Unloads idle sessions whose keep-alive has run out; returns how many. */
  async sweep(): Promise<number> {
    const now = this.now();
    const expired = [...this.entries.values()].filter(
      (entry) => entry.inUse === 0 && entry.keepAliveMs >= 0 && now - entry.lastUsedAt >= entry.keepAliveMs,
    );
    for (const entry of expired) await this.unload(entry.modelPath, 'expired');
    return expired.length;
  }

  /** Sweeps periodically until dispose(). */
  startSweeping(intervalMs = 5_000): void {
    this.sweepTimer ??= setInterval(() => void this.sweep(), intervalMs);
    this.sweepTimer.unref?.();
  }

  list(): SessionInfo[] {
    return [...this.entries.values()].map((entry) => ({
      modelPath: entry.modelPath,
      executionProvider: this.options.provider(),
      bytes: entry.bytes,
      loadMs: entry.loadMs,
      loadedAt: new Date(entry.loadedAt).toISOString(),
      lastUsedAt: new Date(entry.lastUsedAt).toISOString(),
      expiresAt: entry.keepAliveMs < 0 ? null : new Date(entry.lastUsedAt + entry.keepAliveMs).toISOString(),
      inUse: entry.inUse,
    }));
  }

  get budgetBytes(): number {
    return this.options.budgetBytes;
  }

  async dispose(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    for (const modelPath of [...this.entries.keys()]) await this.unload(modelPath);
  }

  private load(modelPath: string): Entry {
    const started = this.now();
    const rssBefore = this.rss();
    const fileBytes = fileSize(modelPath);
    const entry: Entry = {
      modelPath,
      session: Promise.resolve(null as never),
      bytes: fileBytes,
      loadMs: 0,
      loadedAt: started,
      lastUsedAt: started,
      keepAliveMs: this.options.defaultKeepAliveMs ?? defaultKeepAliveMs,
      inUse: 0,
      evicted: false,
    };
    entry.session = this.options.createSession(modelPath).then(
      (session) => {
        entry.loadMs = this.now() - started;
        entry.bytes = Math.max(fileBytes, this.rss() - rssBefore);
        return session;
      },
      (error: unknown) => {
        this.entries.delete(modelPath);
        if (error instanceof MosaicError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new MosaicError('MODEL_LOAD_FAILED', `Could not load ${modelPath}: ${message}`);
      },
    );
    this.entries.set(modelPath, entry);
    return entry;
  }

  /** Unloads least recently used idle sessions until the new graph fits the budget (soft: in-use ones stay). */
  private makeRoomFor(modelPath: string): void {
    const needed = fileSize(modelPath);
    let total = [...this.entries.values()].reduce((sum, entry) => sum + entry.bytes, 0);
    const idle = [...this.entries.values()]
      .filter((entry) => entry.inUse === 0)
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    for (const entry of idle) {
      if (total + needed <= this.options.budgetBytes) break;
      total -= entry.bytes;
      void this.unload(entry.modelPath, 'budget');
    }
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
