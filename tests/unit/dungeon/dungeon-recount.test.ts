// The independent recount: 200 dungeons built from corpus rooms drawn at random (so many rooms' tiles do not fit the
// doors they get) are repaired by the agent and then checked by tests/support/dungeon_check.py, a checker written
// apart from the agent in Python. It must pass every one, and must fail dungeons broken on purpose.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dungeonGenerateFieldsSchema, dungeonSchema, type Dungeon } from '../../../contract/dungeons.js';
import { buildDungeon } from '../../../main/inference/tasks/dungeon/dungeon-builder.js';
import { planDungeon } from '../../../main/inference/tasks/dungeon/dungeon-layout.js';
import { python, recount } from '../../support/dungeon-recount.js';
import { corpusDrawer } from '../../support/dungeon-rooms.js';

async function corpusDungeon(seed: number): Promise<Dungeon> {
  const request = dungeonGenerateFieldsSchema.parse({ rooms: 4 + (seed % 29), keyLocks: seed % 4 });
  const layout = planDungeon(request, seed * 104729);
  return buildDungeon(layout, corpusDrawer(seed, 0.4), { variation: 0, repairBudget: 1 });
}

describe.skipIf(!existsSync(python))('the independent recount (dungeon_check.py)', () => {
  it('passes 200 of 200 dungeons the agent delivered from corpus rooms, walls of blocks added to 40 %', async () => {
    const dungeons: Dungeon[] = [];
    for (let seed = 0; seed < 200; seed += 1) dungeons.push(dungeonSchema.parse(await corpusDungeon(seed)));
    expect(dungeons.every((dungeon) => dungeon.playable)).toBe(true);
    const result = recount(dungeons);
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ checked: 200, passed: 200 });
    // The rooms really needed the agent: 40 % of them come with a wall of blocks across.
    const repaired = dungeons.reduce((sum, dungeon) => sum + dungeon.repairs.length, 0);
    const rooms = dungeons.reduce((sum, dungeon) => sum + dungeon.rooms.length, 0);
    expect(repaired / rooms).toBeGreaterThan(0.1);
    expect(dungeons.some((dungeon) => dungeon.repairs.some((repair) => repair.kind === 'carve'))).toBe(true);
    expect(dungeons.some((dungeon) => dungeon.repairs.some((repair) => repair.kind === 'resample'))).toBe(true);
  });

  it('fails dungeons broken on purpose: a door walled off, a key behind its lock, a path through a wall', async () => {
    const good = await corpusDungeon(7);
    expect(good.keys.length).toBeGreaterThan(0);
    const walled = structuredClone(good);
    const door = walled.doors[0]!;
    const room = walled.rooms[door.from]!;
    // Block every interior tile next to the door's tiles on the from side.
    room.tiles = room.tiles.map((row, y) =>
      [...row]
        .map((tile, x) => {
          const nearEast = door.side === 'east' && x >= 12 && x <= 13 && y >= 3 && y <= 7;
          const nearSouth = door.side === 'south' && y >= 7 && y <= 8 && x >= 6 && x <= 9;
          return nearEast || nearSouth ? 'B' : tile;
        })
        .join(''),
    );
    const behindLock = structuredClone(good);
    behindLock.keys[0] = { ...behindLock.goal };
    const throughWall = structuredClone(good);
    throughWall.path = [throughWall.path[0]!, [throughWall.path[0]![0], 0]];
    const result = recount([good, walled, behindLock, throughWall]);
    expect(result.passed).toBe(1);
    expect(result.failures.map((failure) => failure.index)).toEqual([1, 2, 3]);
    expect(result.failures[1]!.problems).toContain('key 0 cannot be reached with its lock shut');
  });
});
