// Which version of each model is active (active.json) and every change to it (activations.jsonl, append-only).
import { mkdir, readFile } from 'node:fs/promises';
import type { ActivationEntry } from '../../../contract/index.js';
import { activationEntrySchema, rollbackCandidates } from '../../../contract/index.js';
import { appendLineDurable, readJsonLines, writeFileAtomic } from './durable-files.js';
import { isMissing, writingStore } from './store-errors.js';
import type { StoreLayout } from './store-layout.js';

export type ActiveVersions = Record<string, string>;

export class ActivationLog {
  constructor(
    private readonly layout: StoreLayout,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async active(): Promise<ActiveVersions> {
    try {
      const parsed = JSON.parse(await readFile(this.layout.activeFile, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      const result: ActiveVersions = {};
      for (const [name, version] of Object.entries(parsed)) if (typeof version === 'string') result[name] = version;
      return result;
    } catch (error) {
      if (isMissing(error) || error instanceof SyntaxError) return {};
      throw error;
    }
  }

  /** Every logged activation, oldest first; a torn last line (a crash mid-append) is skipped. */
  async entries(name?: string): Promise<ActivationEntry[]> {
    const entries = await readJsonLines(this.layout.activationLog, activationEntrySchema);
    return name === undefined ? entries : entries.filter((entry) => entry.name === name);
  }

  /**
   * Records the change, then switches active.json. The log is written first: a crash between the
   * two leaves a logged intent that never took effect, which history shows and rollback tolerates,
   * rather than an activation with no record.
   */
  async record(name: string, to: string | null, reason: string): Promise<ActivationEntry> {
    const active = await this.active();
    const from = active[name] ?? null;
    const entry: ActivationEntry = { at: this.now().toISOString(), name, from, to, reason };
    await writingStore('activation log', async () => {
      await mkdir(this.layout.root, { recursive: true });
      await appendLineDurable(this.layout.activationLog, JSON.stringify(entry));
      if (to === null) delete active[name];
      else active[name] = to;
      await writeFileAtomic(this.layout.activeFile, `${JSON.stringify(sortKeys(active), null, 2)}\n`);
    });
    return entry;
  }

  /** The versions a rollback would return to, most recent first (contract's rollbackCandidates over this log). */
  async rollbackCandidates(name: string): Promise<string[]> {
    return rollbackCandidates(await this.entries(name));
  }
}

function sortKeys(record: ActiveVersions): ActiveVersions {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
