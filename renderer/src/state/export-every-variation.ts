// Exports in the Levels and Dungeons slices: the 'exporting' activity around one, and every variation at once (the
// variations' files one variation after another, and a file several of them share — the tileset of Tiled maps and LDtk
// projects — once).
import type { ExportedFile } from '../../../contract/index.js';

/**
 * Runs `exportOne` over `variations` in order, calling `onDone(done)` after each (done counts the variations
 * exported so far). Returns every file once: a file named as one an earlier variation gave is the same shared file and
 * is dropped. A failed variation rejects and stops the loop.
 */
export async function exportEveryVariation<Variation>(
  variations: readonly Variation[],
  exportOne: (variation: Variation, index: number) => Promise<ExportedFile[]>,
  onDone: (done: number) => void,
): Promise<ExportedFile[]> {
  const files = new Map<string, ExportedFile>();
  for (const [index, variation] of variations.entries()) {
    for (const file of await exportOne(variation, index)) {
      if (!files.has(file.name)) files.set(file.name, file);
    }
    onDone(index + 1);
  }
  return [...files.values()];
}

/** A game slice's activity while it exports: the format, and when every variation is exported, how many are done. */
export interface ExportingActivity<Format> {
  state: 'exporting';
  format: Format;
  all?: { done: number; total: number };
}

/**
 * Runs `work` under the slice's 'exporting' activity (shown through `show`; with `total`, counting the variations done
 * as `work` reports them), then back to idle. A failure goes to `fail`, which shows it and makes the slice idle, and
 * answers null.
 */
export async function underExportActivity<Format>(
  format: Format,
  total: number | null,
  show: (activity: ExportingActivity<Format> | { state: 'idle' }) => void,
  fail: (error: unknown) => void,
  work: (onDone: (done: number) => void) => Promise<ExportedFile[]>,
): Promise<ExportedFile[] | null> {
  const exporting = (done: number): void =>
    show({ state: 'exporting', format, ...(total === null ? {} : { all: { done, total } }) });
  exporting(0);
  try {
    const files = await work(exporting);
    show({ state: 'idle' });
    return files;
  } catch (error) {
    fail(error);
    return null;
  }
}
