// Paints a dungeon's tiles on a canvas: every room at its grid cell, VGLC Zelda tiles in the colours of the exported
// tileset (main/services/dungeons/dungeon-files/dungeon-tileset.ts), simplified to fills that read at any zoom.
import type { Dungeon } from '../../../../contract/index.js';
import { dungeonRoom } from '../../../../contract/index.js';

/** Map size in tiles. */
export function dungeonTileSize(dungeon: Pick<Dungeon, 'columns' | 'rows'>): { width: number; height: number } {
  return { width: dungeon.columns * dungeonRoom.width, height: dungeon.rows * dungeonRoom.height };
}

const colours = {
  void: '#000000',
  floor: '#2c4c6c',
  floorDot: '#3c6488',
  block: '#8c8c8c',
  blockLight: '#c8c8c8',
  blockDark: '#4c4c4c',
  water: '#1c3cd8',
  waterLight: '#6c9cfc',
  monster: '#d82800',
  door: '#080808',
  doorFrame: '#7c4c1c',
  stair: '#bcbcbc',
  stairDark: '#5c5c5c',
  wall: '#1c3c3c',
  wallLine: '#0c2020',
} as const;

/** Draws one tile with its top-left corner at (x, y), `cell` pixels square. */
function paintTile(context: CanvasRenderingContext2D, tile: string, x: number, y: number, cell: number): void {
  const fill = (colour: string, left: number, top: number, width: number, height: number): void => {
    context.fillStyle = colour;
    context.fillRect(left, top, width, height);
  };
  const detail = cell >= 6;
  const inset = (share: number): [number, number, number, number] => {
    const margin = Math.max(1, Math.round(cell * share));
    return [x + margin, y + margin, cell - 2 * margin, cell - 2 * margin];
  };
  switch (tile) {
    case 'F':
      fill(colours.floor, x, y, cell, cell);
      if (cell >= 10) fill(colours.floorDot, x + Math.round(cell * 0.2), y + Math.round(cell * 0.2), 1, 1);
      return;
    case 'B':
      fill(colours.block, x, y, cell, cell);
      if (detail) {
        fill(colours.blockLight, x, y, cell, 1);
        fill(colours.blockLight, x, y, 1, cell);
        fill(colours.blockDark, x, y + cell - 1, cell, 1);
        fill(colours.blockDark, x + cell - 1, y, 1, cell);
      }
      return;
    case 'M': {
      fill(colours.floor, x, y, cell, cell);
      context.fillStyle = colours.monster;
      context.beginPath();
      context.arc(x + cell / 2, y + cell / 2, cell * 0.38, 0, Math.PI * 2);
      context.fill();
      return;
    }
    case 'P':
      fill(colours.water, x, y, cell, cell);
      if (detail) fill(colours.waterLight, x + Math.round(cell * 0.2), y + Math.round(cell * 0.35), cell >> 1, 1);
      return;
    case 'O':
      fill(colours.water, x, y, cell, cell);
      fill(colours.floor, ...inset(0.25));
      return;
    case 'I':
      fill(colours.water, x, y, cell, cell);
      fill(colours.block, ...inset(0.2));
      return;
    case 'D':
      fill(colours.doorFrame, x, y, cell, cell);
      fill(colours.door, ...inset(0.15));
      return;
    case 'S':
      fill(colours.stairDark, x, y, cell, cell);
      for (let line = 0; line < 4; line += 1)
        fill(colours.stair, x, y + Math.round((line * cell) / 4), cell, Math.max(1, Math.round(cell / 8)));
      return;
    case 'W':
      fill(colours.wall, x, y, cell, cell);
      if (detail) fill(colours.wallLine, x, y + cell - 1, cell, 1);
      return;
    default:
      fill(colours.void, x, y, cell, cell);
  }
}

/**
 * Paints the whole dungeon with its top-left at (0, 0), `cell` pixels per tile (any positive size: thumbnails use a
 * fraction of a pixel); places where no room is stay void. Returns the tiles painted (rooms × 16 × 11).
 */
export function paintDungeon(context: CanvasRenderingContext2D, dungeon: Dungeon, cell: number): number {
  const { width, height } = dungeonTileSize(dungeon);
  context.fillStyle = colours.void;
  context.fillRect(0, 0, width * cell, height * cell);
  let painted = 0;
  for (const room of dungeon.rooms) {
    const left = room.x * dungeonRoom.width;
    const top = room.y * dungeonRoom.height;
    room.tiles.forEach((row, y) => {
      for (let x = 0; x < row.length; x += 1) {
        // Whole pixels at integer cells keep tiles crisp; thumbnails (fractional cells) round each tile's corners instead.
        const px = Math.floor((left + x) * cell);
        const py = Math.floor((top + y) * cell);
        const size = Math.max(1, Math.floor((left + x + 1) * cell) - px, Math.floor((top + y + 1) * cell) - py);
        paintTile(context, row[x]!, px, py, Number.isInteger(cell) ? cell : size);
        painted += 1;
      }
    });
  }
  return painted;
}

/**
 * Paints a dungeon's whole map given as rows of VGLC tiles ('-' where no room is: History's preview), fitted and
 * centred in a width × height box.
 */
export function paintDungeonRows(
  context: CanvasRenderingContext2D,
  rows: readonly string[],
  width: number,
  height: number,
): void {
  context.clearRect(0, 0, width, height);
  const columns = rows[0]?.length ?? 0;
  if (columns === 0) return;
  const cell = Math.min(width / columns, height / rows.length);
  const left = (width - cell * columns) / 2;
  const top = (height - cell * rows.length) / 2;
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      const px = Math.floor(left + x * cell);
      const py = Math.floor(top + y * cell);
      const size = Math.max(1, Math.floor(left + (x + 1) * cell) - px, Math.floor(top + (y + 1) * cell) - py);
      paintTile(context, row[x]!, px, py, size);
    }
  });
}
