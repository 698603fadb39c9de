// A dungeon sent back for an edit (one room redrawn) turned into its layout again, after checking that it holds
// together: room ids in order, one room per grid cell, doors between grid neighbours, locks naming keys that exist.
import { MosaicError } from '../../../../contract/index.js';
import type { Dungeon } from '../../../../contract/dungeons.js';
import type { DungeonLayout } from './dungeon-layout.js';

function refuse(problem: string): never {
  throw new MosaicError(
    'BAD_REQUEST',
    `The dungeon does not hold together: ${problem}. Send a dungeon as dungeons.generate answers it.`,
  );
}

export function layoutOfDungeon(dungeon: Dungeon): DungeonLayout {
  const at = new Map<string, number>();
  for (const [index, room] of dungeon.rooms.entries()) {
    if (room.id !== index) refuse(`room ${index} has id ${room.id}`);
    if (room.x >= dungeon.columns || room.y >= dungeon.rows)
      refuse(`room ${index} lies outside the ${dungeon.columns} × ${dungeon.rows} grid`);
    const cell = `${room.x},${room.y}`;
    if (at.has(cell)) refuse(`rooms ${at.get(cell)} and ${index} share grid cell (${cell})`);
    at.set(cell, index);
  }
  const exists = (room: number) => room < dungeon.rooms.length;
  for (const door of dungeon.doors) {
    if (!exists(door.from) || !exists(door.to)) refuse(`a door names a room that does not exist`);
    const from = dungeon.rooms[door.from]!;
    const to = dungeon.rooms[door.to]!;
    const [dx, dy] = door.side === 'east' ? [1, 0] : [0, 1];
    if (to.x !== from.x + dx || to.y !== from.y + dy)
      refuse(`the ${door.side} door of room ${door.from} does not lead to room ${door.to}`);
    if (door.lock !== null && door.lock >= dungeon.keys.length)
      refuse(`a door is locked by key ${door.lock}, which does not exist`);
  }
  for (const spot of [dungeon.spawn, dungeon.goal, ...dungeon.keys]) {
    if (!exists(spot.room)) refuse(`a spawn, goal or key lies in room ${spot.room}, which does not exist`);
  }
  return {
    columns: dungeon.columns,
    rows: dungeon.rows,
    rooms: dungeon.rooms.map(({ id, x, y, role, enemies, blocks, elements }) => ({
      id,
      x,
      y,
      role,
      enemies,
      blocks,
      elements,
    })),
    doors: dungeon.doors.map((door) => ({ ...door })),
    start: dungeon.spawn.room,
    goal: dungeon.goal.room,
    keyRooms: dungeon.keys.map((key) => key.room),
  };
}
