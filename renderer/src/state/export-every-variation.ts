// Exporting every variation at once, shared by the Levels and Dungeons slices: the variations' files one variation
// after another, and a file several of them share (the tileset of Tiled maps and LDtk projects) once.
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
