// Pins the blobs an in-flight install needs (a file per install, with its pid) so gc in any process leaves them alone.
import { randomBytes } from 'node:crypto';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './durable-files.js';
import { processIsAlive } from './file-lock.js';
import type { StoreLayout } from './store-layout.js';

interface PinFile {
  pid: number;
  host: string;
  digests: string[];
}

export class InstallPins {
  constructor(
    private readonly layout: StoreLayout,
    private readonly isAlive: (pid: number) => boolean = processIsAlive,
  ) {}

  /** Pins `digests` until the returned function is called. */
  async pin(digests: readonly string[]): Promise<() => Promise<void>> {
    const path = join(this.layout.pins, `${process.pid}-${randomBytes(6).toString('hex')}.json`);
    const content: PinFile = { pid: process.pid, host: hostname(), digests: [...digests] };
    await writeFileAtomic(path, JSON.stringify(content));
    return () => unlink(path).catch(() => undefined);
  }

  /** Digests pinned by live installs; pins left by dead processes are deleted on the way. */
  async pinned(): Promise<Set<string>> {
    const digests = new Set<string>();
    const entries = await readdir(this.layout.pins).catch(() => [] as string[]);
    for (const entry of entries) {
      if (!entry.endsWith('.json')) continue; // a pin being written right now
      const path = join(this.layout.pins, entry);
      const pin = await readPin(path);
      const alive = pin !== null && (pin.host !== hostname() || this.isAlive(pin.pid));
      if (!alive) {
        // A torn pin from a crash, or its process is gone.
        await unlink(path).catch(() => undefined);
        continue;
      }
      for (const digest of pin.digests) digests.add(digest);
    }
    return digests;
  }
}

async function readPin(path: string): Promise<PinFile | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<PinFile>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && Array.isArray(value.digests)) {
      return value as PinFile;
    }
  } catch {
    // unreadable: treated as stale
  }
  return null;
}
