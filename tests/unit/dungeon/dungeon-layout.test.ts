// The dungeon graph generator over many seeds: sizes, grid neighbours, the goal farthest, keys before their locks.
import { describe, expect, it } from 'vitest';
import { dungeonGenerateFieldsSchema } from '../../../contract/dungeons.js';
import {
  doorDistances,
  layoutProblems,
  planDungeon,
  type DungeonLayout,
} from '../../../main/inference/tasks/dungeon/dungeon-layout.js';

const request = (fields: Record<string, unknown>) => dungeonGenerateFieldsSchema.parse(fields);

function gridProblems(layout: DungeonLayout): string[] {
  const problems: string[] = [];
  const cells = new Set(layout.rooms.map((room) => `${room.x},${room.y}`));
  if (cells.size !== layout.rooms.length) problems.push('two rooms share a cell');
  for (const room of layout.rooms) {
    if (room.x >= layout.columns || room.y >= layout.rows) problems.push(`room ${room.id} off the grid`);
  }
  const pairs = new Set<string>();
  for (const door of layout.doors) {
    const from = layout.rooms[door.from]!;
    const to = layout.rooms[door.to]!;
    const [dx, dy] = door.side === 'east' ? [1, 0] : [0, 1];
    if (to.x - from.x !== dx || to.y - from.y !== dy)
      problems.push(`door ${door.from}→${door.to} not between neighbours`);
    const pair = `${door.from},${door.to}`;
    if (pairs.has(pair)) problems.push(`two doors ${pair}`);
    pairs.add(pair);
  }
  return problems;
}

describe('planDungeon', () => {
  it('lays out 4–32 rooms for 600 seeds with every room reachable, keys before locks, the goal farthest', () => {
    let loops = 0;
    for (let seed = 0; seed < 600; seed += 1) {
      const rooms = 4 + (seed % 29);
      const keyLocks = seed % 4;
      const layout = planDungeon(request({ rooms, keyLocks, enemyDensity: 0.5 }), seed * 7919);
      expect(layout.rooms).toHaveLength(rooms);
      expect(gridProblems(layout)).toEqual([]);
      expect(layoutProblems(layout)).toEqual([]);
      expect(layout.keyRooms).toHaveLength(keyLocks);
      expect(layout.doors.filter((door) => door.lock !== null)).toHaveLength(keyLocks);
      expect(layout.rooms[layout.start]!.role).toBe('start');
      expect(layout.rooms[layout.goal]!.role).toBe('boss');
      // A key lies in the start room only when its region is the start room alone.
      for (const room of layout.keyRooms)
        expect(layout.rooms[room]!.role).toBe(room === layout.start ? 'start' : 'key');
      loops += layout.doors.length - (rooms - 1);
    }
    // The tree has rooms - 1 doors; the loops are the rest (about one per six rooms where neighbours allow).
    expect(loops).toBeGreaterThan(600);
  });

  it('puts each lock where it is needed: without key i the rooms behind lock i stay closed', () => {
    for (let seed = 0; seed < 100; seed += 1) {
      const layout = planDungeon(request({ rooms: 12, keyLocks: 3 }), seed);
      for (let key = 0; key < 3; key += 1) {
        const held = new Set([0, 1, 2].filter((other) => other !== key));
        expect(doorDistances(12, layout.doors, layout.start, held)[layout.goal]).toBe(Infinity);
      }
    }
  });

  it('is deterministic from the seed and differs between seeds', () => {
    const a = planDungeon(request({ rooms: 12, keyLocks: 2 }), 1);
    expect(planDungeon(request({ rooms: 12, keyLocks: 2 }), 1)).toEqual(a);
    expect(planDungeon(request({ rooms: 12, keyLocks: 2 }), 2)).not.toEqual(a);
  });

  it('draws no monsters at density 0 and only the most at density 1 (the start room never has any)', () => {
    const none = planDungeon(request({ rooms: 20, enemyDensity: 0, blockDensity: 0, elementDensity: 0 }), 5);
    expect(
      none.rooms.every((room) => room.enemies === 'none' && room.blocks === 'none' && room.elements === 'none'),
    ).toBe(true);
    const many = planDungeon(request({ rooms: 20, enemyDensity: 1, blockDensity: 1, elementDensity: 1 }), 5);
    expect(many.rooms.filter((room) => room.id !== many.start).every((room) => room.enemies === 'many')).toBe(true);
    expect(many.rooms[many.start]!.enemies).toBe('none');
    expect(many.rooms.every((room) => room.blocks === 'many' && room.elements === 'some')).toBe(true);
  });

  it('finds a layout with locks on every door of the path for the smallest dungeon with the most locks', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      const layout = planDungeon(request({ rooms: 4, keyLocks: 3 }), seed);
      expect(layoutProblems(layout)).toEqual([]);
      expect(doorDistances(4, layout.doors, 0, new Set([0, 1, 2]))[layout.goal]).toBe(3);
    }
  });
});
