// Builds a dungeon from its layout and a room drawer: every room drawn for its doors and role, checked by the agent,
// repaired where it fails, the spawn, keys and boss placed, and the agent's route across the whole dungeon.
import type { Dungeon, DungeonCell, DungeonSpot } from '../../../../contract/dungeons.js';
import { walkDungeon } from './dungeon-agent.js';
import type { DungeonLayout, PlannedRoom } from './dungeon-layout.js';
import { repairRooms, verdictOf, type RoomToCheck } from './dungeon-repair.js';
import { assembleRoom, doorSidesOf, interiorOf, type RoomDoors } from './dungeon-rooms.js';
import { placeSpot } from './dungeon-agent.js';

/** What the room model is asked for one room. */
export interface RoomCondition {
  doors: RoomDoors;
  role: PlannedRoom['role'];
  enemies: PlannedRoom['enemies'];
  blocks: PlannedRoom['blocks'];
  elements: PlannedRoom['elements'];
}

/** Draws interiors (7 rows of 12 tiles) for rooms; `round` 0 is the first drawing, 1… the repair rounds. */
export type RoomDrawer = (conditions: readonly RoomCondition[], round: number) => Promise<string[][]>;

/** What a drawn interior holds, in the room model's buckets (the counts that define them are the model's). */
export type MeasureRoom = (interior: readonly string[]) => Pick<RoomCondition, 'enemies' | 'blocks' | 'elements'>;

export interface BuildOptions {
  variation: number;
  /**
   * Redraw rounds for rooms whose monsters, blocks or water miss the buckets asked for (a redraw is kept only when it
   * matches more of them), and how a room is measured; none without `measure`.
   */
  adherence?: { measure: MeasureRoom; rounds: number };
  /** Model redraws per failing room before a path is carved. */
  repairBudget: number;
  /** Rooms whose tiles are kept as given (region regenerate): drawn only if the agent rejects them. */
  keep?: ReadonlyMap<number, readonly string[]>;
}

export function conditionsOf(layout: DungeonLayout): RoomCondition[] {
  const doors = doorSidesOf(layout.rooms.length, layout.doors);
  return layout.rooms.map((room) => ({
    doors: doors[room.id]!,
    role: room.role,
    enemies: room.enemies,
    blocks: room.blocks,
    elements: room.elements,
  }));
}

/** How many things stand in each room: the spawn, keys, the boss. */
function spotsPerRoom(layout: DungeonLayout): number[] {
  return layout.rooms.map(
    (room) =>
      (room.id === layout.start ? 1 : 0) +
      (room.id === layout.goal ? 1 : 0) +
      layout.keyRooms.filter((keyRoom) => keyRoom === room.id).length,
  );
}

export async function buildDungeon(layout: DungeonLayout, draw: RoomDrawer, options: BuildOptions): Promise<Dungeon> {
  const conditions = conditionsOf(layout);
  const toDraw = layout.rooms.map((room) => room.id).filter((id) => !options.keep?.has(id));
  const decodeStarted = performance.now();
  const drawn =
    toDraw.length > 0
      ? await draw(
          toDraw.map((id) => conditions[id]!),
          0,
        )
      : [];
  let decodeMs = performance.now() - decodeStarted;
  const adherence = options.adherence;
  const matches = (id: number, interior: readonly string[]): number => {
    if (!adherence) return 3;
    const measured = adherence.measure(interior);
    const wanted = conditions[id]!;
    return (
      Number(measured.enemies === wanted.enemies) +
      Number(measured.blocks === wanted.blocks) +
      Number(measured.elements === wanted.elements)
    );
  };
  const adherenceRounds = adherence?.rounds ?? 0;
  for (let round = 1; round <= adherenceRounds; round += 1) {
    const missing = toDraw.filter((id) => matches(id, drawn[toDraw.indexOf(id)]!) < 3);
    if (missing.length === 0) break;
    const started = performance.now();
    const redrawn = await draw(
      missing.map((id) => conditions[id]!),
      round,
    );
    decodeMs += performance.now() - started;
    missing.forEach((id, index) => {
      const at = toDraw.indexOf(id);
      if (matches(id, redrawn[index]!) > matches(id, drawn[at]!)) drawn[at] = redrawn[index]!;
    });
  }
  const spots = spotsPerRoom(layout);
  const rooms: RoomToCheck[] = layout.rooms.map((room) => {
    const kept = options.keep?.get(room.id);
    const interior = kept ?? drawn[toDraw.indexOf(room.id)]!;
    return {
      tiles: assembleRoom(interior, conditions[room.id]!.doors),
      doors: conditions[room.id]!.doors,
      spots: spots[room.id]!,
    };
  });
  const repairStarted = performance.now();
  const outcome = await repairRooms(rooms, options.repairBudget, async (ids, round) => {
    const started = performance.now();
    const interiors = await draw(
      ids.map((id) => conditions[id]!),
      adherenceRounds + round + 1,
    );
    decodeMs += performance.now() - started;
    return interiors;
  });
  const repairMs = performance.now() - repairStarted;
  const checkStarted = performance.now();
  const taken: DungeonCell[][] = layout.rooms.map(() => []);
  const place = (room: number): DungeonSpot => {
    const reachable = verdictOf({ ...rooms[room]!, tiles: outcome.tiles[room]!, spots: 0 }).reachable;
    const at = placeSpot(reachable, outcome.tiles[room]!, taken[room]!) ?? [7, 5];
    taken[room]!.push(at);
    return { room, at };
  };
  const spawn = place(layout.start);
  const keys = layout.keyRooms.map((room) => place(room));
  const goal = place(layout.goal);
  const finalRooms = layout.rooms.map((room) => ({ ...room, tiles: outcome.tiles[room.id]! }));
  const roomProblems = finalRooms.flatMap((room) => {
    const verdict = verdictOf({ tiles: room.tiles, doors: conditions[room.id]!.doors, spots: spots[room.id]! });
    return verdict.ok ? [] : [`room ${room.id}: ${verdict.reason}`];
  });
  // What the agent walks is the dungeon as returned, before its route and verdict.
  const placed = {
    columns: layout.columns,
    rows: layout.rows,
    rooms: finalRooms,
    doors: layout.doors,
    spawn,
    goal,
    keys,
  };
  const route = walkDungeon(placed);
  const problems = [...roomProblems, ...route.problems];
  return {
    variation: options.variation,
    ...placed,
    path: route.path,
    visitOrder: route.visitOrder,
    playable: problems.length === 0,
    problems,
    repairs: outcome.repairs,
    stats: {
      roomsAsAsked: adherence
        ? finalRooms.filter((room) => matches(room.id, interiorOf(room.tiles)) === 3).length
        : finalRooms.length,
      decodeMs,
      checkMs: outcome.checkMs + (performance.now() - checkStarted),
      repairMs: Math.max(0, repairMs - outcome.checkMs),
    },
  };
}
