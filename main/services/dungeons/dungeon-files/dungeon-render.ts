// Draws a dungeon as a PNG: every room's tiles on the grid, locked doors, the agent's route, spawn, keys and boss.
import type { Dungeon, DungeonSpot } from '../../../../contract/dungeons.js';
import { doorTiles, dungeonRoom } from '../../../../contract/dungeons.js';
import { createImage, encodePng, fillRect, type RgbaImage } from '../../levels/level-files/png-encoder.js';
import { drawDungeonTile, dungeonTileSize, voidColour } from './dungeon-tileset.js';
import { dungeonMapCell, dungeonMapRows } from './vglc-zelda.js';

export const routeColour = 0xfcfc54;
export const spawnColour = 0x38d838;
export const keyColour = 0xf8b800;
export const bossColour = 0xf83800;
export const lockColour = 0xf8b800;

export function renderDungeonImage(dungeon: Dungeon, scale = 1): RgbaImage {
  const cell = dungeonTileSize * scale;
  const rows = dungeonMapRows(dungeon);
  const image = createImage(rows[0]!.length * cell, rows.length * cell);
  fillRect(image, 0, 0, image.width, image.height, voidColour);
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) drawDungeonTile(image, row[x]!, x * cell, y * cell, scale);
  });
  // Locked doors: a bar across both wall layers of the passage.
  for (const door of dungeon.doors) {
    if (door.lock === null) continue;
    const room = dungeon.rooms[door.from]!;
    for (const [x, y] of doorTiles(door.side)) {
      const [px, py] = door.side === 'east' ? [x + 1, y] : [x, y + 1];
      const gx = (room.x * dungeonRoom.width + px) * cell;
      const gy = (room.y * dungeonRoom.height + py) * cell;
      if (door.side === 'east') fillRect(image, gx, gy, cell * 2, cell, lockColour);
      else fillRect(image, gx, gy, cell, cell * 2, lockColour);
    }
  }
  const dot = 4 * scale;
  for (const [x, y] of dungeon.path)
    fillRect(image, x * cell + cell / 2 - dot / 2, y * cell + cell / 2 - dot / 2, dot, dot, routeColour);
  const marker = (spot: DungeonSpot, colour: number) => {
    const [x, y] = dungeonMapCell(dungeon, spot);
    fillRect(image, x * cell + 2 * scale, y * cell + 2 * scale, cell - 4 * scale, cell - 4 * scale, colour);
  };
  marker(dungeon.spawn, spawnColour);
  for (const key of dungeon.keys) marker(key, keyColour);
  marker(dungeon.goal, bossColour);
  return image;
}

export function renderDungeonPng(dungeon: Dungeon, text: Record<string, string> = {}): Buffer {
  return encodePng(renderDungeonImage(dungeon), text);
}
