// The history of finished generations on disk: history.jsonl, append-only, compacted to the newest entries when it
// grows, and read back tolerating a torn last line (a crash in mid-append loses that one entry, nothing else).
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryEntry } from '../../contract/index.js';
import { historyEntrySchema } from '../../contract/index.js';

export interface HistoryStoreOptions {
  /** The history.jsonl file. */
  file: string;
  /** Entries kept; older ones go at the next compaction. */
  maxEntries?: number;
  /** Compacts when the file holds this many more lines than live entries (removals, overflow). */
  slackLines?: number;
}

/** One line of the file: an entry, or the removal of one, or of all. */
type HistoryLine = { entry: HistoryEntry } | { removed: string } | { cleared: true };

export class HistoryStore {
  private readonly maxEntries: number;
  private readonly slackLines: number;
  /** Oldest first. */
  private entries: HistoryEntry[] = [];
  private lines = 0;
  private loading: Promise<void> | null = null;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HistoryStoreOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.slackLines = options.slackLines ?? 200;
  }

  /** Newest first. */
  async list(): Promise<readonly HistoryEntry[]> {
    await this.load();
    return [...this.entries].reverse();
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    await this.load();
    return this.entries.find((entry) => entry.id === id);
  }

  async add(entry: HistoryEntry): Promise<void> {
    await this.load();
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
    await this.append({ entry });
  }

  async remove(id: string): Promise<boolean> {
    await this.load();
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    await this.append({ removed: id });
    return true;
  }

  async clear(): Promise<number> {
    await this.load();
    const removed = this.entries.length;
    this.entries = [];
    await this.enqueue(() => this.rewrite());
    return removed;
  }

  /** Waits for pending writes. */
  async flush(): Promise<void> {
    await this.writing.catch(() => undefined);
  }

  private load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const byId = new Map<string, HistoryEntry>();
    let damaged = !text.endsWith('\n') && text.length > 0;
    const lines = text.split('\n').filter((line) => line.length > 0);
    for (const line of lines) {
      const parsed = parseLine(line);
      if (!parsed) {
        damaged = true;
        continue;
      }
      if ('entry' in parsed) {
        byId.delete(parsed.entry.id);
        byId.set(parsed.entry.id, parsed.entry);
      } else if ('removed' in parsed) byId.delete(parsed.removed);
      else byId.clear();
    }
    this.entries = [...byId.values()].slice(-this.maxEntries);
    this.lines = lines.length;
    // A torn line would swallow the next append; rewrite the file whole before appending to it.
    if (damaged) await this.enqueue(() => this.rewrite());
  }

  private async append(line: HistoryLine): Promise<void> {
    await this.enqueue(async () => {
      if (this.lines + 1 > this.entries.length + this.slackLines) return this.rewrite();
      await mkdir(dirname(this.options.file), { recursive: true });
      await appendFile(this.options.file, `${JSON.stringify(line)}\n`);
      this.lines += 1;
    });
  }

  /** Writes the live entries to a new file and renames it over the old one (atomic on every platform Node runs on). */
  private async rewrite(): Promise<void> {
    await mkdir(dirname(this.options.file), { recursive: true });
    const temporary = `${this.options.file}.${process.pid}.tmp`;
    await writeFile(temporary, this.entries.map((entry) => `${JSON.stringify({ entry })}\n`).join(''));
    await rename(temporary, this.options.file);
    this.lines = this.entries.length;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.writing.catch(() => undefined).then(work);
    this.writing = next;
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
  const entry = historyEntrySchema.safeParse(record.entry);
  return entry.success ? { entry: entry.data } : null;
}
