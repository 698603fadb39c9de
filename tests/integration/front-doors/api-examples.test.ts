// The scripts in examples/api, run as a developer would against `mosaic serve` with the bundled models: their files
// are read back by independent parsers (@tonejs/midi for MIDI, JSON for the Tiled map and its tileset, LDtk's published
// schema through python3-jsonschema for the LDtk project).
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
const ldtkValidator = join(findPackageRoot(), 'tests', 'support', 'ldtk', 'validate_ldtk.py');
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

/** The two songs a song example writes: 4 named parts, key-locked, and the second equal to the first outside bass bars 3–4. */
async function expectSongs(folder: string, stdout: string): Promise<void> {
  expect(stdout).toMatch(
    /^music-arrange@\d+\.\d+\.\d+, seed 1: .*song\.mid: melody \d+, chords \d+, bass \d+, drums \d+ notes$/m,
  );
  expect(stdout).toMatch(/^seed 2: .*song-2\.mid: bass bars 3-4 rewritten, bass \d+ notes in them$/m);
  expect((await readdir(folder)).sort()).toEqual(['song-2.mid', 'song.mid']);
  const [song, rewritten] = await Promise.all(
    ['song.mid', 'song-2.mid'].map(async (name) => new Midi(await readFile(join(folder, name)))),
  );
  const parts = (midi: Midi) => Object.fromEntries(midi.tracks.map((track) => [track.name, track]));
  for (const midi of [song!, rewritten!]) {
    const tracks = parts(midi);
    expect(Object.keys(tracks)).toEqual(expect.arrayContaining(['Melody', 'Chords', 'Bass', 'Drums']));
    expect(tracks.Drums!.channel).toBe(9);
    expect(midi.header.tempos[0]?.bpm).toBeCloseTo(96, 3);
    // Key lock: every pitched note in A minor.
    const aMinor = new Set([9, 11, 0, 2, 4, 5, 7]);
    for (const part of ['Melody', 'Chords', 'Bass'])
      expect(
        tracks[part]!.notes.every((note) => aMinor.has(note.midi % 12)),
        part,
      ).toBe(true);
  }
  const notes = (midi: Midi, part: string, keep: (tick: number) => boolean) => {
    const track = parts(midi)[part]!;
    return track.notes
      .filter((note) => keep(note.ticks))
      .map((note) => [note.midi, note.ticks, note.durationTicks, Math.round(note.velocity * 127)]);
  };
  const bar = 4 * song!.header.ppq;
  const inBars3to4 = (tick: number) => tick >= 2 * bar && tick < 4 * bar;
  for (const part of ['Melody', 'Chords', 'Drums'])
    expect(
      notes(rewritten!, part, () => true),
      part,
    ).toEqual(notes(song!, part, () => true));
  expect(notes(rewritten!, 'Bass', (tick) => !inBars3to4(tick))).toEqual(
    notes(song!, 'Bass', (tick) => !inBars3to4(tick)),
  );
  expect(notes(rewritten!, 'Bass', inBars3to4).length).toBeGreaterThan(0);
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

  it('song-to-midi.mjs arranges a four-part song and rewrites its bass in bars 3–4, keeping every other note', async () => {
    const folder = join(home.path, 'js-songs');
    const { stdout } = await run(process.execPath, [join(examples, 'song-to-midi.mjs'), folder], { env: env() });
    await expectSongs(folder, stdout);
  });

  it('dungeon-to-ldtk.mjs writes a playable dungeon as an LDtk project that LDtk’s schema accepts', async () => {
    const folder = join(home.path, 'dungeons');
    const { stdout } = await run(process.execPath, [join(examples, 'dungeon-to-ldtk.mjs'), folder, '6'], {
      env: env(),
    });
    expect(stdout).toMatch(
      /^level-dungeon@\d+\.\d+\.\d+, seed 7: 6 rooms, 1 key, playable \(the agent's route: \d+ steps\)$/m,
    );
    const project = JSON.parse(await readFile(join(folder, 'dungeon.ldtk'), 'utf8'));
    expect(project.worldLayout).toBe('GridVania');
    expect(project.levels).toHaveLength(6);
    // The tileset image the project names lies beside it.
    const images = project.defs.tilesets.map((tileset: { relPath: string | null }) => tileset.relPath).filter(Boolean);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(join(folder, image))).toBe(true);
    const check = await run(python, [ldtkValidator, join(folder, 'dungeon.ldtk')]);
    expect(JSON.parse(check.stdout)).toMatchObject({ valid: true, errors: [] });
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

  it.skipIf(!existsSync(python))(
    'song_to_midi.py does the same as song-to-midi.mjs with the Python standard library',
    async () => {
      const folder = join(home.path, 'py-songs');
      const { stdout } = await run(python, [join(examples, 'song_to_midi.py'), folder], { env: env() });
      await expectSongs(folder, stdout);
    },
  );
});
