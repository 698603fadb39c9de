// The dungeon graph, deterministic from a seed: rooms grown on a grid as a tree, the goal farthest from the start, key →
// locked-door pairs on the way to the goal with each key before its lock, a few loops that bypass no lock, roles.
import type { DensityBucket, DungeonDoor, DungeonRole, ElementBucket } from '../../../../contract/dungeons.js';
import { densityBuckets, elementBuckets } from '../../../../contract/dungeons.js';
import { SeededRandom } from '../../decoding/seeded-random.js';
import { mixSeed } from '../level/level-decoder.js';

export interface LayoutRequest {
  rooms: number;
  keyLocks: number;
  enemyDensity: number;
  blockDensity: number;
  elementDensity: number;
}

export interface PlannedRoom {
  id: number;
  x: number;
  y: number;
  role: DungeonRole;
  enemies: DensityBucket;
  blocks: DensityBucket;
  elements: ElementBucket;
}

/** A dungeon before its rooms are drawn: where rooms are, which doors join them, what each room is for. */
export interface DungeonLayout {
  columns: number;
  rows: number;
  rooms: PlannedRoom[];
  doors: DungeonDoor[];
  start: number;
  goal: number;
  /** keyRooms[i]: the room holding key i (the one that opens the doors whose lock is i). */
  keyRooms: number[];
}

/** Layouts tried for a tree whose start → goal path is long enough for the locks, before rooms are laid in a line. */
const layoutAttempts = 64;
/** Extra doors (loops) per room, beyond the tree's. */
const loopsPerRoom = 1 / 6;

export function planDungeon(request: LayoutRequest, seed: number): DungeonLayout {
  for (let attempt = 0; attempt < layoutAttempts; attempt += 1) {
    const random = new SeededRandom(mixSeed(seed, attempt), 0);
    const cells = growTree(request.rooms, random);
    const layout = placeLocks(cells, request, random);
    // The search over key/lock states double-checks the construction before a layout is used.
    if (layout && layoutProblems(layout).length === 0) return layout;
  }
  // A straight corridor always has a path of rooms - 1 ≥ 3 doors, enough for every lock.
  const random = new SeededRandom(mixSeed(seed, layoutAttempts), 0);
  const line = Array.from({ length: request.rooms }, (_, index) => ({ x: index, y: 0, parent: index - 1 }));
  return placeLocks(line, request, random)!;
}

interface TreeCell {
  x: number;
  y: number;
  /** The room it was grown from (-1 for the start). */
  parent: number;
}

const steps = [
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
] as const;

/** Rooms grown one by one next to an existing room: half the time from the newest (long corridors), else any. */
function growTree(count: number, random: SeededRandom): TreeCell[] {
  const cells: TreeCell[] = [{ x: 0, y: 0, parent: -1 }];
  const taken = new Set(['0,0']);
  while (cells.length < count) {
    const from = random.nextFloat() < 0.5 ? cells.length - 1 : Math.floor(random.nextFloat() * cells.length);
    const parent = cells[from]!;
    const free = steps
      .map(([dx, dy]) => ({ x: parent.x + dx, y: parent.y + dy }))
      .filter((cell) => !taken.has(`${cell.x},${cell.y}`));
    if (free.length === 0) continue;
    const cell = free[Math.floor(random.nextFloat() * free.length)]!;
    taken.add(`${cell.x},${cell.y}`);
    cells.push({ ...cell, parent: from });
  }
  return cells;
}

/** Locks on the start → goal path, keys in the region before each, loops inside regions; null when the path is short. */
function placeLocks(cells: TreeCell[], request: LayoutRequest, random: SeededRandom): DungeonLayout | null {
  const depth = cells.map(() => 0);
  for (let id = 1; id < cells.length; id += 1) depth[id] = depth[cells[id]!.parent]! + 1;
  let goal = 0;
  for (let id = 1; id < cells.length; id += 1) if (depth[id]! > depth[goal]!) goal = id;
  const path: number[] = [];
  for (let room = goal; room !== -1; room = cells[room]!.parent) path.unshift(room);
  const k = request.keyLocks;
  if (path.length - 1 < k) return null;
  // Lock i is the door into path[lockAt[i]]; the last lock is the goal's own door.
  const lockAt = Array.from({ length: k }, (_, i) => Math.round(((i + 1) * (path.length - 1)) / k));
  const lockOfChild = new Map<number, number>(lockAt.map((at, i) => [path[at]!, i]));
  // A room's region: the locks between it and the start (children are grown after their parents).
  const region = cells.map(() => 0);
  for (let id = 1; id < cells.length; id += 1) {
    region[id] = region[cells[id]!.parent]! + (lockOfChild.has(id) ? 1 : 0);
  }
  const doors: DungeonDoor[] = [];
  for (let id = 1; id < cells.length; id += 1)
    doors.push(doorBetween(cells, cells[id]!.parent, id, lockOfChild.get(id)));
  addLoops(cells, region, doors, goal, random);
  const keyRooms: number[] = [];
  for (let i = 0; i < k; i += 1) {
    const candidates = cells
      .map((_, id) => id)
      .filter((id) => region[id] === i && id !== goal && !keyRooms.includes(id));
    const preferred = candidates.filter((id) => id !== 0);
    const pool = preferred.length > 0 ? preferred : candidates;
    // The deepest room of the region, so a key is a detour rather than on the doorstep.
    const deepest = Math.max(...pool.map((id) => depth[id]!));
    const choices = pool.filter((id) => depth[id] === deepest);
    keyRooms.push(choices[Math.floor(random.nextFloat() * choices.length)]!);
  }
  const minX = Math.min(...cells.map((cell) => cell.x));
  const minY = Math.min(...cells.map((cell) => cell.y));
  const rooms = cells.map((cell, id): PlannedRoom => {
    const role: DungeonRole = id === 0 ? 'start' : id === goal ? 'boss' : keyRooms.includes(id) ? 'key' : 'normal';
    const enemies = id === 0 ? 'none' : densityBuckets[bucketFor(request.enemyDensity, 3, random)]!;
    return {
      id,
      x: cell.x - minX,
      y: cell.y - minY,
      role: role === 'normal' && enemies !== 'none' ? 'enemy' : role,
      enemies,
      blocks: densityBuckets[bucketFor(request.blockDensity, 3, random)]!,
      elements: elementBuckets[bucketFor(request.elementDensity, 2, random)]!,
    };
  });
  return {
    columns: Math.max(...rooms.map((room) => room.x)) + 1,
    rows: Math.max(...rooms.map((room) => room.y)) + 1,
    rooms,
    doors,
    start: 0,
    goal,
    keyRooms,
  };
}

/** The door between grid neighbours a and b, written from the west or north room. */
function doorBetween(cells: TreeCell[], a: number, b: number, lock: number | undefined): DungeonDoor {
  const [from, to] = cells[a]!.x + cells[a]!.y < cells[b]!.x + cells[b]!.y ? [a, b] : [b, a];
  return { from, to, side: cells[to]!.x > cells[from]!.x ? 'east' : 'south', lock: lock ?? null };
}

/**
 * Doors between neighbours of the same region that the tree did not join, so no loop goes round a lock; a loop that
 * would bring some room farther from the start than the goal is left out.
 */
function addLoops(cells: TreeCell[], region: number[], doors: DungeonDoor[], goal: number, random: SeededRandom): void {
  const at = new Map(cells.map((cell, id) => [`${cell.x},${cell.y}`, id]));
  const joined = new Set(doors.map((door) => `${door.from},${door.to}`));
  const candidates: [number, number][] = [];
  for (const [id, cell] of cells.entries()) {
    for (const [dx, dy] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const other = at.get(`${cell.x + dx},${cell.y + dy}`);
      if (other === undefined || region[other] !== region[id] || joined.has(`${id},${other}`)) continue;
      if (joined.has(`${other},${id}`)) continue;
      candidates.push([id, other]);
    }
  }
  let loops = Math.round(cells.length * loopsPerRoom);
  while (loops > 0 && candidates.length > 0) {
    const [pick] = candidates.splice(Math.floor(random.nextFloat() * candidates.length), 1);
    doors.push({
      from: pick![0],
      to: pick![1],
      side: cells[pick![1]]!.x > cells[pick![0]]!.x ? 'east' : 'south',
      lock: null,
    });
    const distance = doorDistances(cells.length, doors, 0, new Set(doors.map((door) => door.lock ?? -1)));
    if (Math.max(...distance) > distance[goal]!) doors.pop();
    else loops -= 1;
  }
}

/**
 * A bucket for a density from 0 to 1: the number of (buckets - 1) draws that come up with probability `density`
 * (binomial), so 0 always gives the first bucket, 1 always the last, and the expected index is density × (buckets - 1).
 * With 3 buckets and density d: none (1 - d)², some 2d(1 - d), many d². The defaults put the corpus's shares back.
 */
export function bucketFor(density: number, buckets: number, random: SeededRandom): number {
  let bucket = 0;
  for (let draw = 1; draw < buckets; draw += 1) if (random.nextFloat() < density) bucket += 1;
  return bucket;
}

/** Doors crossed from `from` to each room (Infinity where none leads), through open doors and those `held` opens. */
export function doorDistances(
  roomCount: number,
  doors: readonly DungeonDoor[],
  from: number,
  held: ReadonlySet<number>,
): number[] {
  const distance = Array<number>(roomCount).fill(Infinity);
  distance[from] = 0;
  const queue = [from];
  for (let head = 0; head < queue.length; head += 1) {
    const room = queue[head]!;
    for (const door of doors) {
      if (door.lock !== null && !held.has(door.lock)) continue;
      const other = door.from === room ? door.to : door.to === room ? door.from : -1;
      if (other < 0 || distance[other] !== Infinity) continue;
      distance[other] = distance[room]! + 1;
      queue.push(other);
    }
  }
  return distance;
}

/**
 * What is wrong with a layout, found by searching the key/lock states room by room: every room reachable once every
 * key reachable is collected; each key reachable with its own lock never opening; the goal farthest from the start by
 * breadth-first search over the doors (locks open). Empty for a good layout.
 */
export function layoutProblems(layout: DungeonLayout): string[] {
  const problems: string[] = [];
  const count = layout.rooms.length;
  const collect = (closed: number): Set<number> => {
    const held = new Set<number>();
    for (;;) {
      const reach = doorDistances(count, layout.doors, layout.start, held);
      const before = held.size;
      layout.keyRooms.forEach((room, key) => {
        if (key !== closed && reach[room] !== Infinity) held.add(key);
      });
      if (held.size === before) return held;
    }
  };
  const all = collect(-1);
  const reach = doorDistances(count, layout.doors, layout.start, all);
  reach.forEach((distance, room) => {
    if (distance === Infinity) problems.push(`room ${room} cannot be reached`);
  });
  layout.keyRooms.forEach((room, key) => {
    const held = collect(key);
    if (doorDistances(count, layout.doors, layout.start, held)[room] === Infinity) {
      problems.push(`key ${key} lies behind its own lock`);
    }
  });
  const open = doorDistances(count, layout.doors, layout.start, new Set(layout.doors.map((door) => door.lock ?? -1)));
  if (Math.max(...open) > open[layout.goal]!) problems.push('the goal is not the room farthest from the start');
  return problems;
}
