// Reading a dungeon room by room: its doors, its keys, the room beside it in a direction, and which rooms two takes
// of a dungeon draw differently.
import type { Dungeon, DungeonRepair, DungeonSide } from '../../../contract/index.js';
import { oppositeSide, sideSteps } from '../../../contract/index.js';

export interface RoomDoor {
  side: DungeonSide;
  /** The room behind the door. */
  to: number;
  /** The key that opens it, or null for an open door. */
  lock: number | null;
}

/** The doors of a room, from its own side (a door stored as "east of room 3" is room 4's west door). */
export function doorsOfRoom(dungeon: Dungeon, room: number): RoomDoor[] {
  const doors: RoomDoor[] = [];
  for (const door of dungeon.doors) {
    if (door.from === room) doors.push({ side: door.side, to: door.to, lock: door.lock });
    else if (door.to === room) doors.push({ side: oppositeSide[door.side], to: door.from, lock: door.lock });
  }
  const order: DungeonSide[] = ['north', 'east', 'south', 'west'];
  return doors.sort((a, b) => order.indexOf(a.side) - order.indexOf(b.side));
}

/** The keys (their indexes) lying in a room. */
export function keysInRoom(dungeon: Dungeon, room: number): number[] {
  return dungeon.keys.flatMap((key, index) => (key.room === room ? [index] : []));
}

export function repairsInRoom(dungeon: Dungeon, room: number): DungeonRepair[] {
  return dungeon.repairs.filter((repair) => repair.room === room);
}

/**
 * The room the selection moves to from `room` in a direction: the grid neighbour on that side when there is one, else
 * the nearest room lying that way (by grid distance, the straighter one first); null when no room lies that way.
 */
export function roomToward(dungeon: Dungeon, room: number, side: DungeonSide): number | null {
  const from = dungeon.rooms[room];
  if (!from) return null;
  const [dx, dy] = sideSteps[side];
  let best: { id: number; score: number } | null = null;
  for (const candidate of dungeon.rooms) {
    const ahead = (candidate.x - from.x) * dx + (candidate.y - from.y) * dy;
    if (ahead <= 0) continue;
    const across = Math.abs((candidate.x - from.x) * dy) + Math.abs((candidate.y - from.y) * dx);
    const score = ahead + 2 * across;
    if (!best || score < best.score) best = { id: candidate.id, score };
  }
  return best?.id ?? null;
}

/** The rooms (ids) whose tiles differ between two takes of the same dungeon. */
export function roomsRedrawn(before: Dungeon, after: Dungeon): number[] {
  return after.rooms.flatMap((room, index) => {
    const old = before.rooms[index];
    return old && old.tiles.every((row, y) => row === room.tiles[y]) ? [] : [room.id];
  });
}

/**
 * The repairs of a dungeon in which one room was redrawn: the new answer's repairs for each room it repaired, and the
 * previous take's for the rooms it kept untouched (their tiles still came from those repairs).
 */
export function mergeRoomRepairs(before: Dungeon, after: Dungeon, redrawn: number): DungeonRepair[] {
  const repairedNow = new Set(after.repairs.map((repair) => repair.room));
  const changed = new Set(roomsRedrawn(before, after));
  const kept = before.repairs.filter(
    (repair) => repair.room !== redrawn && !repairedNow.has(repair.room) && !changed.has(repair.room),
  );
  return [...kept, ...after.repairs].sort((a, b) => a.room - b.room);
}
