// VGLC Zelda text, as in `legend-of-zelda/processed/tlozN_M.txt`: the whole dungeon map TRANSPOSED (VGLC's text
// rooms are 11 columns × 16 rows; ours, like the game's, 16 wide × 11 tall), '-' where no room is, one line per map
// column, each ended by "\n". The reader undoes the transpose, so a corpus map and an export read the same way.
import { MosaicError } from '../../../../contract/index.js';
import type { Dungeon, DungeonCell, DungeonSpot } from '../../../../contract/dungeons.js';
import { dungeonRoom } from '../../../../contract/dungeons.js';

/** The dungeon's map in the original orientation: rows × 11 lines of columns × 16 tiles, '-' outside rooms. */
export function dungeonMapRows(dungeon: Pick<Dungeon, 'columns' | 'rows' | 'rooms'>): string[] {
  const grid = Array.from({ length: dungeon.rows * dungeonRoom.height }, () =>
    Array<string>(dungeon.columns * dungeonRoom.width).fill('-'),
  );
  for (const room of dungeon.rooms) {
    for (const [y, row] of room.tiles.entries()) {
      for (const [x, tile] of [...row].entries()) {
        grid[room.y * dungeonRoom.height + y]![room.x * dungeonRoom.width + x] = tile;
      }
    }
  }
  return grid.map((row) => row.join(''));
}

/** A spot's cell on that map: its room's grid cell times the room size, plus the spot's cell in the room. */
export function dungeonMapCell(dungeon: Pick<Dungeon, 'rooms'>, spot: DungeonSpot): DungeonCell {
  const room = dungeon.rooms[spot.room]!;
  return [room.x * dungeonRoom.width + spot.at[0], room.y * dungeonRoom.height + spot.at[1]];
}

/** Swaps rows and columns. */
export function transpose(rows: readonly string[]): string[] {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, x) => rows.map((row) => row[x]).join(''));
}

export function dungeonToVglcText(dungeon: Pick<Dungeon, 'columns' | 'rows' | 'rooms'>): string {
  return transpose(dungeonMapRows(dungeon))
    .map((line) => `${line}\n`)
    .join('');
}

export interface VglcRoom {
  /** Grid cell in the original orientation. */
  x: number;
  y: number;
  /** 11 rows of 16 tiles. */
  tiles: string[];
}

export interface VglcDungeonMap {
  columns: number;
  rows: number;
  /** Every grid cell that is not all void. */
  rooms: VglcRoom[];
}

/** Reads VGLC Zelda text (a corpus map or an export); BAD_REQUEST when its size is not whole rooms. */
export function parseVglcZelda(text: string): VglcDungeonMap {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const width = lines[0]?.length ?? 0;
  if (
    lines.length === 0 ||
    lines.length % dungeonRoom.width !== 0 ||
    width % dungeonRoom.height !== 0 ||
    lines.some((line) => line.length !== width || !/^[FBMPOIDSW-]+$/.test(line))
  ) {
    throw new MosaicError(
      'BAD_REQUEST',
      'Not VGLC Zelda text: lines of equal length in whole rooms (16 lines × 11 characters each) of F B M P O I D S W -.',
    );
  }
  const map = transpose(lines);
  const columns = lines.length / dungeonRoom.width;
  const rows = width / dungeonRoom.height;
  const rooms: VglcRoom[] = [];
  for (let y = 0; y < rows; y += 1) {
    for (let x = 0; x < columns; x += 1) {
      const tiles = map
        .slice(y * dungeonRoom.height, (y + 1) * dungeonRoom.height)
        .map((row) => row.slice(x * dungeonRoom.width, (x + 1) * dungeonRoom.width));
      if (tiles.every((row) => /^-+$/.test(row))) continue;
      rooms.push({ x, y, tiles });
    }
  }
  return { columns, rows, rooms };
}
