// Dungeon exports checked by readers this project did not write: VGLC text against the corpus maps byte for byte, the
// .tmj through the Tiled CLI, the .ldtk against LDtk's JSON schema with python3-jsonschema, the PNG decoded back.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dungeonGenerateFieldsSchema, dungeonSchema, type Dungeon } from '../../../contract/dungeons.js';
import { buildDungeon } from '../../../main/inference/tasks/dungeon/dungeon-builder.js';
import { planDungeon } from '../../../main/inference/tasks/dungeon/dungeon-layout.js';
import { doorsDrawn } from '../../../main/inference/tasks/dungeon/dungeon-rooms.js';
import { exportDungeon } from '../../../main/services/dungeons/dungeon-files/dungeon-export.js';
import { keyColour, spawnColour } from '../../../main/services/dungeons/dungeon-files/dungeon-render.js';
import { dungeonTilesetTiles } from '../../../main/services/dungeons/dungeon-files/dungeon-tileset.js';
import { dungeonToVglcText, parseVglcZelda } from '../../../main/services/dungeons/dungeon-files/vglc-zelda.js';
import { corpusDrawer } from '../../support/dungeon-rooms.js';
import { readPng } from '../../support/png-reader.js';
import { vglcFolder } from '../../support/vglc-corpus.js';

const provenance = { model: 'level-dungeon@1.0.0', digest: 'ab'.repeat(32), prompt: '12 rooms, 2 keys', seed: 1 };
const folder = mkdtempSync(join(tmpdir(), 'mosaic-dungeon-export-'));
let dungeon: Dungeon;
beforeAll(async () => {
  const layout = planDungeon(dungeonGenerateFieldsSchema.parse({ rooms: 12, keyLocks: 2 }), 1);
  dungeon = dungeonSchema.parse(await buildDungeon(layout, corpusDrawer(1, 0.3), { variation: 0, repairBudget: 1 }));
  for (const format of ['vglc', 'tmj', 'ldtk', 'png'] as const) {
    for (const file of exportDungeon(format, dungeon, provenance, 'dungeon'))
      writeFileSync(join(folder, file.name), file.contents);
  }
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const zeldaMaps = join(vglcFolder, 'legend-of-zelda', 'processed');

describe('VGLC Zelda text', () => {
  it('reads back the rooms it wrote, at their grid cells, in the game orientation', () => {
    const text = readFileSync(join(folder, 'dungeon.txt'), 'utf8');
    const lines = text.split('\n');
    // Transposed as VGLC writes it: one line per map column, 11 characters per room across.
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(dungeon.columns * 16 + 1);
    expect(lines[0]).toHaveLength(dungeon.rows * 11);
    const read = parseVglcZelda(text);
    expect([read.columns, read.rows]).toEqual([dungeon.columns, dungeon.rows]);
    expect(read.rooms).toHaveLength(dungeon.rooms.length);
    for (const room of dungeon.rooms) {
      expect(read.rooms.find((r) => r.x === room.x && r.y === room.y)?.tiles).toEqual(room.tiles);
    }
  });

  it.skipIf(!existsSync(zeldaMaps))('reads every corpus map and writes it back byte for byte', () => {
    const files = readdirSync(zeldaMaps).filter((name) => name.startsWith('tloz'));
    expect(files).toHaveLength(18);
    let rooms = 0;
    for (const name of files) {
      const bytes = readFileSync(join(zeldaMaps, name), 'utf8');
      const map = parseVglcZelda(bytes);
      rooms += map.rooms.length;
      for (const room of map.rooms) {
        expect(room.tiles).toHaveLength(11);
        expect(room.tiles.every((row) => row.length === 16)).toBe(true);
      }
      const rewritten = dungeonToVglcText({
        columns: map.columns,
        rows: map.rows,
        rooms: map.rooms.map((room) => ({ ...room })) as never,
      });
      expect(rewritten, name).toBe(bytes);
    }
    // The data README's count of non-empty rooms.
    expect(rooms).toBe(459);
    // Doors sit where this engine draws them: read the first map's doors from its D tiles.
    const first = parseVglcZelda(readFileSync(join(zeldaMaps, 'tloz1_1.txt'), 'utf8'));
    const withDoors = first.rooms.filter((room) => Object.values(doorsDrawn(room.tiles)).some(Boolean));
    expect(withDoors.length).toBeGreaterThan(first.rooms.length * 0.9);
  });

  it('refuses text that is not whole rooms, saying what it expects', () => {
    expect(() => parseVglcZelda('WWW\nWWW\n')).toThrow(/whole rooms/);
  });
});

const tiled = spawnSync('tiled', ['--version'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
describe.skipIf(tiled.error !== undefined)('Tiled map through the real Tiled CLI', () => {
  it('converts the .tmj with its tileset to TMX (exit 0) with rooms, doors, keys and the route', () => {
    const result = spawnSync('tiled', ['--embed-tilesets', '--export-map', 'tmx', 'dungeon.tmj', 'dungeon.tmx'], {
      cwd: folder,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
      timeout: 60_000,
    });
    expect(result.status, result.stderr.toString()).toBe(0);
    const tmx = readFileSync(join(folder, 'dungeon.tmx'), 'utf8');
    expect(tmx).toMatch(new RegExp(`<map [^>]*width="${dungeon.columns * 16}" height="${dungeon.rows * 11}"`));
    expect(tmx).toMatch(/<tileset firstgid="1" name="vglc-zelda"[^>]*tilecount="9"/);
    expect(tmx.match(/<object [^>]*name="room-\d+"/g)).toHaveLength(dungeon.rooms.length);
    expect(tmx.match(/type="locked-door"|class="locked-door"/g)).toHaveLength(2);
    expect(tmx.match(/name="key-\d"/g)).toHaveLength(2);
    expect(tmx).toContain('name="agent-path"');
    expect(tmx).toContain('name="spawn"');
  });
});

describe('LDtk project', () => {
  it('lays one level per room on a GridVania world, each cell of the grid one room', () => {
    const project = JSON.parse(readFileSync(join(folder, 'dungeon.ldtk'), 'utf8')) as {
      worldLayout: string;
      worldGridWidth: number;
      levels: {
        worldX: number;
        worldY: number;
        layerInstances: { __identifier: string; entityInstances: { __identifier: string }[] }[];
      }[];
    };
    expect(project.worldLayout).toBe('GridVania');
    expect(project.worldGridWidth).toBe(256);
    expect(project.levels).toHaveLength(dungeon.rooms.length);
    for (const [index, room] of dungeon.rooms.entries()) {
      expect([project.levels[index]!.worldX, project.levels[index]!.worldY]).toEqual([room.x * 256, room.y * 176]);
    }
    const names = project.levels.flatMap((level) =>
      level.layerInstances[0]!.entityInstances.map((e) => e.__identifier),
    );
    expect(names.filter((name) => name === 'Door')).toHaveLength(dungeon.doors.length * 2);
    expect(names.filter((name) => name === 'Key')).toHaveLength(2);
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('validates against LDtk 1.5.3 JSON schema with python3-jsonschema', () => {
    const validator = join(__dirname, '../../support/ldtk/validate_ldtk.py');
    const result = spawnSync('/usr/bin/python3', [validator, join(folder, 'dungeon.ldtk')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stdout.trim()).not.toBe('');
    const verdict = JSON.parse(result.stdout.trim()) as { valid: boolean; errors: string[] };
    expect(verdict.errors).toEqual([]);
    expect(verdict.valid).toBe(true);
  });
});

describe('PNG', () => {
  it('draws the whole map 16 px per tile, the spawn and keys marked, provenance in text chunks', () => {
    const image = readPng(readFileSync(join(folder, 'dungeon.png')));
    expect([image.width, image.height]).toEqual([dungeon.columns * 256, dungeon.rows * 176]);
    const centre = (spot: { room: number; at: [number, number] }) => {
      const room = dungeon.rooms[spot.room]!;
      return [(room.x * 16 + spot.at[0]) * 16 + 8, (room.y * 11 + spot.at[1]) * 16 + 3] as const;
    };
    const rgb = (colour: number) => [(colour >> 16) & 255, (colour >> 8) & 255, colour & 255];
    expect(image.pixel(...centre(dungeon.spawn)).slice(0, 3)).toEqual(rgb(spawnColour));
    expect(image.pixel(...centre(dungeon.keys[0]!)).slice(0, 3)).toEqual(rgb(keyColour));
    expect(image.text).toMatchObject({ Model: 'level-dungeon@1.0.0', Seed: '1' });
    expect(readPng(readFileSync(join(folder, 'mosaic-dungeon-tiles.png'))).width).toBe(16 * dungeonTilesetTiles.length);
  });
});
