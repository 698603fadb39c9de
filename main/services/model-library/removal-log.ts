// Every version the user removed (removals.jsonl, append-only), so a model this data folder has had is never installed again unasked.
import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { modelNameSchema, semverSchema } from '../../../contract/index.js';
import { appendLineDurable, readJsonLines } from './durable-files.js';
import { writingStore } from './store-errors.js';
import type { StoreLayout } from './store-layout.js';

const removalSchema = z.object({ at: z.string(), name: modelNameSchema, version: semverSchema });
export type Removal = z.infer<typeof removalSchema>;

/**
 * Kept apart from the activation log: a removal of a version that was never active changes nothing there, and the
 * log's readers (history, rollback) count only changes of the active version.
 */
export class RemovalLog {
  constructor(
    private readonly layout: StoreLayout,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a removal; written before the version's files go, so a crash between leaves the record, not a gap. */
  async record(name: string, version: string): Promise<Removal> {
    const removal: Removal = { at: this.now().toISOString(), name, version };
    await writingStore('removal log', async () => {
      await mkdir(this.layout.root, { recursive: true });
      await appendLineDurable(this.layout.removalLog, JSON.stringify(removal));
    });
    return removal;
  }

  /** Every recorded removal (of `name` when given), oldest first; a torn last line (a crash mid-append) is skipped. */
  async entries(name?: string): Promise<Removal[]> {
    const removals = await readJsonLines(this.layout.removalLog, removalSchema);
    return name === undefined ? removals : removals.filter((removal) => removal.name === name);
  }
}
