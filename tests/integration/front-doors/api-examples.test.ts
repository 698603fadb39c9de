// The scripts in examples/api, run as a developer would against `mosaic serve` with the bundled models: their files
// are read back by independent parsers (@tonejs/midi for MIDI, JSON for the Tiled map and its tileset).
import { Midi } from '@tonejs/midi';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { startMosaicServe, type ServeProcess } from '../../support/mosaic-serve.js';
import { createTempHome } from '../../support/temp-home.js';

const run = promisify(execFile);
const examples = join(findPackageRoot(), 'examples', 'api');
const python = '/usr/bin/python3';
let home: Awaited<ReturnType<typeof createTempHome>>;
let server: ServeProcess;

beforeAll(async () => {
  home = await createTempHome();
  server = await startMosaicServe({ MOSAIC_HOME: join(home.path, 'data') });
});
afterAll(async () => {
  await server?.stop();
  await home.remove();
});

/**
 * The example's environment as a user's would be: only the data folder, whose service.json says where the service
 * listens (it got a free port, not the default) and whose api-token holds the token.
 */
const env = () => ({
  ...process.env,
  MOSAIC_URL: undefined,
  MOSAIC_API_TOKEN: undefined,
  MOSAIC_HOME: join(home.path, 'data'),
});

async function expectMelodies(folder: string, stdout: string): Promise<void> {
  expect(stdout).toMatch(/^music-melody@\d+\.\d+\.\d+, seed \d+$/m);
  expect((await readdir(folder)).sort()).toEqual(['melody-1.mid', 'melody-2.mid', 'melody-3.mid', 'melody-4.mid']);
  const aMinor = new Set([9, 11, 0, 2, 4, 5, 7]);
  for (let variation = 1; variation <= 4; variation += 1) {
    const midi = new Midi(await readFile(join(folder, `melody-${variation}.mid`)));
    const notes = midi.tracks.flatMap((track) => track.notes);
    expect(notes.length).toBeGreaterThan(8);
    // Key lock is on by default: every note in A minor; 8 bars of 4/4 at 100 bpm end by 19.2 s.
    expect(notes.every((note) => aMinor.has(note.midi % 12))).toBe(true);
    expect(midi.header.tempos[0]?.bpm).toBeCloseTo(100, 3);
    expect(Math.max(...notes.map((note) => note.time + note.duration))).toBeLessThanOrEqual(19.2 + 1e-6);
    expect(stdout).toContain(`${join(folder, `melody-${variation}.mid`)}: ${notes.length} notes`);
  }
}

describe('examples/api', () => {
  it('melody-to-midi.mjs writes four key-locked 8-bar MIDI variations', async () => {
    const folder = join(home.path, 'js-melodies');
    const { stdout } = await run(process.execPath, [join(examples, 'melody-to-midi.mjs'), folder], { env: env() });
    await expectMelodies(folder, stdout);
  });

  it('level-to-tiled.mjs writes a playable level as a Tiled map with its tileset', async () => {
    const folder = join(home.path, 'maps');
    const { stdout } = await run(process.execPath, [join(examples, 'level-to-tiled.mjs'), folder, 'some pipes'], {
      env: env(),
    });
    expect(stdout).toMatch(/^level-platformer@\d+\.\d+\.\d+, seed \d+: playable$/m);
    const map = JSON.parse(await readFile(join(folder, 'level.tmj'), 'utf8'));
    expect(map).toMatchObject({ type: 'map', orientation: 'orthogonal', width: 120, height: 14 });
    const tileset = map.tilesets[0].source as string;
    const tiles = JSON.parse(await readFile(join(folder, tileset), 'utf8'));
    expect(existsSync(join(folder, tiles.image))).toBe(true);
    const properties = Object.fromEntries(
      map.properties.map((property: { name: string; value: unknown }) => [property.name, property.value]),
    );
    expect(properties.prompt).toMatch(/^some pipes/);
  });

  it('reports a service that is not running, with a non-zero exit', async () => {
    const closed = { ...env(), MOSAIC_URL: 'http://127.0.0.1:9' };
    await expect(
      run(process.execPath, [join(examples, 'melody-to-midi.mjs'), home.path], { env: closed }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/No Mosaic service answers at http:\/\/127\.0\.0\.1:9/),
    });
    const wrongToken = { ...env(), MOSAIC_API_TOKEN: 'not-the-token' };
    await expect(
      run(process.execPath, [join(examples, 'melody-to-midi.mjs'), home.path], { env: wrongToken }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^UNAUTHORIZED: /) });
  });

  it.skipIf(!existsSync(python))('melody_to_midi.py does the same with the Python standard library', async () => {
    const folder = join(home.path, 'py-melodies');
    const { stdout } = await run(python, [join(examples, 'melody_to_midi.py'), folder], { env: env() });
    await expectMelodies(folder, stdout);
  });
});
