// VGLC-style text: 14 lines of tile characters, optionally with the agent's path drawn in as `x` (VGLC's "Paths" style).
import { MosaicError } from '../../../../contract/index.js';
import { levelRowsSchema } from '../../../../contract/levels.js';
import type { ExportableLevel } from './level-render.js';

export function levelToVglcText(level: ExportableLevel, options: { withPath?: boolean } = {}): string {
  const rows = level.rows.map((row) => row.split(''));
  if (options.withPath) {
    for (const [x, y] of level.path ?? []) if (rows[y]?.[x] === '-') rows[y]![x] = 'x';
  }
  return `${rows.map((row) => row.join('')).join('\n')}\n`;
}

/** Reads VGLC text back into rows (path marks become air); throws BAD_REQUEST when it is not a 14-row level. */
export function parseVglcText(text: string): string[] {
  const rows = text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/x/g, '-'));
  const parsed = levelRowsSchema.safeParse(rows);
  if (!parsed.success) throw new MosaicError('BAD_REQUEST', 'Not a VGLC level: 14 rows of equal width are needed.');
  return parsed.data;
}
