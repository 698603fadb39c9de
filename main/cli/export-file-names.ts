// The export methods name their files from a safe stem; the CLI writes those files under the name the user gave it.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ExportedFile, LevelProvenance } from '../../contract/index.js';
import { exportFileStemPattern } from '../../contract/index.js';

/** Asked of an export in place of a stem it would refuse ("A#minor", "mélodie", "(take 2)"). */
const standIn = 'mosaic-export';

export interface ExportNaming {
  /** The stem to send to music.export / levels.export. */
  name: string;
  /** Where a returned file goes in the user's folder: the export's own name for it, under the user's stem. */
  localName: (exported: string) => string;
}

/** How the files for `stem` (the --out file's name without its extension) are asked for and named on disk. */
export function exportNaming(stem: string): ExportNaming {
  const name = exportFileStemPattern.test(stem) ? stem : standIn;
  return {
    name,
    localName: (exported) => {
      // An engine (perhaps a running service) names files, never folders: keep only the last part.
      const file = basename(exported);
      return name !== stem && file.startsWith(`${name}.`) ? `${stem}${file.slice(name.length)}` : file;
    },
  };
}

/** Asks for one variation's file in one format, under the stem given. */
export type ExportVariation = (
  variation: number,
  format: 'mid' | 'wav',
  name: string,
) => Promise<{ files: ExportedFile[] }>;

/**
 * Writes every variation as <out>.mid (and <wav>.wav), numbered -1, -2, … when there are several, and returns the
 * files written for each variation, as the user named their folder (a relative --out stays relative).
 */
export async function writeVariations(
  variations: number,
  targets: { mid?: string | undefined; wav?: string | undefined },
  exportVariation: ExportVariation,
): Promise<string[][]> {
  const written: string[][] = Array.from({ length: variations }, () => []);
  for (const [format, target] of [
    ['mid', targets.mid],
    ['wav', targets.wav],
  ] as const) {
    if (!target) continue;
    const path = resolve(target);
    const stem = basename(path, extname(path));
    await mkdir(dirname(path), { recursive: true });
    for (let variation = 0; variation < variations; variation += 1) {
      const naming = exportNaming(variations > 1 ? `${stem}-${variation + 1}` : stem);
      const { files } = await exportVariation(variation, format, naming.name);
      for (const file of files) {
        const local = naming.localName(file.name);
        await writeFile(join(dirname(path), local), Buffer.from(file.base64, 'base64'));
        written[variation]!.push(join(dirname(target), local));
      }
    }
  }
  return written;
}

/** The provenance an export of a generated level or dungeon carries: the model as name@version, the prompt and seed. */
export function runProvenance(run: {
  model: { name: string; version: string; digest: string };
  result: { prompt: string; seed: number };
}): LevelProvenance {
  return {
    model: `${run.model.name}@${run.model.version}`,
    digest: run.model.digest,
    prompt: run.result.prompt,
    seed: run.result.seed,
  };
}

/**
 * Writes each variation's export files next to `outFile` (named after it, -1, -2, … when there are several) and returns
 * the files written for each, as the user named their folder. A file every variation shares (a Tiled tileset and its
 * PNG) is written each time but listed once, on the first variation's line.
 */
export async function writeGameExports<Variation extends { variation: number }>(
  outFile: string,
  variations: readonly Variation[],
  exportVariation: (variation: Variation, name: string) => Promise<{ files: ExportedFile[] }>,
): Promise<string[][]> {
  const out = resolve(outFile);
  const stem = basename(out, extname(out));
  await mkdir(dirname(out), { recursive: true });
  const listed = new Set<string>();
  const written: string[][] = [];
  for (const variation of variations) {
    const naming = exportNaming(variations.length > 1 ? `${stem}-${variation.variation + 1}` : stem);
    const { files } = await exportVariation(variation, naming.name);
    const mine: string[] = [];
    for (const file of files) {
      const local = naming.localName(file.name);
      await writeFile(join(dirname(out), local), Buffer.from(file.base64, 'base64'));
      if (!listed.has(local)) mine.push(join(dirname(outFile), local));
      listed.add(local);
    }
    written.push(mine);
  }
  return written;
}
