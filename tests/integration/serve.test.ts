// `mosaic serve` end to end over HTTP: the same engine the UI and other apps use, on loopback.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyCounterPackage } from '../support/model-packages.js';
import { mosaicCli } from '../support/mosaic-cli.js';
import { startMosaicServe, type ServeProcess } from '../support/mosaic-serve.js';
import { createTempHome } from '../support/temp-home.js';

let server: ServeProcess;
let url: string;
let token: string;
const auth = () => ({ authorization: `Bearer ${token}` });
let home: Awaited<ReturnType<typeof createTempHome>>;

beforeAll(async () => {
  home = await createTempHome();
  // A bundled catalog holding the tiny counting decoder, installed on first use like the app's own packages.
  await writeTinyCounterPackage(join(home.path, 'bundled'));
  server = await startMosaicServe({
    MOSAIC_HOME: join(home.path, 'data'),
    MOSAIC_BUNDLED_CATALOG: join(home.path, 'bundled'),
  });
  ({ url, token } = server);
});

afterAll(async () => {
  await server.stop();
  await home.remove();
});

describe('mosaic serve', () => {
  it('prints the Studio link with a token kept in MOSAIC_HOME/api-token (0600), and asks for it', async () => {
    const file = join(home.path, 'data', 'api-token');
    expect((await readFile(file, 'utf8')).trim()).toBe(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await fetch(`${url}/v1/system/info`)).status).toBe(401);
    // A CLI verb reads the token file of its MOSAIC_HOME.
    const ps = await mosaicCli(() => join(home.path, 'data'), { MOSAIC_URL: url, MOSAIC_API_TOKEN: '' })('ps');
    expect(ps.stdout).not.toMatch(/No Mosaic service is running/);
  });

  it('serves system info with the provider in use', async () => {
    const response = await fetch(`${url}/v1/system/info`, { headers: auth() });
    expect(response.status).toBe(200);
    const info = await response.json();
    expect(info.inference.state).toBe('ready');
    expect(info.inference.executionProvider.inUse).toBe('cpu');
    expect(info.dataFolder).toBe(join(home.path, 'data'));
  });

  it('runs the probe in the inference process over HTTP', async () => {
    const response = await fetch(`${url}/v1/inference/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: JSON.stringify({ input: [[1, 2, 3, 4]] }),
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    // y = relu([1,2,3,4] · W + b) with the committed probe weights.
    expect(result.output[0][0]).toBeCloseTo(6.85, 5);
    expect(result.executionProvider).toBe('cpu');
  });

  it('serves the built UI', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('generates tokens over HTTP with a bundled model installed on first use', async () => {
    const response = await fetch(`${url}/v1/inference/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth() },
      body: JSON.stringify({
        model: { name: 'tiny-counter' },
        prompt: [3, 4, 5],
        maxNewTokens: 4,
        sampling: { temperature: 0 },
      }),
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result.tokens).toEqual([[6, 7, 8, 9]]);
  });

  it('lets the CLI load a model into the running service and list it with ps', async () => {
    const mosaic = mosaicCli(() => join(home.path, 'elsewhere'), { MOSAIC_URL: url, MOSAIC_API_TOKEN: token });
    const loaded = await mosaic('load', 'tiny-counter', '--keep-alive', '10m');
    expect(loaded.stdout).toMatch(/^loaded tiny-counter@1\.0\.0 on cpu/);
    const ps = await mosaic('ps');
    expect(ps.stdout).toMatch(/tiny-counter@1\.0\.0\s+fp32\s+cpu/);
    const tokens = await mosaic('tokens', 'tiny-counter', '--prompt', '10 12 14', '--max', '3', '--temperature', '0');
    expect(tokens.stdout.split('\n')[0]).toBe('16 18 20');
    const unloaded = await mosaic('unload', 'tiny-counter');
    expect(unloaded.stdout).toBe('unloaded\n');
  });

  it('records where it listens in MOSAIC_HOME, so CLI verbs find it on any port, and removes the record on exit', async () => {
    const record = join(home.path, 'data', 'service.json');
    expect(JSON.parse(await readFile(record, 'utf8'))).toMatchObject({ url });
    // No MOSAIC_URL: the verb reads the record, not the default port (this service got a free one).
    const mosaic = mosaicCli(() => join(home.path, 'data'), { MOSAIC_URL: undefined, MOSAIC_PORT: undefined });
    await mosaic('load', 'tiny-counter');
    expect((await mosaic('ps')).stdout).toMatch(/tiny-counter@1\.0\.0\s+fp32\s+cpu/);
    await mosaic('unload', 'tiny-counter');
    expect((await mosaic('doctor')).stdout).toContain(`local API         ${url} (pid `);

    const second = join(home.path, 'second');
    const other = await startMosaicServe({ MOSAIC_HOME: second, MOSAIC_BUNDLED_CATALOG: join(home.path, 'bundled') });
    expect(JSON.parse(await readFile(join(second, 'service.json'), 'utf8'))).toMatchObject({ url: other.url });
    await other.stop();
    expect(existsSync(join(second, 'service.json'))).toBe(false);
  });
});
