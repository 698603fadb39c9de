// The history of finished generations on disk: history.jsonl, append-only, compacted to the newest entries when it
// grows, shared by every process on the data folder. Each read catches up with the lines others appended (a line still
// being written waits for its newline); writes take a lock file, so an append never lands in a file being replaced
// and a line torn by a crashed writer is repaired before the next append. A compaction starts the new file with a
// generation line of its own, so a reader can tell it from the file it replaced even when the file system hands the
// new file the old one's inode number (ext4 does, alternating two numbers across renames).
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, rename, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryChange, HistoryEntry } from '../../../contract/index.js';
import { historyEntrySchema } from '../../../contract/index.js';
import { FileLock } from '../model-library/file-lock.js';

export interface HistoryStoreOptions {
  /** The history.jsonl file. */
  file: string;
  /** Entries kept; older ones go at the next compaction. */
  maxEntries?: number;
  /** Compacts when the file holds this many more lines than live entries (removals, overflow). */
  slackLines?: number;
  /** Called for each change another process made to the file, when this one catches up with it. */
  onExternalChange?: (change: HistoryChange) => void;
}

/**
 * One line of the file: an entry, the removal of one or of all, a star set or taken off one (in place: the entry keeps
 * its place in the order), or the start of a compacted file.
 */
type HistoryLine =
  | { entry: HistoryEntry }
  | { removed: string }
  | { cleared: true }
  | { kept: string; value: boolean; variations?: number[] }
  | { generation: string };

/**
 * The file as last read: which file (a rewrite replaces it: device, inode and first line together tell), and how many
 * bytes of whole lines were taken in.
 */
interface ReadMark {
  dev: number;
  ino: number;
  bytes: number;
  /** The file's first whole line, newline included ('' while it has none). */
  head: string;
}

export class HistoryStore {
  private readonly maxEntries: number;
  private readonly slackLines: number;
  /** Oldest first. */
  private entries: HistoryEntry[] = [];
  /** Whole lines in the file as read. */
  private lines = 0;
  private mark: ReadMark | null = null;
  /** An unreadable line was read: the file is rewritten before the next append. */
  private damaged = false;
  /**
   * Bytes after the last newline: a line another process is writing now, or one torn by a crash. Under the lock no
   * one else writes, so there it is torn, and the file is rewritten before an append would run into it.
   */
  private tornTail = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HistoryStoreOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.slackLines = options.slackLines ?? 200;
  }

  /** Newest first. */
  async list(): Promise<readonly HistoryEntry[]> {
    await this.refresh();
    return [...this.entries].reverse();
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    await this.refresh();
    return this.entries.find((entry) => entry.id === id);
  }

  /** Takes in what other processes wrote since the last read (reported through onExternalChange). */
  refresh(): Promise<void> {
    return this.serially(() => this.catchUp());
  }

  async add(entry: HistoryEntry): Promise<void> {
    await this.write(() => {
      this.entries = this.entries.filter((known) => known.id !== entry.id);
      this.entries.push(entry);
      if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
      return { entry };
    });
  }

  /** Marks an entry kept (starred) or not, and which variations were starred; false when no entry has that id. */
  async setKept(id: string, kept: boolean, variations: readonly number[] = []): Promise<boolean> {
    let found = false;
    await this.write(() => {
      const index = this.entries.findIndex((entry) => entry.id === id);
      if (index < 0) return null;
      found = true;
      this.entries[index] = withKept(this.entries[index]!, kept, variations);
      return { kept: id, value: kept, ...(variations.length > 0 ? { variations: [...variations] } : {}) };
    });
    return found;
  }

  async remove(id: string): Promise<boolean> {
    let removed = false;
    await this.write(() => {
      const index = this.entries.findIndex((entry) => entry.id === id);
      if (index < 0) return null;
      this.entries.splice(index, 1);
      removed = true;
      return { removed: id };
    });
    return removed;
  }

  async clear(): Promise<number> {
    let removed = 0;
    await this.write(() => {
      removed = this.entries.length;
      this.entries = [];
      return 'rewrite';
    });
    return removed;
  }

  /** Waits for pending reads and writes. */
  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  /**
   * Under the lock: catches up, applies `change` to the entries, then appends the line it returns (or rewrites the
   * file when asked, when it is damaged, or when it holds too many dead lines).
   */
  private write(change: () => HistoryLine | 'rewrite' | null): Promise<void> {
    return this.serially(async () => {
      await mkdir(dirname(this.options.file), { recursive: true });
      const lock = await FileLock.acquire(`${this.options.file}.lock`, { pollMs: 10, staleMs: 10_000 });
      try {
        await this.catchUp();
        const line = change();
        if (line === null) return;
        if (
          line === 'rewrite' ||
          this.damaged ||
          this.tornTail ||
          this.lines + 1 > this.entries.length + this.slackLines
        ) {
          await this.rewrite();
        } else {
          // Taken in by the next catch-up like anyone's line (a no-op for its own entry), which keeps the mark exact.
          await appendFile(this.options.file, `${JSON.stringify(line)}\n`);
        }
      } finally {
        await lock.release();
      }
    });
  }

  /** Reads the lines appended since the mark, or the whole file when it was replaced or truncated. */
  private async catchUp(): Promise<void> {
    const before = new Set(this.entries.map((entry) => entry.id));
    const keptBefore = keptIds(this.entries);
    let handle;
    try {
      handle = await open(this.options.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.entries = [];
      this.lines = 0;
      this.mark = null;
      this.report(before, keptBefore);
      return;
    }
    try {
      const info = await handle.stat();
      const { mark } = this;
      const continues =
        mark !== null &&
        mark.dev === info.dev &&
        mark.ino === info.ino &&
        info.size >= mark.bytes &&
        (await startsWith(handle, mark.head));
      const start = continues ? mark.bytes : 0;
      if (!continues) {
        this.entries = [];
        this.lines = 0;
        this.damaged = false;
      }
      const bytes = Buffer.alloc(info.size - start);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
      const read = bytes.subarray(0, bytesRead);
      const end = read.lastIndexOf(0x0a) + 1;
      this.tornTail = end < read.length;
      const text = read.subarray(0, end).toString('utf8');
      this.apply(text);
      const head = continues && mark.head !== '' ? mark.head : firstLine(text, start === 0 ? '' : (mark?.head ?? ''));
      this.mark = { dev: info.dev, ino: info.ino, bytes: start + end, head };
    } finally {
      await handle.close();
    }
    this.report(before, keptBefore);
  }

  private apply(text: string): void {
    const byId = new Map(this.entries.map((entry) => [entry.id, entry]));
    for (const line of text.split('\n')) {
      if (line.length === 0) continue;
      this.lines += 1;
      const parsed = parseLine(line);
      if (!parsed) {
        this.damaged = true;
        continue;
      }
      if ('entry' in parsed) {
        byId.delete(parsed.entry.id);
        byId.set(parsed.entry.id, parsed.entry);
      } else if ('removed' in parsed) byId.delete(parsed.removed);
      else if ('kept' in parsed) {
        const entry = byId.get(parsed.kept);
        if (entry) byId.set(parsed.kept, withKept(entry, parsed.value, parsed.variations ?? []));
      } else if ('cleared' in parsed) byId.clear();
    }
    this.entries = [...byId.values()].slice(-this.maxEntries);
  }

  /** Tells the listener what the last catch-up changed: entries that came and went, stars set or taken off. */
  private report(before: ReadonlySet<string>, keptBefore: ReadonlySet<string>): void {
    const listener = this.options.onExternalChange;
    if (!listener) return;
    const after = new Set(this.entries.map((entry) => entry.id));
    if (after.size === 0 && before.size > 0) {
      listener({ change: 'cleared', id: null });
      return;
    }
    for (const id of before) if (!after.has(id)) listener({ change: 'removed', id });
    for (const id of after) if (!before.has(id)) listener({ change: 'added', id });
    const keptAfter = keptIds(this.entries);
    for (const id of after)
      if (before.has(id) && keptBefore.has(id) !== keptAfter.has(id)) listener({ change: 'kept', id });
  }

  /** Writes the live entries to a new file and renames it over the old one (atomic on every platform Node runs on). */
  private async rewrite(): Promise<void> {
    const temporary = `${this.options.file}.${process.pid}.tmp`;
    const head = `${JSON.stringify({ generation: randomBytes(8).toString('hex') })}\n`;
    await writeFile(temporary, head + this.entries.map((entry) => `${JSON.stringify({ entry })}\n`).join(''));
    await rename(temporary, this.options.file);
    const info = await stat(this.options.file);
    this.mark = { dev: info.dev, ino: info.ino, bytes: info.size, head };
    this.lines = this.entries.length + 1;
    this.damaged = false;
    this.tornTail = false;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(work);
    this.queue = next;
    return next;
  }
}

function parseLine(line: string): HistoryLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.removed === 'string') return { removed: record.removed };
  if (record.cleared === true) return { cleared: true };
  if (typeof record.kept === 'string' && typeof record.value === 'boolean') {
    const variations = Array.isArray(record.variations)
      ? record.variations.filter((index): index is number => Number.isInteger(index) && index >= 0)
      : [];
    return { kept: record.kept, value: record.value, ...(variations.length > 0 ? { variations } : {}) };
  }
  if (typeof record.generation === 'string') return { generation: record.generation };
  const entry = historyEntrySchema.safeParse(record.entry);
  return entry.success ? { entry: entry.data } : null;
}

function keptIds(entries: readonly HistoryEntry[]): Set<string> {
  return new Set(entries.flatMap((entry) => (entry.kept ? [entry.id] : [])));
}

/** The entry with its star set (kept: true, and the variations starred, if any) or taken off (no such fields). */
function withKept(entry: HistoryEntry, kept: boolean, variations: readonly number[]): HistoryEntry {
  const { kept: _was, keptVariations: _wereKept, ...rest } = entry;
  if (!kept) return rest;
  return { ...rest, kept: true, ...(variations.length > 0 ? { keptVariations: [...variations] } : {}) };
}

/** The first whole line of `text` (newline included), or `fallback` when it holds none. */
function firstLine(text: string, fallback: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? fallback : text.slice(0, end + 1);
}

/** Whether the open file begins with `head` (always true for ''). */
async function startsWith(handle: FileHandle, head: string): Promise<boolean> {
  const expected = Buffer.from(head, 'utf8');
  if (expected.length === 0) return true;
  const actual = Buffer.alloc(expected.length);
  const { bytesRead } = await handle.read(actual, 0, expected.length, 0);
  return bytesRead === expected.length && actual.equals(expected);
}
