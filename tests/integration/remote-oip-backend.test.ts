// The remote backend end to end: an engine whose inference host sends every forward pass to a second
// `mosaic serve --grpc-port` over the Open Inference Protocol (the decoding loop stays here) generates the same notes
// and the same levels for the same seeds as an engine running onnxruntime itself.
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

beforeAll(async () => {
  serverHome = await createTempHome();
  const data = join(serverHome.path, 'data');
  server = await startMosaicServe({ MOSAIC_HOME: data }, ['--grpc-port', '0']);
  // The server installs the bundled packages on first use, like any Mosaic service.
  const cli = mosaicCli(() => data, { MOSAIC_URL: undefined });
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

describe('remote Open Inference Protocol backend', () => {
  it('generates the same melodies (8 variations batched) for the same seed as this machine', async () => {
    const request = { bars: 4, variations: 8, key: { tonic: 'D', scale: 'dorian' }, seed: 31 };
    const here = await local.call('music.generate', request);
    const there = await remote.call('music.generate', request);
    expect(there.model).toEqual(here.model);
    expect(here.result.variations).toHaveLength(8);
    expect(here.result.variations.every((variation) => variation.notes.length > 4)).toBe(true);
    expect(there.result.variations).toEqual(here.result.variations);
  }, 120_000);

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

  it('sends the work to the server: a wrong token is refused there, with a coded error that says where to fix it', async () => {
    const refused = await createCoreFixture({
      env: { MOSAIC_OIP_SERVER: server.grpc!, MOSAIC_OIP_TOKEN: 'not-the-token' },
    });
    try {
      await expect(refused.call('music.generate', { bars: 1, seed: 1 })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/refused the token.*Settings → Inference/),
      });
    } finally {
      await refused.dispose();
    }
  }, 60_000);
});
