// Structural checks of a level grid: pipes two columns wide, capped at one end and supported; cannons on support.
import { rowCount } from './level-grid.js';

/** Tiles a pipe may stand on or hang from, and a cannon may stand on: solid and not part of a pipe. */
const support = new Set(['X', 'S', '?', 'Q', 'B', 'b']);

export interface StructureProblem {
  x: number;
  y: number;
  reason: string;
}

/**
 * Every malformed multi-tile object of a level given as columns (top to bottom). The same rules the training data was
 * cleaned to: a left half `<`/`[` has its right half `>`/`]` in the next column on the same row and vice versa; a
 * vertical run of halves is a cap `<` on bodies `[` resting on support (or the floor), or bodies hanging from support
 * (or the ceiling) down to a cap; a cannon `B` stands on bases `b` on support.
 */
export function structureProblems(columns: readonly string[]): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const tile = (x: number, y: number) => columns[x]?.[y];
  columns.forEach((column, x) => {
    for (let y = 0; y < rowCount; y += 1) {
      const here = column[y]!;
      if ((here === '<' && tile(x + 1, y) !== '>') || (here === '[' && tile(x + 1, y) !== ']')) {
        problems.push({ x, y, reason: 'left pipe half without its right half' });
      }
      if ((here === '>' && tile(x - 1, y) !== '<') || (here === ']' && tile(x - 1, y) !== '[')) {
        problems.push({ x, y, reason: 'right pipe half without its left half' });
      }
      if ((here === 'B' || here === 'b') && y + 1 < rowCount && !support.has(column[y + 1]!)) {
        problems.push({ x, y, reason: 'cannon without support' });
      }
      if (here === 'b' && tile(x, y - 1) !== 'B' && tile(x, y - 1) !== 'b') {
        problems.push({ x, y, reason: 'cannon base without a top' });
      }
    }
    for (const [halves, cap] of [
      ['<[', '<'],
      ['>]', '>'],
    ] as const) {
      for (let top = 0; top < rowCount; top += 1) {
        if (!halves.includes(column[top]!) || (top > 0 && halves.includes(column[top - 1]!))) continue;
        let bottom = top;
        while (bottom + 1 < rowCount && halves.includes(column[bottom + 1]!)) bottom += 1;
        const run = column.slice(top, bottom + 1);
        const above = top > 0 ? column[top - 1]! : null;
        const below = bottom + 1 < rowCount ? column[bottom + 1]! : null;
        const upright = run[0] === cap && !run.slice(1).includes(cap) && (below === null || support.has(below));
        const hanging =
          run.length > 1 &&
          run.at(-1) === cap &&
          !run.slice(0, -1).includes(cap) &&
          (above === null || support.has(above));
        if (!upright && !hanging) {
          problems.push({ x, y: top, reason: 'pipe without a cap at one end or without support' });
        }
      }
    }
  });
  return problems;
}
