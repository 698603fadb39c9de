// The dungeon agent and its repairs: doors cut off inside a room are found and fixed (model redraw, then carved floor),
// and the route across a dungeon collects each key before its lock.
import { describe, expect, it } from 'vitest';
import type { DungeonDoor } from '../../../contract/dungeons.js';
import { checkRoom, walkDungeon } from '../../../main/inference/tasks/dungeon/dungeon-agent.js';
import { carveRoom, repairRooms } from '../../../main/inference/tasks/dungeon/dungeon-repair.js';
import { assembleRoom, doorsDrawn, interiorOf } from '../../../main/inference/tasks/dungeon/dungeon-rooms.js';
import { fixtureRooms } from '../../support/dungeon-rooms.js';

const allDoors = { north: true, east: true, south: true, west: true };
const floor = Array.from({ length: 7 }, () => 'F'.repeat(12));
const blocks = Array.from({ length: 7 }, () => 'B'.repeat(12));
/** Floor, with a wall of blocks down column 9 of the interior: the east door is cut off from the others. */
const eastWalledOff = floor.map((row) => `${row.slice(0, 9)}B${row.slice(10)}`);

describe('checkRoom', () => {
  it('passes an open room and names the door a block wall cuts off', () => {
    expect(checkRoom(assembleRoom(floor, allDoors), allDoors).ok).toBe(true);
    const verdict = checkRoom(assembleRoom(eastWalledOff, allDoors), allDoors);
    expect(verdict).toMatchObject({ ok: false, reason: 'door east cut off from door north' });
  });

  it('counts water (P) as a wall and O (element + floor) as floor', () => {
    const water = floor.map((row) => `${row.slice(0, 9)}P${row.slice(10)}`);
    expect(checkRoom(assembleRoom(water, allDoors), allDoors).ok).toBe(false);
    const crossing = floor.map((row) => `${row.slice(0, 9)}O${row.slice(10)}`);
    expect(checkRoom(assembleRoom(crossing, allDoors), allDoors).ok).toBe(true);
  });

  it('agrees with the corpus: rooms as VGLC drew them, doors read from their D tiles', () => {
    let connected = 0;
    for (const room of fixtureRooms) {
      const doors = doorsDrawn(room.tiles);
      expect(assembleRoom(interiorOf(room.tiles), doors)).toEqual(room.tiles);
      if (Object.values(doors).some(Boolean) && checkRoom(room.tiles, doors).ok) connected += 1;
    }
    // Zelda's own rooms almost always connect their doors (a few hide doors behind blocks the player pushes).
    expect(connected / fixtureRooms.length).toBeGreaterThan(0.8);
  });
});

describe('repairs', () => {
  it('carves the fewest tiles: one through a one-block wall, a path from the centre to each door through solid blocks', () => {
    const carved = carveRoom(assembleRoom(eastWalledOff, allDoors), allDoors);
    expect(checkRoom(carved, allDoors).ok).toBe(true);
    const changed = carved
      .join('')
      .split('')
      .filter((tile, i) => tile !== assembleRoom(eastWalledOff, allDoors).join('')[i]);
    expect(changed).toEqual(['F']);
    const solid = carveRoom(assembleRoom(blocks, allDoors), allDoors);
    expect(checkRoom(solid, allDoors).ok).toBe(true);
    // The centre (7, 5) and straight runs to the doors: 3 north, 3 south, 5 west, 6 east.
    expect(solid.join('').split('F').length - 1).toBe(1 + 3 + 3 + 5 + 6);
  });

  it('redraws failing rooms with the model first and carves only what the budget could not fix', async () => {
    const rooms = [
      { tiles: assembleRoom(floor, allDoors), doors: allDoors, spots: 1 },
      { tiles: assembleRoom(eastWalledOff, allDoors), doors: allDoors, spots: 0 },
      { tiles: assembleRoom(blocks, allDoors), doors: allDoors, spots: 1 },
    ];
    const asked: number[][] = [];
    // The "model" fixes room 1 on its second round and never room 2.
    const outcome = await repairRooms(rooms, 2, async (ids, round) => {
      asked.push([...ids]);
      return ids.map((id) => (id === 1 && round === 1 ? floor : blocks));
    });
    expect(asked).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(outcome.repairs.map(({ room, kind, reason }) => ({ room, kind, reason }))).toEqual([
      { room: 1, kind: 'resample', reason: 'door east cut off from door north' },
      { room: 2, kind: 'carve', reason: 'door east cut off from door north' },
    ]);
    for (const [id, tiles] of outcome.tiles.entries()) expect(checkRoom(tiles, rooms[id]!.doors).ok).toBe(true);
    expect(outcome.tiles[0]).toEqual(rooms[0]!.tiles);
  });

  it('with a budget of 0 carves at once and asks the model for nothing', async () => {
    const outcome = await repairRooms(
      [{ tiles: assembleRoom(eastWalledOff, allDoors), doors: allDoors, spots: 0 }],
      0,
      () => {
        throw new Error('no redraw with a budget of 0');
      },
    );
    expect(outcome.repairs).toEqual([
      { room: 0, kind: 'carve', tiles: 1, reason: 'door east cut off from door north' },
    ]);
  });
});

describe('walkDungeon', () => {
  // Three rooms in a row: start (0) — key room (1) — goal (2), the door into the goal locked by key 0.
  const line = (keyRoom: number) => {
    const doors: DungeonDoor[] = [
      { from: 0, to: 1, side: 'east', lock: null },
      { from: 1, to: 2, side: 'east', lock: 0 },
    ];
    const sides = [
      { north: false, east: true, south: false, west: false },
      { north: false, east: true, south: false, west: true },
      { north: false, east: false, south: false, west: true },
    ];
    return {
      columns: 3,
      rows: 1,
      rooms: sides.map((doorsOf, x) => ({ x, y: 0, tiles: assembleRoom(floor, doorsOf) })),
      doors,
      spawn: { room: 0, at: [7, 5] as [number, number] },
      goal: { room: 2, at: [7, 5] as [number, number] },
      keys: [{ room: keyRoom, at: [7, 5] as [number, number] }],
    };
  };

  it('walks spawn → key → goal through the doors, one step per move', () => {
    const report = walkDungeon(line(1));
    expect(report.problems).toEqual([]);
    expect(report.visitOrder).toEqual([0, 1, 2]);
    expect(report.path[0]).toEqual([7, 5]);
    expect(report.path).toContainEqual([16 + 7, 5]);
    expect(report.path.at(-1)).toEqual([32 + 7, 5]);
    for (let i = 1; i < report.path.length; i += 1) {
      const [ax, ay] = report.path[i - 1]!;
      const [bx, by] = report.path[i]!;
      expect(Math.abs(ax - bx) + Math.abs(ay - by)).toBe(1);
    }
  });

  it('reports a key that lies behind its own lock', () => {
    expect(walkDungeon(line(2)).problems).toEqual([
      'key 0 cannot be reached',
      'the goal cannot be reached',
      'room 2 cannot be reached',
      'key 0 lies behind its own lock',
    ]);
  });
});
