// `mosaic serve` end to end over HTTP: the same engine the UI and other apps use, on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../main/platform/paths.js';
import { createTempHome } from '../support/temp-home.js';

let server: ChildProcess;
let url: string;
let home: Awaited<ReturnType<typeof createTempHome>>;

beforeAll(async () => {
  home = await createTempHome();
  server = spawn(process.execPath, ['bin/mosaic.js', 'serve', '--port', '0'], {
    cwd: findPackageRoot(),
    env: { ...process.env, MOSAIC_HOME: home.path, MOSAIC_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
});

afterAll(async () => {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT');
  await exited;
  await home.remove();
});

describe('mosaic serve', () => {
  it('serves system info with the provider in use', async () => {
    const response = await fetch(`${url}/v1/system/info`);
    expect(response.status).toBe(200);
    const info = await response.json();
    expect(info.inference.state).toBe('ready');
    expect(info.inference.executionProvider.inUse).toBe('cpu');
    expect(info.dataFolder).toBe(home.path);
  });

  it('runs the probe in the inference process over HTTP', async () => {
    const response = await fetch(`${url}/v1/inference/probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
});
