// The dungeon agent: inside a room, is every door reachable from every other over walkable tiles; where can a spawn, key
// or boss stand; across the dungeon, does a walk from the spawn collect each key before its lock and reach every room
// and the goal. The route it walks is what the Studio draws.
import type { DungeonCell, DungeonDoor, DungeonSide, DungeonSpot } from '../../../../contract/dungeons.js';
import {
  doorTiles,
  dungeonInterior,
  dungeonRoom,
  dungeonSides,
  dungeonWalkableTiles,
} from '../../../../contract/dungeons.js';
import type { RoomDoors } from './dungeon-rooms.js';

const W = dungeonRoom.width;
const H = dungeonRoom.height;
const isWalkable = (tile: string | undefined) => tile !== undefined && dungeonWalkableTiles.includes(tile);
const isInterior = (x: number, y: number) =>
  x >= dungeonInterior.left &&
  x < dungeonInterior.left + dungeonInterior.width &&
  y >= dungeonInterior.top &&
  y < dungeonInterior.top + dungeonInterior.height;
const moves = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const;

export interface RoomVerdict {
  ok: boolean;
  /** Why not, in words the repair report keeps: "door east cut off from door north". */
  reason: string | null;
  /** Room cells (y·16 + x) reachable from the first door. */
  reachable: Set<number>;
}

/** The walkable cells connected to `sources` inside one room. */
export function flood(tiles: readonly string[], sources: readonly DungeonCell[]): Set<number> {
  const seen = new Set<number>();
  const queue: number[] = [];
  for (const [x, y] of sources) {
    if (!isWalkable(tiles[y]?.[x]) || seen.has(y * W + x)) continue;
    seen.add(y * W + x);
    queue.push(y * W + x);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const cell = queue[head]!;
    const x = cell % W;
    const y = (cell - x) / W;
    for (const [dx, dy] of moves) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= W || ny >= H || seen.has(ny * W + nx) || !isWalkable(tiles[ny]![nx])) continue;
      seen.add(ny * W + nx);
      queue.push(ny * W + nx);
    }
  }
  return seen;
}

/** Every door of the room reaches every other, and the player can step inside (an interior tile joins the doors). */
export function checkRoom(tiles: readonly string[], doors: RoomDoors): RoomVerdict {
  const sides = dungeonSides.filter((side) => doors[side]);
  if (sides.length === 0) return { ok: false, reason: 'the room has no door', reachable: new Set() };
  for (const side of sides) {
    if (!doorTiles(side).every(([x, y]) => tiles[y]?.[x] === 'D')) {
      return { ok: false, reason: `door ${side} is not drawn`, reachable: new Set() };
    }
  }
  const first = sides[0]!;
  const reachable = flood(tiles, doorTiles(first));
  for (const side of sides.slice(1)) {
    if (!doorTiles(side).some(([x, y]) => reachable.has(y * W + x))) {
      return { ok: false, reason: `door ${side} cut off from door ${first}`, reachable };
    }
  }
  if (![...reachable].some((cell) => isInterior(cell % W, Math.floor(cell / W)))) {
    return { ok: false, reason: `no floor inside door ${first}`, reachable };
  }
  return { ok: true, reason: null, reachable };
}

/**
 * Where a spawn, key or boss stands: the reachable interior tile nearest the room's centre, floor before other walkable
 * tiles, not one already `taken`; null when none is left.
 */
export function placeSpot(
  reachable: ReadonlySet<number>,
  tiles: readonly string[],
  taken: readonly DungeonCell[],
): DungeonCell | null {
  let best: DungeonCell | null = null;
  let bestScore = Infinity;
  for (const cell of reachable) {
    const x = cell % W;
    const y = (cell - x) / W;
    if (!isInterior(x, y) || taken.some(([tx, ty]) => tx === x && ty === y)) continue;
    const score = (tiles[y]![x] === 'F' ? 0 : 1000) + Math.abs(x - 7.5) * 2 + Math.abs(y - 5) * 3 + x / 100;
    if (score < bestScore) {
      bestScore = score;
      best = [x, y];
    }
  }
  return best;
}

export interface DungeonWalk {
  columns: number;
  rows: number;
  rooms: readonly { x: number; y: number; tiles: readonly string[] }[];
  doors: readonly DungeonDoor[];
  spawn: DungeonSpot;
  goal: DungeonSpot;
  keys: readonly DungeonSpot[];
}

export interface RouteReport {
  path: DungeonCell[];
  visitOrder: number[];
  /** Empty when the walk collects every key before its lock, reaches every room and the goal. */
  problems: string[];
}

/** The whole dungeon as one tile map, where door passages (both wall layers) open only with their key. */
class DungeonMap {
  readonly width: number;
  readonly height: number;
  /** Per map cell: -1 wall or void, -2 open floor, k ≥ 0 a passage opened by key k. */
  private readonly gate: Int8Array;
  private readonly roomAt: Int16Array;

  constructor(walk: DungeonWalk) {
    this.width = walk.columns * W;
    this.height = walk.rows * H;
    this.gate = new Int8Array(this.width * this.height).fill(-1);
    this.roomAt = new Int16Array(this.width * this.height).fill(-1);
    for (const [id, room] of walk.rooms.entries()) {
      for (let y = 0; y < H; y += 1) {
        for (let x = 0; x < W; x += 1) {
          const cell = this.cell(room.x * W + x, room.y * H + y);
          this.roomAt[cell] = id;
          if (isWalkable(room.tiles[y]?.[x])) this.gate[cell] = -2;
        }
      }
    }
    for (const door of walk.doors) {
      const room = walk.rooms[door.from]!;
      for (const [x, y] of doorTiles(door.side as DungeonSide)) {
        const [ox, oy] = door.side === 'east' ? [x + 1, y] : [x, y + 1];
        const [px, py] = door.side === 'east' ? [x + 2, y] : [x, y + 2];
        for (const [gx, gy] of [
          [ox, oy],
          [px, py],
        ] as const) {
          this.gate[this.cell(room.x * W + gx, room.y * H + gy)] = door.lock ?? -2;
        }
      }
    }
  }

  cell(x: number, y: number): number {
    return y * this.width + x;
  }

  spotCell(walk: DungeonWalk, spot: DungeonSpot): number {
    const room = walk.rooms[spot.room]!;
    return this.cell(room.x * W + spot.at[0], room.y * H + spot.at[1]);
  }

  room(cell: number): number {
    return this.roomAt[cell]!;
  }

  /** Breadth-first from `from` with the keys held; parents for the path back. */
  search(from: number, held: ReadonlySet<number>): Int32Array {
    const parent = new Int32Array(this.width * this.height).fill(-2);
    const passable = (cell: number) => this.gate[cell] === -2 || held.has(this.gate[cell]!);
    if (!passable(from)) return parent;
    parent[from] = -1;
    const queue = [from];
    for (let head = 0; head < queue.length; head += 1) {
      const cell = queue[head]!;
      const x = cell % this.width;
      const y = (cell - x) / this.width;
      for (const [dx, dy] of moves) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= this.width || ny >= this.height) continue;
        const next = this.cell(nx, ny);
        if (parent[next] !== -2 || !passable(next)) continue;
        parent[next] = cell;
        queue.push(next);
      }
    }
    return parent;
  }

  pathTo(parent: Int32Array, to: number): DungeonCell[] {
    const path: DungeonCell[] = [];
    for (let cell = to; cell !== -1; cell = parent[cell]!)
      path.unshift([cell % this.width, Math.floor(cell / this.width)]);
    return path;
  }
}

/**
 * Walks the dungeon: from the spawn to the lowest-numbered key it can reach, then the next, then the goal. Checks each
 * key on its own too: it must be reachable with its own lock never opening.
 */
export function walkDungeon(walk: DungeonWalk): RouteReport {
  const map = new DungeonMap(walk);
  const problems: string[] = [];
  const held = new Set<number>();
  let at = map.spotCell(walk, walk.spawn);
  const path: DungeonCell[] = [[at % map.width, Math.floor(at / map.width)]];
  let parent = map.search(at, held);
  while (held.size < walk.keys.length) {
    const next = walk.keys.findIndex((key, index) => !held.has(index) && parent[map.spotCell(walk, key)] !== -2);
    if (next === -1) break;
    const target = map.spotCell(walk, walk.keys[next]!);
    path.push(...map.pathTo(parent, target).slice(1));
    held.add(next);
    at = target;
    parent = map.search(at, held);
  }
  for (const [index] of walk.keys.entries()) {
    if (!held.has(index)) problems.push(`key ${index} cannot be reached`);
  }
  const goal = map.spotCell(walk, walk.goal);
  if (parent[goal] === -2) problems.push('the goal cannot be reached');
  else path.push(...map.pathTo(parent, goal).slice(1));
  const reachedRooms = new Set<number>();
  for (let cell = 0; cell < parent.length; cell += 1) {
    if (parent[cell] !== -2) reachedRooms.add(map.room(cell));
  }
  for (const id of walk.rooms.keys()) if (!reachedRooms.has(id)) problems.push(`room ${id} cannot be reached`);
  for (const [index, key] of walk.keys.entries()) {
    if (!reachableWithoutLock(map, walk, index, key)) problems.push(`key ${index} lies behind its own lock`);
  }
  const visitOrder: number[] = [];
  for (const [x, y] of path) {
    const room = map.room(map.cell(x, y));
    if (room >= 0 && !visitOrder.includes(room)) visitOrder.push(room);
  }
  return { path, visitOrder, problems };
}

/** Key `index` reached from the spawn by collecting every other key reachable, with lock `index` never opening. */
function reachableWithoutLock(map: DungeonMap, walk: DungeonWalk, index: number, key: DungeonSpot): boolean {
  const held = new Set<number>();
  const from = map.spotCell(walk, walk.spawn);
  for (;;) {
    const parent = map.search(from, held);
    if (parent[map.spotCell(walk, key)] !== -2) return true;
    const before = held.size;
    for (const [other, spot] of walk.keys.entries()) {
      if (other !== index && parent[map.spotCell(walk, spot)] !== -2) held.add(other);
    }
    if (held.size === before) return false;
  }
}
