// `mosaic level generate` as a game designer runs it: files written next to each other, a summary per variation.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosaicCli } from '../../support/mosaic-cli.js';
import { createTempHome } from '../../support/temp-home.js';
import { spawnSync } from 'node:child_process';
import { parseTiledMap } from '../../../main/services/levels/level-files/tiled-import.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
const run = mosaicCli(() => join(home.path, 'data'));

beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await home.remove();
});

describe('mosaic level', () => {
  it('generates variations as Tiled maps sharing one tileset', async () => {
    const out = join(home.path, 'maps', 'level.tmj');
    const { stdout } = await run(
      'level',
      'generate',
      '--prompt',
      'some pipes, many enemies',
      '--width',
      '60',
      '--seed',
      '7',
      '--variations',
      '2',
      '--out',
      out,
    );
    expect(stdout).toMatch(/seed 7/);
    expect(stdout.match(/variation \d: playable/g)).toHaveLength(2);
    // Each level's line names what was written for it; the shared tileset only on the first.
    const maps = join(home.path, 'maps');
    const lines = stdout.split('\n');
    expect(lines.find((line) => line.startsWith('  variation 1:'))).toContain(
      ` → ${join(maps, 'level-1.tmj')}, ${join(maps, 'mosaic-platformer-tiles.tsj')}, ${join(maps, 'mosaic-platformer-tiles.png')}`,
    );
    expect(lines.find((line) => line.startsWith('  variation 2:'))).toMatch(/ → \S*level-2\.tmj$/);
    const files = (await readdir(join(home.path, 'maps'))).sort();
    expect(files).toEqual(['level-1.tmj', 'level-2.tmj', 'mosaic-platformer-tiles.png', 'mosaic-platformer-tiles.tsj']);
    const map = JSON.parse(await readFile(join(home.path, 'maps', 'level-1.tmj'), 'utf8'));
    const properties = Object.fromEntries(
      map.properties.map((property: { name: string; value: unknown }) => [property.name, property.value]),
    );
    expect(properties).toMatchObject({ seed: 7, model: 'level-platformer@1.0.0' });
  });

  it('regenerates a region of a VGLC text level', async () => {
    const original = join(home.path, 'base.txt');
    await run('level', 'generate', '--width', '50', '--seed', '2', '--out', original);
    const edited = join(home.path, 'edited.txt');
    const { stdout } = await run(
      'level',
      'regenerate',
      original,
      '--from',
      '10',
      '--to',
      '25',
      '--seed',
      '4',
      '--out',
      edited,
    );
    expect(stdout).toMatch(/variation 1: playable.* → \S*edited\.txt$/m);
    const before = (await readFile(original, 'utf8')).trim().split('\n');
    const after = (await readFile(edited, 'utf8')).trim().split('\n');
    expect(after.map((row) => row.slice(25))).toEqual(before.map((row) => row.slice(25)));
  });

  it('regenerates a region of a Tiled map it exported, keeping the prompt the map records', async () => {
    const maps = join(home.path, 'maps');
    const { stdout } = await run(
      'level',
      'regenerate',
      join(maps, 'level-1.tmj'),
      '--from',
      '20',
      '--to',
      '30',
      '--seed',
      '5',
      '--out',
      join(maps, 'edited.tmj'),
    );
    expect(stdout).toMatch(/"some pipes, many enemies[^"]*" · seed 5/);
    expect(stdout).toMatch(/variation 1: playable.* → \S*edited\.tmj, \S*mosaic-platformer-tiles\.tsj/);
    const before = parseTiledMap(await readFile(join(maps, 'level-1.tmj'), 'utf8'));
    const after = parseTiledMap(await readFile(join(maps, 'edited.tmj'), 'utf8'));
    expect(after.prompt).toBe(before.prompt);
    expect(after.rows.map((row) => row.slice(30))).toEqual(before.rows.map((row) => row.slice(30)));
    expect(after.rows).not.toEqual(before.rows);
  });

  it('says in its JSON which files it wrote', async () => {
    const { stdout } = await run(
      'level',
      'generate',
      '--width',
      '40',
      '--seed',
      '3',
      '--out',
      join(home.path, 'json', 'one.png'),
      '--json',
    );
    const report = JSON.parse(stdout) as { files: string[]; result: { levels: unknown[] } };
    expect(report.result.levels).toHaveLength(1);
    expect(report.files).toEqual([join(home.path, 'json', 'one.png')]);
    expect((await readdir(join(home.path, 'json'))).sort()).toEqual(['one.png']);
  });

  it('writes files under any name the user gives, not only the names an export may choose itself', async () => {
    const folder = join(home.path, 'named');
    const { stdout } = await run(
      'level',
      'generate',
      '--width',
      '40',
      '--seed',
      '3',
      '--variations',
      '2',
      '--out',
      join(folder, 'niveau #1 (été).tmj'),
      '--json',
    );
    const report = JSON.parse(stdout) as { files: string[] };
    const written = (await readdir(folder)).sort();
    expect(written).toContain('niveau #1 (été)-1.tmj');
    expect(written).toContain('niveau #1 (été)-2.tmj');
    expect(written.filter((name) => name.includes('mosaic-export'))).toEqual([]);
    expect(report.files.map((file) => file.slice(folder.length + 1)).sort()).toEqual(written);
    const map = JSON.parse(await readFile(join(folder, 'niveau #1 (été)-2.tmj'), 'utf8')) as { tilesets: unknown[] };
    expect(map.tilesets).toHaveLength(1);
  });

  it('writes LDtk projects (--out level.ldtk) that LDtk’s JSON schema accepts, beside the shared tileset PNG', async () => {
    const maps = join(home.path, 'ldtk');
    const { stdout } = await run(
      'level',
      'generate',
      '--prompt',
      'many enemies, high elevation',
      '--width',
      '60',
      '--seed',
      '9',
      '--variations',
      '2',
      '--out',
      join(maps, 'level.ldtk'),
    );
    expect(stdout).toMatch(/variation 1: playable.* → \S*level-1\.ldtk, \S*mosaic-platformer-tiles\.png$/m);
    expect((await readdir(maps)).sort()).toEqual(['level-1.ldtk', 'level-2.ldtk', 'mosaic-platformer-tiles.png']);
    const files = [join(maps, 'level-1.ldtk'), join(maps, 'level-2.ldtk')];
    // LDtk's published schema, run by python3-jsonschema (tests/support/ldtk/validate_ldtk.py).
    const check = spawnSync('/usr/bin/python3', [join(__dirname, '../../support/ldtk/validate_ldtk.py'), ...files], {
      encoding: 'utf8',
    });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    const project = JSON.parse(await readFile(files[1]!, 'utf8'));
    const fields = Object.fromEntries(
      project.levels[0].fieldInstances.map((field: { __identifier: string; __value: unknown }) => [
        field.__identifier,
        field.__value,
      ]),
    );
    expect(fields).toMatchObject({ seed: '9', model: 'level-platformer@1.0.0' });
    expect(fields.prompt).toMatch(/many enemies.*high elevation/);
    expect(project.levels[0].identifier).toBe('Level_2');
  });

  it('refuses an output it cannot write in a known format, naming the formats it can', async () => {
    await expect(run('level', 'generate', '--out', join(home.path, 'level.doc'))).rejects.toMatchObject({
      code: 64,
      stderr: expect.stringMatching(/\.tmj, \.ldtk, \.png or \.txt/),
    });
    await expect(
      run('level', 'generate', '--out', join(home.path, 'level.ldtk'), '--format', 'xml'),
    ).rejects.toMatchObject({ code: 64, stderr: expect.stringMatching(/--format tmj\|ldtk\|png\|txt/) });
  });
});
