// LDtk export over real HTTP (mosaic serve, real onnxruntime, the bundled level model): levels generated from several
// prompts are exported as .ldtk projects, validated against LDtk's published JSON schema by Python's jsonschema (not
// by this project's code), and checked against the levels themselves: collision, tiles, spawn, goal, enemies, provenance.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GeneratedLevel, LevelRun } from '../../../contract/index.js';
import { solidTiles } from '../../../main/inference/tasks/level/level-grid.js';
import type { LdtkProject } from '../../../main/services/levels/level-files/ldtk-format.js';
import { tilesetTiles } from '../../../main/services/levels/level-files/tileset-export.js';
import { readPng } from '../../support/png-reader.js';
import { serveTempHome } from '../../support/served-home.js';

const python = '/usr/bin/python3';
const validator = join(__dirname, '../../support/ldtk/validate_ldtk.py');

const served = serveTempHome();
const folder = mkdtempSync(join(tmpdir(), 'mosaic-ldtk-'));

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

type Answer = LevelRun & { files: { name: string; base64: string }[]; error: { code: string; message: string } };

const post = (path: string, body: unknown) => served.post<Answer>(path, body);

/** Runs LDtk's schema over the files with python3-jsonschema: one verdict per file. */
function validateWithJsonschema(files: string[]): { file: string; valid: boolean; errors: string[] }[] {
  const result = spawnSync(python, [validator, ...files], { encoding: 'utf8', timeout: 120_000 });
  if (result.error || (result.status !== 0 && result.status !== 1) || !result.stdout) {
    throw new Error(
      `The LDtk schema check needs ${python} with jsonschema (Debian: apt-get install python3-jsonschema): ${result.stderr}`,
    );
  }
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { file: string; valid: boolean; errors: string[] });
}

interface Exported {
  level: GeneratedLevel;
  provenance: { model: string; digest: string; prompt: string; seed: number };
  file: string;
  project: LdtkProject;
}

const prompts = [
  'many pipes, many enemies, some blocks, high elevation',
  'no pipes, no enemies, little blocks, low elevation',
  'some pipes, some enemies, many blocks, low elevation',
  'little pipes, little enemies, little blocks, high elevation',
];

describe('LDtk export of generated levels', () => {
  const exported: Exported[] = [];

  it('exports levels generated from four prompts as .ldtk projects that LDtk’s JSON schema accepts', async () => {
    for (const [index, prompt] of prompts.entries()) {
      const run = await post('/v1/levels/generate', { prompt, width: 80, variations: 2, seed: 100 + index });
      expect(run.status, JSON.stringify(run.json.error)).toBe(200);
      for (const level of run.json.result.levels) {
        const provenance = {
          model: `${run.json.model.name}@${run.json.model.version}`,
          digest: run.json.model.digest,
          prompt: run.json.result.prompt,
          seed: run.json.result.seed,
        };
        const name = `level-${index + 1}-${level.variation + 1}`;
        const answer = await post('/v1/levels/export', { level, provenance, format: 'ldtk', name });
        expect(answer.status, JSON.stringify(answer.json.error)).toBe(200);
        expect(answer.json.files.map((file) => file.name)).toEqual([`${name}.ldtk`, 'mosaic-platformer-tiles.png']);
        for (const file of answer.json.files)
          writeFileSync(join(folder, file.name), Buffer.from(file.base64, 'base64'));
        const file = join(folder, `${name}.ldtk`);
        exported.push({ level, provenance, file, project: JSON.parse(readFileSync(file, 'utf8')) as LdtkProject });
      }
    }
    expect(exported).toHaveLength(8);
    const verdicts = validateWithJsonschema(exported.map((entry) => entry.file));
    expect(verdicts).toHaveLength(8);
    for (const verdict of verdicts) expect(verdict, verdict.errors.join('\n')).toMatchObject({ valid: true });
  }, 120_000);

  it('has an IntGrid collision layer whose solid cells are exactly the level’s solid tiles', () => {
    expect(exported.length).toBeGreaterThan(0);
    for (const { level, project } of exported) {
      const collision = project.levels[0]!.layerInstances!.find((layer) => layer.__type === 'IntGrid')!;
      const solidValue = project.defs.layers
        .find((def) => def.uid === collision.layerDefUid)!
        .intGridValues.find((value) => value.identifier === 'solid')!.value;
      const width = level.rows[0]!.length;
      expect([collision.__cWid, collision.__cHei]).toEqual([width, 14]);
      // The playability agent's own idea of solid (level-grid.ts), not the exporter's.
      const expected = level.rows.flatMap((row) => [...row].map((tile) => (solidTiles.has(tile) ? solidValue : 0)));
      expect(collision.intGridCsv).toEqual(expected);
      const solidCells = expected.filter((value) => value !== 0).length;
      expect(solidCells).toBeGreaterThan(width / 2); // a floor, gaps allowed
      expect(solidCells).toBeLessThan(expected.length / 2);
    }
  });

  it('has a tile layer that draws every tile but enemies from the tileset PNG written beside it', () => {
    for (const { level, project } of exported) {
      const tileset = project.defs.tilesets[0]!;
      const png = readPng(readFileSync(join(folder, tileset.relPath!)));
      expect([png.width, png.height]).toEqual([tileset.pxWid, tileset.pxHei]);
      const tiles = project.levels[0]!.layerInstances!.find((layer) => layer.__type === 'Tiles')!;
      expect(tiles.__tilesetDefUid).toBe(tileset.uid);
      expect(tiles.__tilesetRelPath).toBe(tileset.relPath);
      const drawn = new Map(tiles.gridTiles.map((tile) => [`${tile.px[0] / 16},${tile.px[1] / 16}`, tile]));
      level.rows.forEach((row, y) =>
        [...row].forEach((char, x) => {
          const tile = drawn.get(`${x},${y}`);
          if (char === '-' || char === 'E') return expect(tile).toBeUndefined();
          expect(tilesetTiles[tile!.t]).toBe(char);
          expect(tile!.src).toEqual([tile!.t * tileset.tileGridSize, 0]);
          expect(tile!.src[0] + tileset.tileGridSize).toBeLessThanOrEqual(png.width);
        }),
      );
    }
  });

  it('places the spawn in the first three columns, the goal where the agent ends, and an Enemy entity per enemy', () => {
    let levelsWithEnemies = 0;
    let levelsWithout = 0;
    for (const { level, project } of exported) {
      const entities = project.levels[0]!.layerInstances!.find((layer) => layer.__type === 'Entities')!;
      const named = (identifier: string) =>
        entities.entityInstances.filter((entity) => entity.__identifier === identifier);
      expect(level.spawn).not.toBeNull();
      expect(named('Spawn').map((entity) => entity.__grid)).toEqual([level.spawn]);
      expect(named('Spawn')[0]!.__grid[0]).toBeLessThan(3);
      expect(named('Spawn')[0]!.px).toEqual([level.spawn![0] * 16 + 8, (level.spawn![1] + 1) * 16]);
      expect(named('Goal').map((entity) => entity.__grid)).toEqual([level.goal]);
      const reachable = named('Goal')[0]!.fieldInstances.find((field) => field.__identifier === 'reachable')!;
      expect(reachable.__value).toBe(level.playable);
      const enemyCells = level.rows.flatMap((row, y) =>
        [...row].flatMap((char, x) => (char === 'E' ? [[x, y] as [number, number]] : [])),
      );
      const enemies = named('Enemy');
      expect(enemies.map((entity) => entity.__grid)).toEqual(enemyCells);
      for (const enemy of enemies) {
        const grounded = enemy.fieldInstances.find((field) => field.__identifier === 'grounded')!;
        const [x, y] = enemy.__grid;
        expect(grounded.__value).toBe(solidTiles.has(level.rows[y + 1]?.[x] ?? ''));
      }
      if (enemyCells.length > 0) levelsWithEnemies += 1;
      else levelsWithout += 1;
    }
    // Both cases were exercised: levels with enemies (many enemies asked) and, where the model obeyed, levels without.
    expect(levelsWithEnemies).toBeGreaterThan(0);
    expect(levelsWithEnemies + levelsWithout).toBe(exported.length);
  });

  it('names the model@version, digest, prompt and seed as level fields', () => {
    for (const { project, provenance, level } of exported) {
      const fields = Object.fromEntries(
        project.levels[0]!.fieldInstances.map((field) => [field.__identifier, field.__value]),
      );
      expect(fields).toEqual({
        generator: 'Mosaic Studio',
        model: provenance.model,
        digest: provenance.digest,
        prompt: provenance.prompt,
        seed: String(provenance.seed),
        playable: level.playable,
      });
      expect(provenance.model).toMatch(/^level-platformer@\d+\.\d+\.\d+$/);
      expect(provenance.digest).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses an unknown format and a name that would leave the export folder, with coded errors', async () => {
    const { level, provenance } = exported[0]!;
    const unknown = await post('/v1/levels/export', { level, provenance, format: 'tmx', name: 'level' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('BAD_REQUEST');
    for (const name of ['../outside', '/tmp/level', 'maps/level', '..\\level']) {
      const escape = await post('/v1/levels/export', { level, provenance, format: 'ldtk', name });
      expect(escape.status, name).toBe(400);
      expect(escape.json.error.code).toBe('BAD_REQUEST');
    }
    expect(existsSync(join(folder, '..', 'outside.ldtk'))).toBe(false);
  });
});
