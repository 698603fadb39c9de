// A level as a grid of VGLC tiles: rows and columns, and which tiles the player stands on and cannot pass.
import { levelRows } from '../../../../contract/levels.js';

export const rowCount = levelRows;
/** Tiles the player cannot pass through; enemies and coins are passable (enemies can be stomped or avoided). */
export const solidTiles: ReadonlySet<string> = new Set(['X', 'S', '?', 'Q', 'B', 'b', '<', '>', '[', ']']);

/** Each column as a 14-character string, top to bottom. */
export function columnsOf(rows: readonly string[]): string[] {
  const width = rows[0]?.length ?? 0;
  const columns: string[] = [];
  for (let x = 0; x < width; x += 1) {
    let column = '';
    for (const row of rows) column += row[x]!;
    columns.push(column);
  }
  return columns;
}

/** The rows (top first) of a list of columns. */
export function rowsOf(columns: readonly string[]): string[] {
  const rows: string[] = [];
  for (let y = 0; y < rowCount; y += 1) {
    let row = '';
    for (const column of columns) row += column[y]!;
    rows.push(row);
  }
  return rows;
}

/** Solidity of every tile, packed for the playability search: outside the grid is air (above) or a pit (below). */
export class SolidityMap {
  readonly width: number;
  private readonly cells: Uint8Array;

  constructor(columns: readonly string[]) {
    this.width = columns.length;
    this.cells = new Uint8Array(this.width * rowCount);
    columns.forEach((column, x) => {
      for (let y = 0; y < rowCount; y += 1) this.cells[x * rowCount + y] = solidTiles.has(column[y]!) ? 1 : 0;
    });
  }

  solid(x: number, y: number): boolean {
    if (y < 0 || y >= rowCount || x < 0 || x >= this.width) return false;
    return this.cells[x * rowCount + y] === 1;
  }

  /** True when the player can stand in (x, y): the cell is free and the one below is solid. */
  standable(x: number, y: number): boolean {
    return !this.solid(x, y) && this.solid(x, y + 1);
  }
}
