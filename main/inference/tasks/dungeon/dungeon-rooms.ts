// A room's tiles from its interior and its doors (walls 2 thick, D on the wall's inner layer), and the doors each room
// of a dungeon has, by side.
import type { DungeonDoor, DungeonSide } from '../../../../contract/dungeons.js';
import { doorTiles, dungeonInterior, dungeonRoom, dungeonSides, oppositeSide } from '../../../../contract/dungeons.js';

export type RoomDoors = Record<DungeonSide, boolean>;

/** Which sides of each room have a door (locked or not). */
export function doorSidesOf(roomCount: number, doors: readonly DungeonDoor[]): RoomDoors[] {
  const sides = Array.from({ length: roomCount }, () => ({ north: false, east: false, south: false, west: false }));
  for (const door of doors) {
    sides[door.from]![door.side] = true;
    sides[door.to]![oppositeSide[door.side]] = true;
  }
  return sides;
}

/** The 11 rows of a room: W walls, D on the inner layer of each side with a door, the 7 × 12 interior inside. */
export function assembleRoom(interior: readonly string[], doors: RoomDoors): string[] {
  if (interior.length !== dungeonInterior.height || interior.some((row) => row.length !== dungeonInterior.width)) {
    throw new Error(`A room interior is ${dungeonInterior.height} rows of ${dungeonInterior.width} tiles.`);
  }
  const grid = Array.from({ length: dungeonRoom.height }, () => Array<string>(dungeonRoom.width).fill('W'));
  for (const [y, row] of interior.entries()) {
    for (const [x, tile] of [...row].entries()) grid[dungeonInterior.top + y]![dungeonInterior.left + x] = tile;
  }
  for (const side of dungeonSides) {
    if (!doors[side]) continue;
    for (const [x, y] of doorTiles(side)) grid[y]![x] = 'D';
  }
  return grid.map((row) => row.join(''));
}

/** The 7 rows of 12 interior tiles of a room's 11 rows. */
export function interiorOf(tiles: readonly string[]): string[] {
  return tiles
    .slice(dungeonInterior.top, dungeonInterior.top + dungeonInterior.height)
    .map((row) => row.slice(dungeonInterior.left, dungeonInterior.left + dungeonInterior.width));
}

/** The sides whose door tiles a room's rows carry (D on the wall's inner layer). */
export function doorsDrawn(tiles: readonly string[]): RoomDoors {
  const drawn = { north: false, east: false, south: false, west: false };
  for (const side of dungeonSides) drawn[side] = doorTiles(side).every(([x, y]) => tiles[y]?.[x] === 'D');
  return drawn;
}
