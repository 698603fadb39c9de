// The remote backend end to end: an engine whose inference host sends every forward pass to a second
// `mosaic serve --grpc-port` over the Open Inference Protocol (the decoding loop stays here) generates the same notes
// and the same levels for the same seeds as an engine running onnxruntime itself.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreFixture, type CoreFixture } from '../support/core-fixture.js';
import { mosaicCli } from '../support/mosaic-cli.js';
import { startMosaicServe, type ServeProcess } from '../support/mosaic-serve.js';
import { createTempHome } from '../support/temp-home.js';

let server: ServeProcess;
let serverHome: Awaited<ReturnType<typeof createTempHome>>;
let local: CoreFixture;
let remote: CoreFixture;
/** `mosaic …` on the server's data folder (a client of the running server). */
let serverCli: ReturnType<typeof mosaicCli>;

beforeAll(async () => {
  serverHome = await createTempHome();
  const data = join(serverHome.path, 'data');
  server = await startMosaicServe({ MOSAIC_HOME: data }, ['--grpc-port', '0']);
  // The server installs the bundled packages on first use, like any Mosaic service.
  serverCli = mosaicCli(() => data, { MOSAIC_URL: undefined });
  const cli = serverCli;
  await cli('load', 'music-melody');
  await cli('load', 'level-platformer');
  [local, remote] = await Promise.all([
    createCoreFixture(),
    createCoreFixture({ env: { MOSAIC_OIP_SERVER: `grpc://${server.grpc}`, MOSAIC_OIP_TOKEN: server.token } }),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([local?.dispose(), remote?.dispose()]);
  await server?.stop();
  await serverHome?.remove();
});

/** The server's inference metrics (GET /v1/inference/metrics). */
async function serverMetrics(): Promise<{ kvSequences: { started: number; held: number } }> {
  const response = await fetch(`${server.url}/v1/inference/metrics`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { kvSequences: { started: number; held: number } };
}

describe('remote Open Inference Protocol backend', () => {
  it('generates the same melodies (8 variations batched) for the same seed as this machine', async () => {
    const request = { bars: 4, variations: 8, key: { tonic: 'D', scale: 'dorian' }, seed: 31 };
    const here = await local.call('music.generate', request);
    const startedBefore = (await serverMetrics()).kvSequences.started;
    const there = await remote.call('music.generate', request);
    // The server held the decoder's cache (one sequence for the generation: no cache crossed the wire).
    expect((await serverMetrics()).kvSequences.started).toBe(startedBefore + 1);
    expect(there.model).toEqual(here.model);
    expect(here.result.variations).toHaveLength(8);
    expect(here.result.variations.every((variation) => variation.notes.length > 4)).toBe(true);
    expect(there.result.variations).toEqual(here.result.variations);
  }, 120_000);

  it('ends the sequence on its last step, so the server holds no cache after a generation that runs to its length', async () => {
    const request = { model: { name: 'music-melody' }, prompt: [1], variations: 4, maxNewTokens: 24, seed: 5 };
    const before = await serverMetrics();
    const here = await local.call('inference.generate', request);
    const there = await remote.call('inference.generate', request);
    expect(there.finish).toEqual(['max-tokens', 'max-tokens', 'max-tokens', 'max-tokens']);
    expect(there.tokens).toEqual(here.tokens);
    const after = await serverMetrics();
    expect(after.kvSequences.started).toBe(before.kvSequences.started + 1);
    expect(after.kvSequences.held).toBe(before.kvSequences.held);
    // The server's `mosaic ps` shows the sequences its remote clients decode.
    const { stdout } = await serverCli('ps');
    expect(stdout).toMatch(
      new RegExp(
        `remote decoding: ${after.kvSequences.held} sequence caches held \\(.+\\), ${after.kvSequences.started} started`,
      ),
    );
  }, 60_000);

  it('generates the same levels for the same seed as this machine', async () => {
    const request = { width: 80, variations: 2, seed: 9 };
    const here = await local.call('levels.generate', request);
    const there = await remote.call('levels.generate', request);
    expect(there.model).toEqual(here.model);
    // Everything but the timings each level reports (stats: decode, check and repair milliseconds).
    const withoutTimings = (run: typeof here) =>
      run.result.levels.map(({ stats, ...level }) => ({ ...level, repairedColumns: stats?.repairedColumns }));
    expect(here.result.levels).toHaveLength(2);
    expect(here.result.levels.every((level) => level.playable)).toBe(true);
    expect(withoutTimings(there)).toEqual(withoutTimings(here));
  }, 120_000);

  it('switches backends from Settings → Inference: the host restarts on the server, refuses a wrong token, and comes back', async () => {
    const seed = { bars: 2, variations: 2, seed: 4 };
    const before = await local.call('music.generate', seed);
    await expect(
      local.call('system.updateSettings', { inference: { kind: 'oip', url: 'http://nowhere', token: '' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/give host:port/) });

    const wrong = await local.call('system.updateSettings', {
      inference: { kind: 'oip', url: server.grpc!, token: 'not-the-token' },
    });
    expect(wrong.inference).toEqual({ kind: 'oip', url: server.grpc, token: 'not-the-token' });
    // The work goes to the server, which refuses the token: the error says where to fix it.
    await expect(local.call('music.generate', seed)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/refused the token.*Settings → Inference/),
    });

    await local.call('system.updateSettings', { inference: { kind: 'oip', url: server.grpc!, token: server.token } });
    expect((await local.call('music.generate', seed)).result.variations).toEqual(before.result.variations);
    const saved = join(local.home, 'data', 'settings.json');
    expect(JSON.parse(await readFile(saved, 'utf8'))).toMatchObject({ inference: { kind: 'oip', url: server.grpc } });
    expect((await stat(saved)).mode & 0o777).toBe(0o600);

    const back = await local.call('system.updateSettings', { inference: { kind: 'local' } });
    expect(back).toMatchObject({ inference: { kind: 'local' }, grpcPort: null, grpcAddress: null });
    expect((await local.call('music.generate', seed)).result.variations).toEqual(before.result.variations);
  }, 120_000);
});
