// Repairs the rooms the agent rejects: first the model redraws them (a bounded number of rounds, all failing rooms in
// one batch), then a floor path is carved from the room's centre to each door, changing as few tiles as it can.
import type { DungeonCell, DungeonRepair } from '../../../../contract/dungeons.js';
import {
  doorTiles,
  dungeonInterior,
  dungeonRoom,
  dungeonSides,
  dungeonWalkableTiles,
} from '../../../../contract/dungeons.js';
import { checkRoom, placeSpot, type RoomVerdict } from './dungeon-agent.js';
import { assembleRoom, type RoomDoors } from './dungeon-rooms.js';

/** Draws new interiors (7 rows of 12 tiles) for the rooms named; `round` counts from 0 so each round samples anew. */
export type RoomRedraw = (rooms: readonly number[], round: number) => Promise<string[][]>;

export interface RoomToCheck {
  tiles: string[];
  doors: RoomDoors;
  /** Things that must stand in the room (spawn, key, boss): it needs that many reachable interior tiles. */
  spots: number;
}

export interface RepairOutcome {
  tiles: string[][];
  repairs: DungeonRepair[];
  checkMs: number;
}

/** The agent's verdict on a room, with the standing room it needs for its spots counted in. */
export function verdictOf(room: RoomToCheck): RoomVerdict {
  const verdict = checkRoom(room.tiles, room.doors);
  if (!verdict.ok) return verdict;
  const taken: DungeonCell[] = [];
  for (let spot = 0; spot < room.spots; spot += 1) {
    const cell = placeSpot(verdict.reachable, room.tiles, taken);
    if (!cell)
      return { ok: false, reason: `no room to stand ${room.spots} things inside`, reachable: verdict.reachable };
    taken.push(cell);
  }
  return verdict;
}

export async function repairRooms(
  rooms: readonly RoomToCheck[],
  budget: number,
  redraw: RoomRedraw,
): Promise<RepairOutcome> {
  const tiles = rooms.map((room) => [...room.tiles]);
  const firstReason = new Map<number, string>();
  const redrawn = new Set<number>();
  let checkMs = 0;
  const failing = (): number[] => {
    const started = performance.now();
    const ids = rooms.flatMap((room, id) => {
      const verdict = verdictOf({ ...room, tiles: tiles[id]! });
      if (verdict.ok) return [];
      if (!firstReason.has(id)) firstReason.set(id, verdict.reason!);
      return [id];
    });
    checkMs += performance.now() - started;
    return ids;
  };
  let broken = failing();
  for (let round = 0; round < budget && broken.length > 0; round += 1) {
    const interiors = await redraw(broken, round);
    for (const [index, id] of broken.entries()) {
      tiles[id] = assembleRoom(interiors[index]!, rooms[id]!.doors);
      redrawn.add(id);
    }
    broken = failing();
  }
  const repairs: DungeonRepair[] = [];
  for (const id of redrawn) {
    if (broken.includes(id)) continue;
    repairs.push({
      room: id,
      kind: 'resample',
      tiles: changedTiles(rooms[id]!.tiles, tiles[id]!),
      reason: firstReason.get(id)!,
    });
  }
  for (const id of broken) {
    const carved = carveRoom(tiles[id]!, rooms[id]!.doors);
    repairs.push({
      room: id,
      kind: 'carve',
      tiles: changedTiles(rooms[id]!.tiles, carved),
      reason: firstReason.get(id)!,
    });
    tiles[id] = carved;
  }
  return { tiles, repairs: repairs.sort((a, b) => a.room - b.room), checkMs };
}

function changedTiles(before: readonly string[], after: readonly string[]): number {
  let changed = 0;
  for (const [y, row] of after.entries())
    for (const [x, tile] of [...row].entries()) if (before[y]![x] !== tile) changed += 1;
  return changed;
}

const W = dungeonRoom.width;
const hub: DungeonCell = [7, 5];

/**
 * Lays floor from the room's centre to every door along the path that crosses the fewest unwalkable tiles (a 0-1
 * breadth-first search: walkable tiles cost 0, interior tiles to clear cost 1, walls cannot be crossed), then clears
 * the tiles on those paths and the centre. Two interior tiles or more then stand connected to every door.
 */
export function carveRoom(tiles: readonly string[], doors: RoomDoors): string[] {
  const grid = tiles.map((row) => [...row]);
  const inside = (x: number, y: number) =>
    x >= dungeonInterior.left &&
    x < dungeonInterior.left + dungeonInterior.width &&
    y >= dungeonInterior.top &&
    y < dungeonInterior.top + dungeonInterior.height;
  const cost = new Float64Array(W * dungeonRoom.height).fill(Infinity);
  const parent = new Int32Array(W * dungeonRoom.height).fill(-1);
  const start = hub[1] * W + hub[0];
  cost[start] = 0;
  const deque: number[] = [start];
  while (deque.length > 0) {
    const cell = deque.shift()!;
    const x = cell % W;
    const y = (cell - x) / W;
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const nx = x + dx;
      const ny = y + dy;
      const tile = grid[ny]?.[nx];
      if (tile === undefined || (!inside(nx, ny) && tile !== 'D')) continue;
      const step = dungeonWalkableTiles.includes(tile) ? 0 : 1;
      const next = ny * W + nx;
      if (cost[cell]! + step >= cost[next]!) continue;
      cost[next] = cost[cell]! + step;
      parent[next] = cell;
      if (step === 0) deque.unshift(next);
      else deque.push(next);
    }
  }
  grid[hub[1]]![hub[0]] = 'F';
  for (const side of dungeonSides) {
    if (!doors[side]) continue;
    const target = doorTiles(side)
      .map(([x, y]) => y * W + x)
      .reduce((best, cell) => (cost[cell]! < cost[best]! ? cell : best));
    for (let cell = target; cell !== -1; cell = parent[cell]!) {
      const x = cell % W;
      const y = (cell - x) / W;
      if (inside(x, y) && !dungeonWalkableTiles.includes(grid[y]![x]!)) grid[y]![x] = 'F';
    }
  }
  return grid.map((row) => row.join(''));
}
