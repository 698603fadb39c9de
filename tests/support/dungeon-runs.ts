// Dungeon runs for store and History tests: a small dungeon that passes the contract's schema, and a run around it.
import type { Dungeon, DungeonRoom, DungeonRun } from '../../contract/index.js';
import { dungeonRunSchema, dungeonSchema } from '../../contract/index.js';

/** A room of walls around an interior filled with `fill` (no door tiles: these tests read tiles, not walkability). */
export function roomTiles(fill: string): string[] {
  return Array.from({ length: 11 }, (_, y) =>
    Array.from({ length: 16 }, (_, x) => (x < 2 || x > 13 || y < 2 || y > 8 ? 'W' : fill)).join(''),
  );
}

function room(id: number, x: number, y: number, role: DungeonRoom['role'], fill = 'F'): DungeonRoom {
  return { id, x, y, role, enemies: 'none', blocks: 'none', elements: 'none', tiles: roomTiles(fill) };
}

/**
 * Three rooms in an L on a 2 × 2 grid: 0 (start) at (0, 0), 1 east of it, 2 (boss) south of 1 behind a locked door
 * whose key lies in room 1; room 1 was carved by the agent.
 */
export function dungeonFixture(variation = 0, fill = 'F'): Dungeon {
  return dungeonSchema.parse({
    variation,
    columns: 2,
    rows: 2,
    rooms: [room(0, 0, 0, 'start', fill), room(1, 1, 0, 'key', fill), room(2, 1, 1, 'boss', fill)],
    doors: [
      { from: 0, to: 1, side: 'east', lock: null },
      { from: 1, to: 2, side: 'south', lock: 0 },
    ],
    spawn: { room: 0, at: [7, 5] },
    goal: { room: 2, at: [7, 5] },
    keys: [{ room: 1, at: [4, 4] }],
    path: [
      [7, 5],
      [8, 5],
    ],
    visitOrder: [0, 1, 2],
    playable: true,
    problems: [],
    repairs: [
      { room: 1, kind: 'carve', tiles: 3, reason: 'door south cut off from door west' },
      { room: 2, kind: 'resample', tiles: 20, reason: 'door north cut off' },
    ],
    stats: { roomsAsAsked: 3, decodeMs: 1, checkMs: 1, repairMs: 1 },
  });
}

export const dungeonModelFixture = {
  name: 'level-dungeon',
  version: '1.0.0',
  precision: 'fp32' as const,
  digest: 'a'.repeat(64),
  task: 'level.dungeon',
};

export function dungeonRunFixture(
  dungeons: Dungeon[],
  mode: 'generate' | 'regenerateRoom' = 'generate',
  jobId = 'job-1',
): DungeonRun {
  // Parsed as the contract's response is, so a fixture that drifts from it fails here rather than in a restore.
  return dungeonRunSchema.parse({
    model: dungeonModelFixture,
    jobId,
    result: {
      mode,
      seed: 7,
      prompt: '3 rooms, 1 key, enemies 0.5, blocks 0.4, elements 0.25',
      dungeons,
      totalMs: 12,
    },
  });
}
