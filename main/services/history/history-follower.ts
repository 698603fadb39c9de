// Follows history.jsonl for lines other processes write (a CLI run, a second app on the data folder), so a running
// service's History and event stream show them at once: a watch on the folder, and a slow poll where none fires.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface HistoryFollowerOptions {
  file: string;
  /** Catches up with the file (HistoryStore.refresh, which reports what changed). */
  refresh: () => Promise<void>;
  /** Poll interval for file systems that send no change events, in milliseconds. */
  pollMs?: number;
  /** Changes arriving within this many milliseconds are read together. */
  settleMs?: number;
  onError?: (error: unknown) => void;
}

export interface HistoryFollower {
  close(): void;
}

export function followHistoryFile(options: HistoryFollowerOptions): HistoryFollower {
  const name = basename(options.file);
  let pending: ReturnType<typeof setTimeout> | null = null;
  const schedule = (): void => {
    pending ??= setTimeout(() => {
      pending = null;
      options.refresh().catch((error: unknown) => options.onError?.(error));
    }, options.settleMs ?? 25);
  };
  let watcher: FSWatcher | null = null;
  try {
    // The folder, not the file: a compaction renames a new file over the old one.
    mkdirSync(dirname(options.file), { recursive: true });
    watcher = watch(dirname(options.file), { persistent: false }, (_event, changed) => {
      if (changed === null || changed === name) schedule();
    });
    watcher.on('error', (error) => {
      watcher?.close();
      watcher = null;
      options.onError?.(error);
    });
  } catch (error) {
    options.onError?.(error);
  }
  const poll = setInterval(schedule, options.pollMs ?? 2_000);
  poll.unref();
  return {
    close: () => {
      watcher?.close();
      clearInterval(poll);
      if (pending) clearTimeout(pending);
    },
  };
}
