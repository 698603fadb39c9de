// Keeps each workspace's last results across a reload: a small versioned record per workspace, validated on load.
import type { z } from 'zod';
import type { LevelRun, MosaicBridge, MusicRun } from '../../../contract/index.js';
import type { StateStorage } from 'zustand/middleware';
import type { StoreApi } from 'zustand/vanilla';

/*
 * The settings ride in the store's own persisted state (studio-store.ts); results do not, because they are large and
 * main owns them: a workspace keeps only what finds them again (history job ids, the pick, a small dropped file) under
 * its own storage key, and fetches the rest from main on load. Per workspace:
 *
 *   store created ──restoreResults()──▶ read the record ──migrate──▶ schema ──valid──▶ restore(kept) ──▶ following
 *                                                         └─missing, damaged or refused──▶ nothing restored ─┘
 *   following: each change of the record's sources writes select(state) (or removes the record when it is null).
 *
 * Writing starts only once restoring has been tried, so the empty state of a fresh store never overwrites the record.
 * To add a workspace: declare a ResultsRecord beside its slice (e.g. music-results.ts) and list it in studio-store.ts.
 */
export interface ResultsRecord<State, Kept> {
  /** Storage key of the record, e.g. "mosaic-studio:music-results". */
  key: string;
  /** Version of Kept's shape: bump it and extend `migrate` when the shape changes. */
  version: number;
  /** Turns a record written by an older version into the current shape (absent: older versions are dropped). */
  migrate?: (value: unknown, version: number) => unknown;
  /** Validates what is read back after `migrate`; a value it refuses is not restored. Use the contract's schemas. */
  schema: z.ZodType<Kept>;
  /** The state the record depends on: it is written again only when one of these changes (compared with ===). */
  sources: (state: State) => readonly unknown[];
  /** What to keep (ids, picks, small files; never whole results), or null when there is nothing to keep. */
  select: (state: State) => Kept | null;
  /** Puts the kept results back (fetching them from main); failures are the workspace's to report or ignore. */
  restore: (kept: Kept, store: StoreApi<State>) => Promise<void>;
}

interface StoredRecord {
  version: number;
  state: unknown;
}

/** Reads a record: null when it is missing, unreadable, from a version that cannot be migrated, or refused. */
export function readResults<State, Kept>(storage: StateStorage, record: ResultsRecord<State, Kept>): Kept | null {
  let stored: StoredRecord;
  try {
    stored = JSON.parse(String(storage.getItem(record.key) ?? 'null')) as StoredRecord;
  } catch {
    return null;
  }
  if (!stored || typeof stored !== 'object' || typeof stored.version !== 'number') return null;
  let value = stored.state;
  if (stored.version !== record.version) {
    if (!record.migrate || stored.version > record.version) return null;
    value = record.migrate(value, stored.version);
  }
  const parsed = record.schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function writeResults<State, Kept>(storage: StateStorage, record: ResultsRecord<State, Kept>, kept: Kept | null): void {
  try {
    if (kept === null) void storage.removeItem(record.key);
    else void storage.setItem(record.key, JSON.stringify({ version: record.version, state: kept }));
  } catch {
    // A full storage (quota) loses only the ability to restore after a reload, never the work on screen.
  }
}

/** A declared record with its kept type closed over, so records of several workspaces fit one list. */
export interface KeptResults<State> {
  key: string;
  /** Restores the record (when there is a valid one), then writes it on every change of its sources. */
  restoreAndFollow: (store: StoreApi<State>, storage: StateStorage) => Promise<void>;
}

export function keptResults<State, Kept>(record: ResultsRecord<State, Kept>): KeptResults<State> {
  return {
    key: record.key,
    restoreAndFollow: async (store, storage) => {
      const kept = readResults(storage, record);
      // A restore that fails is followed all the same: the next change writes the state as it is.
      if (kept !== null) await record.restore(kept, store).catch(() => undefined);
      followResults(store, storage, record);
    },
  };
}

/**
 * Writes the record whenever its sources change; returns the function that stops following. Not at once: after a
 * restore that failed (main unreachable for a moment), the record stays for the next load.
 */
export function followResults<State, Kept>(
  store: StoreApi<State>,
  storage: StateStorage,
  record: ResultsRecord<State, Kept>,
): () => void {
  let sources = record.sources(store.getState());
  return store.subscribe((state) => {
    const next = record.sources(state);
    if (next.length === sources.length && next.every((source, index) => source === sources[index])) return;
    sources = next;
    writeResults(storage, record, record.select(state));
  });
}

/** Restores every record once (later calls answer the same promise) and follows each from then on. */
export function createResultsKeeper<State>(
  storage: StateStorage,
  records: readonly KeptResults<State>[],
): (store: StoreApi<State>) => Promise<void> {
  let restoring: Promise<void> | null = null;
  return (store) => {
    restoring ??= Promise.all(records.map((record) => record.restoreAndFollow(store, storage))).then(() => undefined);
    return restoring;
  };
}

interface RunOfKind {
  level: LevelRun;
  music: MusicRun;
}

/** Finds kept runs of one kind in History by job id (newest page first, then all it keeps); runs it no longer has are left out. */
export async function keptRuns<Kind extends keyof RunOfKind>(
  bridge: MosaicBridge,
  kind: Kind,
  jobIds: string[],
): Promise<Map<string, RunOfKind[Kind]>> {
  const found = new Map<string, string>();
  for (const limit of [50, 500]) {
    const page = await bridge.call('history.list', { kind, limit });
    for (const item of page.items) if (jobIds.includes(item.jobId)) found.set(item.jobId, item.id);
    if (found.size === jobIds.length || page.total <= limit) break;
  }
  const runs = new Map<string, RunOfKind[Kind]>();
  for (const [jobId, id] of found) {
    const { run } = await bridge.call('history.get', { id });
    // Music runs carry their seed; level runs do not.
    if ('seed' in run === (kind === 'music') && run.jobId === jobId) runs.set(jobId, run as RunOfKind[Kind]);
  }
  return runs;
}
