// The playability agent: an A* search over standing positions with Super Mario Bros jump arcs, from spawn to goal.
import { jumpArcs, type JumpArc } from './jump-arcs.js';
import { rowCount, SolidityMap } from './level-grid.js';

/** [x, y]: column from the left, row from the top (negative above the screen). */
export type Cell = [number, number];

export interface PlayabilityReport {
  playable: boolean;
  /** Where the player starts: the lowest standing cell of the first 3 columns (the leftmost of equals), or null. */
  spawn: Cell | null;
  /** Where the route ends in the last column, when the level is playable. */
  goal: Cell | null;
  /** Cells passed through from spawn to goal, or to the furthest standing cell reached when not playable. */
  path: Cell[];
  /** The rightmost column the player can stand in. */
  furthestColumn: number;
  /** Standing cell of furthestColumn (the lowest one reached there). */
  furthest: Cell | null;
  /** Standing positions explored. */
  explored: number;
}

// Standing rows run from -1 (on top of a full-height wall) to 12; jumps may pass up to 5 rows above the screen.
const lowestRow = -5;
const rowSpan = rowCount - lowestRow;
const walkArcs: readonly JumpArc[] = [Int8Array.of(-1, 0), Int8Array.of(1, 0)];
/** Every arc twice: falling straight down after it (even moves), or drifting one column per row on (odd moves). */
const arcs: readonly JumpArc[] = [...walkArcs, ...jumpArcs];
const moveCount = arcs.length * 2;
/**
 * The player starts on the ground in one of the first 3 columns, as in Super Mario Bros and the Mario AI framework: the
 * lowest standing cell there, the leftmost of equals. The level is playable only from that one spawn.
 */
export const spawnColumns = 3;

/** The spawn of a level given as columns: the lowest standing cell of the first 3 columns (leftmost first), or null. */
export function spawnOf(columns: readonly string[]): Cell | null {
  return findSpawn(new SolidityMap(columns));
}

function findSpawn(map: SolidityMap): Cell | null {
  let spawn: Cell | null = null;
  for (let x = 0; x < Math.min(spawnColumns, map.width); x += 1) {
    for (let y = rowCount - 2; y >= -1; y -= 1) {
      if (!map.standable(x, y)) continue;
      if (!spawn || y > spawn[1]) spawn = [x, y];
      break;
    }
  }
  return spawn;
}

/** Cells a move passed through (written by land). */
interface MoveLength {
  cells: number;
}

/** Where a move from a standing cell ends: a standing cell, or -1 (fell out of the level or went nowhere). */
function land(map: SolidityMap, x: number, y: number, move: number, trail: Cell[] | null, length?: MoveLength): number {
  const arc = arcs[move >> 1]!;
  const drift = (move & 1) === 1 ? Math.sign(arc[arc.length - 2]!) : 0;
  let cx = x;
  let cy = y;
  let previousDy = 0;
  let cells = 0;
  for (let i = 0; i < arc.length; i += 2) {
    const nx = x + arc[i]!;
    const ny = y + arc[i + 1]!;
    if (nx < 0 || nx >= map.width || ny < lowestRow || map.solid(nx, ny)) break;
    cx = nx;
    cy = ny;
    cells += 1;
    trail?.push([cx, cy]);
    // The player lands once the arc stops rising (a walk never rises) and there is ground under it.
    const rising = arc[i + 1]! < previousDy;
    previousDy = arc[i + 1]!;
    if (!rising && map.solid(cx, cy + 1)) {
      if (length) length.cells = cells;
      return cx * rowSpan + cy - lowestRow;
    }
  }
  // Gravity from where the arc ended: straight down, or keeping the jump's sideways speed (one column per row, or a
  // last step across onto a ledge level with the player) while the way is clear.
  while (!map.solid(cx, cy + 1)) {
    const nx = cx + drift;
    const inside = drift !== 0 && nx >= 0 && nx < map.width;
    if (inside && map.standable(nx, cy)) {
      cx = nx;
      cells += 1;
      trail?.push([cx, cy]);
      break;
    }
    if (inside && !map.solid(nx, cy + 1)) cx = nx;
    cy += 1;
    if (cy >= rowCount) return -1;
    cells += 1;
    trail?.push([cx, cy]);
  }
  if (cx === x && cy === y) return -1;
  if (length) length.cells = cells;
  return cx * rowSpan + cy - lowestRow;
}

/** A binary min-heap of (priority, state) pairs; a state pushed again with a better priority leaves a stale entry behind. */
class StateHeap {
  private readonly states: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.states.length;
  }

  push(state: number, key: number): void {
    const { states, keys } = this;
    let i = states.length;
    states.push(state);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      states[i] = states[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    states[i] = state;
    keys[i] = key;
  }

  pop(): number {
    const { states, keys } = this;
    const top = states[0]!;
    const lastState = states.pop()!;
    const lastKey = keys.pop()!;
    if (states.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= states.length) break;
        if (child + 1 < states.length && keys[child + 1]! < keys[child]!) child += 1;
        if (keys[child]! >= lastKey) break;
        states[i] = states[child]!;
        keys[i] = keys[child]!;
        i = child;
      }
      states[i] = lastState;
      keys[i] = lastKey;
    }
    return top;
  }
}

export class PlayabilityAgent {
  /** Checks a level given as columns (top-to-bottom strings); the goal is any standing cell in the last column. */
  check(columns: readonly string[]): PlayabilityReport {
    const map = new SolidityMap(columns);
    const width = map.width;
    const states = width * rowSpan;
    const cost = new Float64Array(states).fill(Infinity);
    const parent = new Int32Array(states).fill(-1);
    const parentMove = new Int16Array(states);
    const closed = new Uint8Array(states);
    const heap = new StateHeap();
    const spawn = findSpawn(map);
    if (!spawn) {
      return { playable: false, spawn: null, goal: null, path: [], furthestColumn: -1, furthest: null, explored: 0 };
    }
    let furthest = spawn[0] * rowSpan + spawn[1] - lowestRow;
    cost[furthest] = 0;
    heap.push(furthest, width - 1 - spawn[0]);
    let explored = 0;
    let goal = -1;
    const length: MoveLength = { cells: 0 };
    while (heap.size > 0) {
      const state = heap.pop();
      if (closed[state]) continue;
      closed[state] = 1;
      explored += 1;
      const x = Math.floor(state / rowSpan);
      const y = (state % rowSpan) + lowestRow;
      if (x > Math.floor(furthest / rowSpan) || (x === Math.floor(furthest / rowSpan) && state > furthest))
        furthest = state;
      if (x === width - 1) {
        goal = state;
        break;
      }
      for (let move = 0; move < moveCount; move += 1) {
        const next = land(map, x, y, move, null, length);
        if (next < 0 || closed[next]) continue;
        // Cost: every cell passed through, plus 2 for taking off, so the route walks where walking works.
        const nextCost = cost[state]! + length.cells + (move >> 1 >= walkArcs.length ? 2 : 0);
        if (nextCost >= cost[next]!) continue;
        cost[next] = nextCost;
        parent[next] = state;
        parentMove[next] = move;
        heap.push(next, nextCost + (width - 1 - Math.floor(next / rowSpan)));
      }
    }
    const end = goal >= 0 ? goal : furthest;
    const cellOf = (state: number): Cell => [Math.floor(state / rowSpan), (state % rowSpan) + lowestRow];
    const path = tracePath(map, end, parent, parentMove, cellOf);
    return {
      playable: goal >= 0,
      spawn: path[0]!,
      goal: goal >= 0 ? cellOf(goal) : null,
      path,
      furthestColumn: cellOf(furthest)[0],
      furthest: cellOf(furthest),
      explored,
    };
  }
}

function tracePath(
  map: SolidityMap,
  end: number,
  parent: Int32Array,
  parentMove: Int16Array,
  cellOf: (state: number) => Cell,
): Cell[] {
  const chain: number[] = [];
  for (let state = end; state >= 0; state = parent[state]!) chain.push(state);
  chain.reverse();
  const path: Cell[] = [cellOf(chain[0]!)];
  for (let i = 1; i < chain.length; i += 1) {
    const [x, y] = cellOf(chain[i - 1]!);
    const trail: Cell[] = [];
    land(map, x, y, parentMove[chain[i]!]!, trail);
    path.push(...trail);
  }
  return path;
}
