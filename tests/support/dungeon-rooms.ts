// Room interiors for dungeon tests that run without the room model: the 48 corpus rooms of
// models/level-dungeon/fixtures/rooms-sample.json (VGLC Zelda, in the game's orientation), drawn at random whatever
// the doors asked for, so many do not connect the doors they get: what the agent and its repairs must handle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from '../../main/inference/decoding/seeded-random.js';
import type { RoomDrawer } from '../../main/inference/tasks/dungeon/dungeon-builder.js';
import { findPackageRoot } from '../../main/platform/paths.js';

interface FixtureRoom {
  dungeon: string;
  tiles: string[];
  interior: string[];
  doors: { n: boolean; e: boolean; s: boolean; w: boolean };
}

export const fixtureRooms: readonly FixtureRoom[] = (
  JSON.parse(readFileSync(join(findPackageRoot(), 'models/level-dungeon/fixtures/rooms-sample.json'), 'utf8')) as {
    rooms: FixtureRoom[];
  }
).rooms;

/**
 * A drawer that picks fixture interiors with a seeded stream per call (round). With `walls`, that share of the rooms
 * also gets a full row or column of blocks, which cuts some doors off from others.
 */
export function corpusDrawer(seed: number, walls = 0): RoomDrawer {
  return async (conditions, round) => {
    const random = new SeededRandom(seed, round);
    return conditions.map(() => {
      const interior = [...fixtureRooms[Math.floor(random.nextFloat() * fixtureRooms.length)]!.interior];
      if (random.nextFloat() >= walls) return interior;
      if (random.nextFloat() < 0.5) {
        const column = 1 + Math.floor(random.nextFloat() * 10);
        return interior.map((row) => `${row.slice(0, column)}B${row.slice(column + 1)}`);
      }
      const row = 1 + Math.floor(random.nextFloat() * 5);
      return interior.map((line, y) => (y === row ? 'B'.repeat(12) : line));
    });
  };
}
