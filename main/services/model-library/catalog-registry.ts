// The catalogs in use: the built-in ones (bundled, the app's own) plus those the user added (MOSAIC_HOME/catalogs.json).
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogIndex, ErrorPayload } from '../../../contract/index.js';
import { MosaicError, catalogIdSchema, toErrorPayload } from '../../../contract/index.js';
import type { CatalogSource } from './catalog-source.js';
import { writeFileAtomic } from './durable-files.js';
import { FolderCatalogSource } from './folder-catalog.js';
import { HttpCatalogSource } from './http-catalog.js';
import type { HttpTransport } from './http-transport.js';
import type { NetworkPolicy } from './network-policy.js';
import { isMissing, writingStore } from './store-errors.js';

export const bundledCatalogId = 'bundled';
/** The app's own catalog, where model updates are published between app releases. */
export const appCatalogId = 'mosaic';

export interface CatalogEntry {
  id: string;
  location: string;
  kind: 'folder' | 'http';
  builtIn: boolean;
}

interface CatalogSettings {
  catalogs: { id: string; location: string; kind: 'folder' | 'http'; addedAt: string }[];
  /** Hosts the user allowed plain http to. */
  allowedHttpHosts: string[];
}

export interface CatalogRead {
  catalog: CatalogEntry;
  source: CatalogSource;
  index: CatalogIndex | null;
  error: ErrorPayload | null;
}

export interface ReadOptions {
  /** Skip the cache of http indexes. */
  fresh?: boolean;
  signal?: AbortSignal;
  /** Give up on a catalog (reported unreachable) after this long, in milliseconds. */
  timeoutMs?: number;
}

export interface CatalogRegistryOptions {
  /** MOSAIC_HOME/catalogs.json. */
  settingsFile: string;
  /** The app's bundled packages folder (models/packages); it may be absent or empty. */
  bundledFolder: string;
  /** The app's own catalog, an http(s) URL or an absolute folder; null or absent for none. */
  appCatalog?: string | null;
  transport: HttpTransport;
  policy: NetworkPolicy;
  now?: () => Date;
  /** How long an http catalog's index is reused before it is fetched again, in milliseconds. */
  cacheMs?: number;
  onSkippedPackage?: (folder: string, reason: string) => void;
}

export class CatalogRegistry {
  private settings: CatalogSettings = { catalogs: [], allowedHttpHosts: [] };
  private readonly sources = new Map<string, CatalogSource>();
  private readonly cache = new Map<string, { at: number; index: CatalogIndex }>();
  private loaded: Promise<void> | null = null;
  private readonly builtIns: CatalogEntry[];

  constructor(private readonly options: CatalogRegistryOptions) {
    this.builtIns = [{ id: bundledCatalogId, location: options.bundledFolder, kind: 'folder', builtIn: true }];
    if (options.appCatalog) {
      this.builtIns.push({ id: appCatalogId, ...normalizeLocation(options.appCatalog), builtIn: true });
    }
  }

  /** Hosts the user allowed plain http to (read by the network policy). */
  allowedHttpHosts(): readonly string[] {
    return this.settings.allowedHttpHosts;
  }

  async list(): Promise<CatalogEntry[]> {
    await this.load();
    const reserved = new Set(this.builtIns.map((catalog) => catalog.id));
    return [
      ...this.builtIns,
      ...this.settings.catalogs
        .filter((catalog) => !reserved.has(catalog.id))
        .map(({ id, location, kind }) => ({ id, location, kind, builtIn: false })),
    ];
  }

  async add(location: string, options: { id?: string; allowHttp?: boolean } = {}): Promise<CatalogEntry> {
    await this.load();
    const normalized = normalizeLocation(location);
    const catalogs = await this.list();
    const existing = catalogs.find((catalog) => catalog.location === normalized.location);
    if (existing) throw new MosaicError('BAD_REQUEST', `${normalized.location} is already catalog "${existing.id}".`);
    const id = options.id ?? uniqueId(slugOf(normalized.location), new Set(catalogs.map((c) => c.id)));
    if (catalogs.some((catalog) => catalog.id === id)) throw new MosaicError('BAD_REQUEST', `Catalog "${id}" exists.`);
    const allowed = [...this.settings.allowedHttpHosts];
    if (normalized.kind === 'http') {
      const host = new URL(normalized.location).hostname.toLowerCase();
      if (options.allowHttp) {
        if (!allowed.includes(host)) allowed.push(host);
      } else {
        this.options.policy.check(new URL(normalized.location));
      }
    }
    const addedAt = (this.options.now?.() ?? new Date()).toISOString();
    await this.save({
      catalogs: [...this.settings.catalogs, { id, ...normalized, addedAt }],
      allowedHttpHosts: allowed,
    });
    return { id, ...normalized, builtIn: false };
  }

  async remove(id: string): Promise<boolean> {
    await this.load();
    if (this.builtIns.some((catalog) => catalog.id === id)) {
      throw new MosaicError('BAD_REQUEST', `The built-in catalog "${id}" cannot be removed.`);
    }
    const remaining = this.settings.catalogs.filter((catalog) => catalog.id !== id);
    if (remaining.length === this.settings.catalogs.length) {
      throw new MosaicError('NOT_FOUND', `There is no catalog "${id}".`);
    }
    await this.save({ ...this.settings, catalogs: remaining });
    this.sources.delete(id);
    this.cache.delete(id);
    return true;
  }

  /**
   * Reads every catalog's index at once (http ones from a short cache), in list order; one unreachable catalog does
   * not fail the rest, nor does a slow one (the app's own, offline) hold the others up.
   */
  async readAll(options: ReadOptions = {}): Promise<CatalogRead[]> {
    return Promise.all((await this.list()).map((catalog) => this.read(catalog, options)));
  }

  async read(catalog: CatalogEntry, options: ReadOptions = {}): Promise<CatalogRead> {
    const source = this.sourceOf(catalog);
    const cached = this.cache.get(catalog.id);
    const cacheMs = this.options.cacheMs ?? 30_000;
    if (!options.fresh && cached && Date.now() - cached.at < cacheMs && catalog.kind === 'http') {
      return { catalog, source, index: cached.index, error: null };
    }
    const timeout = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
    const signals = [options.signal, timeout].filter((signal) => signal !== undefined);
    try {
      const index = await source.readIndex(signals.length > 1 ? AbortSignal.any(signals) : signals[0]);
      this.cache.set(catalog.id, { at: Date.now(), index });
      return { catalog, source, index, error: null };
    } catch (error) {
      if (options.signal?.aborted) throw new MosaicError('CANCELLED', 'Cancelled while reading the catalogs.');
      const payload = timeout?.aborted
        ? {
            code: 'DOWNLOAD_FAILED' as const,
            message: `${catalog.location} did not answer within ${options.timeoutMs} ms.`,
          }
        : toErrorPayload(error);
      return { catalog, source, index: null, error: payload };
    }
  }

  private sourceOf(catalog: CatalogEntry): CatalogSource {
    let source = this.sources.get(catalog.id);
    if (!source || source.location !== catalog.location) {
      source =
        catalog.kind === 'http'
          ? new HttpCatalogSource(catalog.location, this.options.transport)
          : new FolderCatalogSource(catalog.location, this.options.now, this.options.onSkippedPackage);
      this.sources.set(catalog.id, source);
    }
    return source;
  }

  private load(): Promise<void> {
    this.loaded ??= readFile(this.options.settingsFile, 'utf8').then(
      (text) => {
        const parsed = JSON.parse(text) as Partial<CatalogSettings>;
        this.settings = {
          catalogs: (parsed.catalogs ?? []).filter((c) => catalogIdSchema.safeParse(c.id).success),
          allowedHttpHosts: parsed.allowedHttpHosts ?? [],
        };
      },
      (error: unknown) => {
        if (!isMissing(error)) throw error;
      },
    );
    return this.loaded;
  }

  private async save(settings: CatalogSettings): Promise<void> {
    await writingStore('catalogs.json', async () => {
      await mkdir(dirname(this.options.settingsFile), { recursive: true });
      await writeFileAtomic(this.options.settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
    });
    this.settings = settings;
  }
}

/** An http(s) URL stays a URL; a file: URL or an absolute path becomes a folder. */
function normalizeLocation(location: string): { location: string; kind: 'folder' | 'http' } {
  const trimmed = location.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return { location: new URL(trimmed).href, kind: 'http' };
    } catch {
      throw new MosaicError('BAD_REQUEST', `"${location}" is not a valid URL.`);
    }
  }
  if (/^file:\/\//i.test(trimmed)) return { location: fileURLToPath(trimmed), kind: 'folder' };
  if (!isAbsolute(trimmed)) {
    throw new MosaicError('BAD_REQUEST', `A catalog is an http(s) URL or an absolute folder path, not "${location}".`);
  }
  return { location: resolve(trimmed), kind: 'folder' };
}

function slugOf(location: string): string {
  const base = /^https?:/.test(location)
    ? new URL(location).hostname
    : (location.split(/[\\/]/).filter(Boolean).pop() ?? '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'catalog';
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
