// Post-processing before the playability check: a clear spawn area in the first columns and pipes standing on the ground.
import { rowCount } from './level-grid.js';
import { spawnColumns } from './playability-agent.js';

/** Columns tidying may change, [from, to); everything else stays byte-identical. */
export interface TidySpan {
  from: number;
  to: number;
}

/** The two floor rows: a pipe cap in them is a stub sunk into the ground. */
const floorRows = 2;
const solid = /[XSQ?<>[\]Bb]/;

/**
 * A level the player can start: columns 0–2 have ground, no enemy and no cannon, and no pipe (removed whole, with its
 * other half when that lies in the span too); pipes whose cap sits in the floor rows are raised onto the ground, two
 * tiles tall with their top visible, or become ground where something is in the way. Only columns inside `span` change.
 */
export function tidyLevel(columns: readonly string[], span: TidySpan): string[] {
  const next = columns.map((column) => column.split(''));
  const editable = (x: number) => x >= span.from && x < span.to && x < next.length;
  for (let x = 0; x < Math.min(spawnColumns, next.length); x += 1) {
    if (!editable(x)) continue;
    const column = next[x]!;
    for (let y = 0; y < rowCount; y += 1) {
      const tile = column[y]!;
      if (tile === 'E' || tile === 'B' || tile === 'b') column[y] = '-';
      const partner = tile === '<' || tile === '[' ? x + 1 : tile === '>' || tile === ']' ? x - 1 : null;
      if (partner !== null && (partner < 0 || editable(partner))) {
        column[y] = '-';
        if (partner >= 0 && partner < next.length) next[partner]![y] = '-';
      }
    }
    if (!solid.test(column[rowCount - 1]!)) {
      for (let y = rowCount - floorRows; y < rowCount; y += 1) if (column[y] === '-') column[y] = 'X';
    }
  }
  for (let x = 0; x + 1 < next.length; x += 1) {
    if (!editable(x) || !editable(x + 1)) continue;
    const [left, right] = [next[x]!, next[x + 1]!];
    const cap = left.findIndex(
      (tile, y) => y >= rowCount - floorRows && tile === '<' && right[y] === '>' && left[y - 1] !== '[',
    );
    if (cap < 0) continue;
    // The stub (its cap and the bodies below) becomes ground; a two-tile pipe stands on it where there is room.
    for (let y = cap; y < rowCount; y += 1) {
      if ('<['.includes(left[y]!)) left[y] = 'X';
      if ('>]'.includes(right[y]!)) right[y] = 'X';
    }
    const rows = [cap - 2, cap - 1];
    if (rows.every((y) => !solid.test(left[y]!) && !solid.test(right[y]!))) {
      [left[cap - 2], right[cap - 2], left[cap - 1], right[cap - 1]] = ['<', '>', '[', ']'];
    }
  }
  return next.map((column) => column.join(''));
}
