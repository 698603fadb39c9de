// The CLI as a client of the service on its data folder: the same bytes for the same seed whether a command runs in its
// own engine or in `mosaic serve`; verbs derived from the contract (history, jobs, `mosaic call`) answered by the
// service; a request naming a file on this machine run in the command's own process (the HTTP API refuses paths).
import { Midi } from '@tonejs/midi';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryItem, InstalledModel, SystemInfo } from '../../../contract/index.js';
import { midiByMido } from '../../support/independent-readers.js';
import { mosaicCli, mosaicCliOutcome } from '../../support/mosaic-cli.js';
import { startMosaicServe, type ServeProcess } from '../../support/mosaic-serve.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
let server: ServeProcess | undefined;
const dataFolder = () => join(home.path, 'data');
const cli = mosaicCli(dataFolder, { MOSAIC_APP_CATALOG: '' });
const outcome = mosaicCliOutcome(dataFolder, { MOSAIC_APP_CATALOG: '' });
const melody = (out: string) => cli('music', 'generate', '--bars', '8', '--seed', '77', '--out', out);

beforeAll(async () => {
  home = await createTempHome();
});
afterAll(async () => {
  await server?.stop();
  await home?.remove();
});

describe('mosaic as a client of the running service', () => {
  it('writes the same MIDI bytes for the same seed in its own engine and through mosaic serve', async () => {
    const alone = await melody(join(home.path, 'alone', 'clip.mid'));
    expect(alone.stderr).not.toContain('running in the service');

    server = await startMosaicServe({ MOSAIC_HOME: dataFolder(), MOSAIC_EP: 'cpu', MOSAIC_APP_CATALOG: '' });
    const served = await melody(join(home.path, 'served', 'clip.mid'));
    expect(served.stderr).toContain(`running in the service at ${server.url}`);

    const [first, second] = await Promise.all([
      readFile(join(home.path, 'alone', 'clip.mid')),
      readFile(join(home.path, 'served', 'clip.mid')),
    ]);
    expect(second.equals(first)).toBe(true);
    // Read by parsers this project did not write: 8 bars of notes.
    const notes = new Midi(second).tracks.flatMap((track) => track.notes);
    expect(notes.length).toBeGreaterThan(8);
    const mido = midiByMido(second);
    if (mido) expect(mido.tracks.flatMap((track) => track.notes).length).toBe(notes.length);
  }, 120_000);

  it('answers history list, from the verb and from mosaic call, out of the service', async () => {
    const fromVerb = JSON.parse((await cli('history', 'list', '--kind', 'music')).stdout) as { items: HistoryItem[] };
    const fromCall = JSON.parse((await cli('call', 'history.list', '{"kind":"music"}')).stdout) as {
      items: HistoryItem[];
    };
    expect(fromCall).toEqual(fromVerb);
    // Both runs are in the one history of the data folder, the newest (through the service) first.
    expect(fromVerb.items.map((item) => [item.method, item.seed])).toEqual([
      ['music.generate', 77],
      ['music.generate', 77],
    ]);
    const entry = JSON.parse((await cli('history', 'get', fromVerb.items[0]!.id)).stdout) as { run: { seed: number } };
    expect(entry.run.seed).toBe(77);
  }, 60_000);

  it("reaches the service's engine with mosaic call system.info and jobs list", async () => {
    const response = await fetch(`${server!.url}/v1/system/info`, {
      headers: { authorization: `Bearer ${server!.token}` },
    });
    const servicePid = ((await response.json()) as SystemInfo).inference.pid;
    const info = JSON.parse((await cli('call', 'system.info')).stdout) as SystemInfo;
    expect(info.inference.pid).toBe(servicePid);
    const jobs = JSON.parse((await cli('jobs', 'list')).stdout) as { jobs: { state: string }[] };
    expect(jobs.jobs.length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('runs a request that names a file on this machine in its own process, and writes it', async () => {
    const { models } = JSON.parse((await cli('models', 'list', '--json')).stdout) as { models: InstalledModel[] };
    const installed = models.find((model) => model.name === 'music-melody');
    expect(installed?.activeVersion).toBeTruthy();
    const file = join(home.path, 'melody.mosaic.tar');
    const request = { name: 'music-melody', version: installed!.activeVersion, file };
    const result = JSON.parse((await cli('call', 'models.export', JSON.stringify(request))).stdout) as {
      bytes: number;
    };
    // Through the service this would be refused (FORBIDDEN: the HTTP API takes no paths); in-process it writes the file.
    expect(existsSync(file)).toBe(true);
    expect((await stat(file)).size).toBe(result.bytes);
  }, 60_000);

  it('refuses misuse with a coded error and a usage exit code', async () => {
    const badJson = await outcome('call', 'history.list', '{kind:');
    expect(badJson.code).toBe(64);
    expect(badJson.stderr).toMatch(/must be JSON/);
    const invalid = await outcome('call', 'history.keep', '{}');
    expect(invalid.code).toBe(64);
    expect(invalid.stderr).toContain('give exactly one of id or jobId');
    const missing = await outcome('history', 'get', 'no-such-entry');
    expect(missing.code).toBe(66);
  }, 60_000);

  it('falls back to its own engine once the service stops, on the same history', async () => {
    await server!.stop();
    server = undefined;
    const { stdout, stderr } = await cli('history', 'list', '--kind', 'music');
    expect(stderr).not.toContain('running in the service');
    expect((JSON.parse(stdout) as { items: HistoryItem[] }).items).toHaveLength(2);
  }, 60_000);
});
