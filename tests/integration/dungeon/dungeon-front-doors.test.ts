// The dungeon task through its front doors, as users call them: POST /v1/dungeons/generate on `mosaic serve` (model
// installed from the bundled catalog on first use), exports and a room redraw over HTTP, the history entry, and
// `mosaic dungeon generate --out` writing each format.
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DungeonRun, HistoryItem } from '../../../contract/index.js';
import { parseVglcZelda } from '../../../main/services/dungeons/dungeon-files/vglc-zelda.js';
import { mosaicCli, mosaicCliOutcome } from '../../support/mosaic-cli.js';
import { readPng } from '../../support/png-reader.js';
import { serveTempHome } from '../../support/served-home.js';
import { createTempHome } from '../../support/temp-home.js';

const served = serveTempHome();
type Answer = DungeonRun & { files: { name: string; base64: string }[]; error: { code: string; message: string } };

describe('POST /v1/dungeons/…', () => {
  let run: DungeonRun;

  it('generates a connected 12-room dungeon with the bundled level-dungeon model', async () => {
    const answer = await served.post<Answer>('/v1/dungeons/generate', { rooms: 12, keyLocks: 2, seed: 1 });
    expect(answer.status, JSON.stringify(answer.json.error)).toBe(200);
    run = answer.json;
    expect(run.model).toMatchObject({ name: 'level-dungeon', version: '1.0.0', task: 'level.dungeon' });
    const [dungeon] = run.result.dungeons;
    expect(dungeon!.rooms).toHaveLength(12);
    expect(dungeon!.playable).toBe(true);
    expect(dungeon!.keys).toHaveLength(2);
    expect(run.result.prompt).toBe('12 rooms, 2 keys, enemies 0.15, blocks 0.35, elements 0.3');
  });

  it('exports it in every format', async () => {
    const dungeon = run.result.dungeons[0]!;
    const provenance = { model: 'level-dungeon@1.0.0', digest: run.model.digest, prompt: run.result.prompt, seed: 1 };
    const names: Record<string, string[]> = {};
    for (const format of ['vglc', 'tmj', 'ldtk', 'png'] as const) {
      const answer = await served.post<Answer>('/v1/dungeons/export', { dungeon, provenance, format, name: 'd1' });
      expect(answer.status, JSON.stringify(answer.json.error)).toBe(200);
      names[format] = answer.json.files.map((file) => file.name);
      if (format === 'vglc') {
        const text = Buffer.from(answer.json.files[0]!.base64, 'base64').toString();
        expect(parseVglcZelda(text).rooms.map((room) => room.tiles)).toEqual(
          [...dungeon.rooms].sort((a, b) => a.y - b.y || a.x - b.x).map((room) => room.tiles),
        );
      }
    }
    expect(names).toEqual({
      vglc: ['d1.txt'],
      tmj: ['d1.tmj', 'mosaic-dungeon-tiles.tsj', 'mosaic-dungeon-tiles.png'],
      ldtk: ['d1.ldtk', 'mosaic-dungeon-tiles.png'],
      png: ['d1.png'],
    });
  });

  it('redraws one room and records both runs in the history as dungeons', async () => {
    const dungeon = run.result.dungeons[0]!;
    const answer = await served.post<Answer>('/v1/dungeons/regenerate-room', { dungeon, room: 3, seed: 5 });
    expect(answer.status, JSON.stringify(answer.json.error)).toBe(200);
    const edited = answer.json.result.dungeons[0]!;
    expect(edited.playable).toBe(true);
    expect(edited.rooms.filter((room) => room.id !== 3)).toEqual(dungeon.rooms.filter((room) => room.id !== 3));
    const history = await served.send<{ items: HistoryItem[] }>('GET', '/v1/history/list?kind=dungeon');
    expect(history.json.items.map((item) => item.method)).toEqual(['dungeons.regenerateRoom', 'dungeons.generate']);
    expect(history.json.items[1]).toMatchObject({ kind: 'dungeon', seed: 1, summary: { rooms: 12, playable: 1 } });
    expect(history.json.items[1]!.preview.rows!.length).toBe(dungeon.rows * 11);
    // Regenerate exactly: the same model version and seed give the same rooms.
    const again = await served.post<Answer>('/v1/history/regenerate', { id: history.json.items[1]!.id });
    expect(again.status, JSON.stringify(again.json.error)).toBe(200);
    expect(again.json.result.dungeons[0]!.rooms).toEqual(dungeon.rooms);
  });

  it('lists the dungeon routes in the OpenAPI document', async () => {
    const document = await served.send<{ paths: Record<string, unknown> }>('GET', '/v1/openapi.json');
    expect(Object.keys(document.json.paths)).toEqual(
      expect.arrayContaining(['/v1/dungeons/generate', '/v1/dungeons/regenerate-room', '/v1/dungeons/export']),
    );
  });

  it('answers a bad request with 400 naming the field', async () => {
    const answer = await served.post<Answer>('/v1/dungeons/generate', { rooms: 40 });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('BAD_REQUEST');
    expect(answer.json.error.message).toMatch(/rooms/);
  });
});

describe('mosaic dungeon generate', () => {
  let home: Awaited<ReturnType<typeof createTempHome>>;
  const run = mosaicCli(() => join(home.path, 'data'));
  const outcome = mosaicCliOutcome(() => join(home.path, 'data'));
  beforeAll(async () => {
    home = await createTempHome();
  });
  afterAll(async () => {
    await home.remove();
  });

  it('writes a Tiled map with its tileset, and the same dungeon as LDtk, PNG and VGLC text', async () => {
    const maps = join(home.path, 'maps');
    const { stdout } = await run(
      'dungeon',
      'generate',
      '--rooms',
      '12',
      '--seed',
      '1',
      '--out',
      join(maps, 'dungeon.tmj'),
    );
    expect(stdout).toMatch(/level-dungeon@1\.0\.0 · 12 rooms, 1 key, .* · seed 1 · \d+ ms/);
    expect(stdout).toMatch(/dungeon 1: 12 rooms, connected/);
    for (const out of ['dungeon.ldtk', 'dungeon.png', 'dungeon.txt']) {
      await run('dungeon', 'generate', '--rooms', '12', '--seed', '1', '--out', join(maps, out));
    }
    expect((await readdir(maps)).sort()).toEqual([
      'dungeon.ldtk',
      'dungeon.png',
      'dungeon.tmj',
      'dungeon.txt',
      'mosaic-dungeon-tiles.png',
      'mosaic-dungeon-tiles.tsj',
    ]);
    const map = JSON.parse(await readFile(join(maps, 'dungeon.tmj'), 'utf8')) as { width: number; height: number };
    const text = parseVglcZelda(await readFile(join(maps, 'dungeon.txt'), 'utf8'));
    expect([map.width, map.height]).toEqual([text.columns * 16, text.rows * 11]);
    expect(text.rooms).toHaveLength(12);
    const png = readPng(await readFile(join(maps, 'dungeon.png')));
    expect([png.width, png.height]).toEqual([map.width * 16, map.height * 16]);
    const tiled = spawnSync('tiled', ['--export-map', 'tmx', 'dungeon.tmj', 'dungeon.tmx'], {
      cwd: maps,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    if (!tiled.error) expect(tiled.status, tiled.stderr.toString()).toBe(0);
  }, 120_000);

  it('refuses an --out it cannot write before generating, and rooms out of range', async () => {
    const wrongFormat = await outcome('dungeon', 'generate', '--out', join(home.path, 'dungeon.mid'));
    expect(wrongFormat.code).not.toBe(0);
    expect(wrongFormat.stderr).toMatch(/\.tmj, \.ldtk, \.png or \.txt/);
    const tooMany = await outcome('dungeon', 'generate', '--rooms', '99');
    expect(tooMany.code).not.toBe(0);
    expect(tooMany.stderr).toMatch(/--rooms/);
  }, 60_000);
});
