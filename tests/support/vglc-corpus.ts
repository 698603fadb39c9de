// The VGLC levels beside the project (../shared/data/vglc), normalised to 14 rows like the model's data preparation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../main/platform/paths.js';

export const vglcFolder = join(findPackageRoot(), '..', 'shared', 'data', 'vglc');
export const hasVglc = existsSync(join(vglcFolder, 'super-mario-bros', 'processed'));

export interface CorpusLevel {
  name: string;
  game: 'smb' | 'lost';
  rows: string[];
}

/** Reads a VGLC text level; Lost Levels of 12–16 rows lose empty rows on top or gain them, to 14. */
export function readVglcLevel(path: string): string[] {
  let rows = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0);
  while (rows.length > 14) rows = rows.slice(1);
  while (rows.length < 14) rows = ['-'.repeat(rows[0]!.length), ...rows];
  return rows;
}

export function corpusLevels(): CorpusLevel[] {
  const levels: CorpusLevel[] = [];
  for (const [game, folder] of [
    ['smb', 'super-mario-bros/processed'],
    ['lost', 'super-mario-bros-2-japan/processed'],
  ] as const) {
    const dir = join(vglcFolder, folder);
    for (const file of readdirSync(dir).sort()) {
      levels.push({ name: file.replace(/\.txt$/, ''), game, rows: readVglcLevel(join(dir, file)) });
    }
  }
  return levels;
}
