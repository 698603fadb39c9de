// Level exports: Tiled JSON checked against the documented map format and opened by the real Tiled, PNG, VGLC text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LevelProvenance } from '../../../../../../contract/levels.js';
import { columnsOf } from '../../../../../../main/inference/tasks/level/level-grid.js';
import { PlayabilityAgent } from '../../../../../../main/inference/tasks/level/playability-agent.js';
import { exportLevel, formatFromFileName } from '../../../../../../main/services/levels/level-files/level-export.js';
import { parseTiledMap } from '../../../../../../main/services/levels/level-files/tiled-import.js';
import { tilesetTiles } from '../../../../../../main/services/levels/level-files/tileset-export.js';
import { parseVglcText } from '../../../../../../main/services/levels/level-files/vglc-text.js';
import { everyTileRows } from '../../../../../support/every-tile-level.js';
import { readPng } from '../../../../../support/png-reader.js';

const rows = [...everyTileRows];
const report = new PlayabilityAgent().check(columnsOf(rows));
const level = { rows, path: report.path, spawn: report.spawn, goal: report.goal, playable: report.playable };
const provenance: LevelProvenance = {
  model: 'level-platformer@1.0.0',
  digest: 'a'.repeat(64),
  prompt: 'little pipes, little enemies, little blocks, low elevation',
  seed: 7,
};
const folder = mkdtempSync(join(tmpdir(), 'mosaic-level-export-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const files = exportLevel('tmj', level, provenance, 'level');
const file = (name: string) => files.find((candidate) => candidate.name === name)!.contents;
for (const { name, contents } of files) writeFileSync(join(folder, name), contents);
type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const map = JSON.parse(file('level.tmj').toString()) as Json;
const tileset = JSON.parse(file('mosaic-platformer-tiles.tsj').toString()) as Json;

describe('Tiled JSON map (doc.mapeditor.org JSON Map Format)', () => {
  it('has the map fields Tiled requires, with the documented types', () => {
    expect(map).toMatchObject({
      type: 'map',
      orientation: 'orthogonal',
      renderorder: 'right-down',
      width: 24,
      height: 14,
      tilewidth: 16,
      tileheight: 16,
      infinite: false,
    });
    expect(map.version).toMatch(/^1\.\d+$/);
    expect(typeof map.tiledversion).toBe('string');
    expect(map.backgroundcolor).toMatch(/^#[0-9a-f]{6}$/);
    const layerIds = (map.layers as Json[]).map((layer) => layer.id as number);
    expect(new Set(layerIds).size).toBe(layerIds.length);
    expect(map.nextlayerid).toBeGreaterThan(Math.max(...layerIds));
  });

  it('records model, digest, prompt and seed as typed map properties', () => {
    const properties = Object.fromEntries((map.properties as Json[]).map((p) => [p.name, [p.type, p.value]]));
    expect(properties).toMatchObject({
      model: ['string', 'level-platformer@1.0.0'],
      digest: ['string', 'a'.repeat(64)],
      prompt: ['string', provenance.prompt],
      seed: ['int', 7],
      playable: ['bool', true],
    });
  });

  it('stores terrain as CSV GIDs of an external tileset, enemies as tile objects', () => {
    expect(map.tilesets).toEqual([{ firstgid: 1, source: 'mosaic-platformer-tiles.tsj' }]);
    const terrain = (map.layers as Json[]).find((layer) => layer.type === 'tilelayer')!;
    expect(terrain.data).toHaveLength(24 * 14);
    for (const gid of terrain.data as number[]) {
      expect(Number.isInteger(gid) && gid >= 0 && gid <= tileset.tilecount).toBe(true);
    }
    const gidAt = (x: number, y: number) => (terrain.data as number[])[y * 24 + x]!;
    expect(tilesetTiles[gidAt(12, 10) - 1]).toBe('<');
    expect(tilesetTiles[gidAt(0, 13) - 1]).toBe('X');
    expect(gidAt(0, 0)).toBe(0);
    expect(gidAt(9, 11)).toBe(0); // the enemy left the terrain layer
    const enemies = (map.layers as Json[]).find((layer) => layer.name === 'enemies')!.objects as Json[];
    expect(enemies.map((enemy) => [enemy.x / 16, enemy.y / 16 - 1])).toEqual([
      [9, 11],
      [20, 12],
    ]);
    expect(enemies.every((enemy) => tilesetTiles[enemy.gid - 1] === 'E')).toBe(true);
  });

  it('marks spawn and goal as points and the agent path as a polyline', () => {
    const markers = (map.layers as Json[]).find((layer) => layer.name === 'markers')!.objects as Json[];
    const byName = Object.fromEntries(markers.map((marker) => [marker.name, marker]));
    expect(byName.spawn).toMatchObject({ point: true, x: 8, y: 13 * 16 });
    expect(byName.goal).toMatchObject({ point: true, x: 23 * 16 + 8, y: 13 * 16 });
    expect(byName['agent-path'].polyline).toHaveLength(report.path.length);
    const ids = [...markers, ...((map.layers as Json[])[1]!.objects as Json[])].map((object) => object.id as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(map.nextobjectid).toBeGreaterThan(Math.max(...ids));
  });

  it('ships a tileset whose image holds every tile', () => {
    expect(tileset).toMatchObject({ type: 'tileset', tilewidth: 16, tileheight: 16, columns: tilesetTiles.length });
    expect(tileset.tilecount).toBe(tilesetTiles.length);
    const image = readPng(file(tileset.image));
    expect([image.width, image.height]).toEqual([tileset.imagewidth, tileset.imageheight]);
    expect(tileset.imagewidth).toBe(tileset.columns * tileset.tilewidth);
    const vglc = (tileset.tiles as Json[]).map(
      (tile) => (tile.properties as Json[]).find((p) => p.name === 'vglc')!.value,
    );
    expect(vglc).toEqual([...tilesetTiles]);
  });
});

const tiled = spawnSync('tiled', ['--version'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
describe.skipIf(tiled.error !== undefined)('the real Tiled CLI', () => {
  const exportMap = (source: string, target: string) =>
    spawnSync('tiled', ['--embed-tilesets', '--export-map', 'tmx', source, target], {
      cwd: folder,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
      timeout: 60_000,
    });

  it('opens the exported map with its tileset and converts it to TMX (exit 0)', () => {
    const result = exportMap('level.tmj', 'level.tmx');
    expect(result.status, result.stderr.toString()).toBe(0);
    const tmx = readFileSync(join(folder, 'level.tmx'), 'utf8');
    expect(tmx).toMatch(/<map [^>]*width="24" height="14"/);
    expect(tmx).toMatch(/<tileset firstgid="1" name="vglc-platformer"[^>]*tilecount="12"/);
    expect(tmx).toContain('<image source="mosaic-platformer-tiles.png" width="192" height="16"/>');
    expect(tmx).toContain('name="agent-path"');
  });

  it('saves the map again (tileset embedded, or kept external) in a form Mosaic reads back to the same level', () => {
    for (const [target, args] of [
      ['resaved-embedded.tmj', ['--embed-tilesets']],
      ['resaved.tmj', []],
    ] as const) {
      const result = spawnSync('tiled', [...args, '--export-map', 'json', 'level.tmj', target], {
        cwd: folder,
        env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
        timeout: 60_000,
      });
      expect(result.status, result.stderr.toString()).toBe(0);
      const resaved = readFileSync(join(folder, target), 'utf8');
      expect(JSON.parse(resaved).tiledversion).not.toBe(map.tiledversion);
      expect(parseTiledMap(resaved)).toEqual({ rows, prompt: provenance.prompt });
    }
  });

  it('refuses a malformed map (exit 1)', () => {
    writeFileSync(join(folder, 'broken.tmj'), file('level.tmj').toString().slice(0, 200));
    expect(exportMap('broken.tmj', 'broken.tmx').status).toBe(1);
  });
});

describe('PNG and VGLC text exports', () => {
  it('draws the level 16 pixels per tile with sky, tiles and provenance text', () => {
    const [png] = exportLevel('png', level, provenance, 'level');
    const image = readPng(png!.contents);
    expect([image.width, image.height]).toEqual([24 * 16, 14 * 16]);
    expect(image.pixel(100, 5)).toEqual([0x5c, 0x94, 0xfc, 255]); // sky
    expect(image.pixel(12 * 16 + 8, 10 * 16 + 8).slice(0, 3)).toEqual([0x00, 0xa8, 0x00]); // pipe green
    expect(image.text).toMatchObject({ Model: 'level-platformer@1.0.0', Seed: '7', Prompt: provenance.prompt });
  });

  it('writes VGLC rows that read back unchanged', () => {
    const [text] = exportLevel('txt', level, provenance, 'level');
    expect(text!.contents.toString()).toBe(`${rows.join('\n')}\n`);
    expect(parseVglcText(text!.contents.toString())).toEqual(rows);
    expect(() => parseVglcText('XX\nXX\n')).toThrow(/14 rows/);
  });

  it('chooses the format from the file name and refuses unsafe names', () => {
    expect(['a.tmj', 'b.PNG', 'c.txt', 'd.ldtk', 'e.LDTK'].map((name) => formatFromFileName(name))).toEqual([
      'tmj',
      'png',
      'txt',
      'ldtk',
      'ldtk',
    ]);
    expect(formatFromFileName('level.tmx')).toBeNull();
    expect(() => exportLevel('txt', level, provenance, '../escape')).toThrow(/export name/);
    expect(() => exportLevel('ldtk', level, provenance, '../escape')).toThrow(/export name/);
  });
});

describe('reading a Tiled map back (mosaic level regenerate level.tmj)', () => {
  const edited = (change: (copy: Json) => void) => {
    const copy = JSON.parse(file('level.tmj').toString()) as Json;
    change(copy);
    return JSON.stringify(copy);
  };
  const terrain = (copy: Json) => (copy.layers as Json[]).find((layer) => layer.name === 'terrain')!;

  it('gives back the exported level, enemies from their objects, and its prompt', () => {
    expect(parseTiledMap(file('level.tmj').toString())).toEqual({ rows, prompt: provenance.prompt });
  });

  it('reads what Tiled may save instead: flipped tiles, base64 zlib data, an embedded tileset, enemies as tiles', () => {
    const flipped = edited((copy) => {
      const data = terrain(copy).data as number[];
      data[13 * 24] = (data[13 * 24]! | 0x80000000) >>> 0;
    });
    expect(parseTiledMap(flipped).rows).toEqual(rows);
    const compressed = edited((copy) => {
      const data = terrain(copy).data as number[];
      const bytes = Buffer.alloc(data.length * 4);
      data.forEach((gid, index) => bytes.writeUInt32LE(gid, index * 4));
      Object.assign(terrain(copy), {
        data: deflateSync(bytes).toString('base64'),
        encoding: 'base64',
        compression: 'zlib',
      });
    });
    expect(parseTiledMap(compressed).rows).toEqual(rows);
    const embedded = edited((copy) => {
      copy.tilesets = [{ firstgid: 5, ...tileset }];
      terrain(copy).data = (terrain(copy).data as number[]).map((gid) => (gid === 0 ? 0 : gid + 4));
      copy.layers = (copy.layers as Json[]).filter((layer) => layer.name === 'terrain');
      // The enemies drawn into the terrain layer instead of placed as objects.
      (terrain(copy).data as number[])[11 * 24 + 9] = 5 + tilesetTiles.indexOf('E');
      (terrain(copy).data as number[])[12 * 24 + 20] = 5 + tilesetTiles.indexOf('E');
    });
    expect(parseTiledMap(embedded).rows).toEqual(rows);
  });

  it('refuses, saying why, what is not a level map', () => {
    const cases: [string, RegExp][] = [
      ['{"type": "map"', /not JSON/],
      [edited((copy) => (copy.height = 13)), /13 rows; a level has 14/],
      [edited((copy) => (copy.infinite = true)), /infinite map/],
      [edited((copy) => (copy.tilesets = [{ firstgid: 1, source: 'forest.tsj' }])), /forest\.tsj is not Mosaic's/],
      [
        edited((copy) => Object.assign(terrain(copy), { data: 'AAAA', encoding: 'base64', compression: 'zstd' })),
        /zstd/,
      ],
      [edited((copy) => ((terrain(copy).data as number[])[0] = 99)), /tile 99 at column 0, row 0/],
    ];
    for (const [text, reason] of cases) expect(() => parseTiledMap(text)).toThrow(reason);
  });
});
