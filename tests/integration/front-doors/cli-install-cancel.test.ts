// `mosaic models install` as a client of `mosaic serve`: the install runs in the service (its jobs list shows it), the
// progress arrives over the service's event stream, and Ctrl-C in the CLI cancels the service's job and ends the
// command, rather than leaving a download running that nobody asked for any more.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstallJob } from '../../../contract/index.js';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { startMosaicServe, type ServeProcess } from '../../support/mosaic-serve.js';

let world: LibraryFixture;
let server: ServeProcess;

beforeAll(async () => {
  world = await createLibraryFixture();
  await world.publish({
    name: 'slow-melody',
    version: '1.0.0',
    files: [{ path: 'weights.bin', content: Buffer.alloc(400_000, 7) }],
  });
  // 20 kB/s: the 400 kB blob takes 20 s, time enough to press Ctrl-C mid-download.
  world.server.fault = ({ path }) => (path.includes('/blobs/') ? { bytesPerSecond: 20_000 } : undefined);
  server = await startMosaicServe({
    MOSAIC_HOME: world.home,
    MOSAIC_EP: 'cpu',
    MOSAIC_APP_CATALOG: world.server.url,
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await world?.dispose();
});

async function serviceJobs(): Promise<InstallJob[]> {
  const response = await fetch(`${server.url}/v1/models/jobs`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  return ((await response.json()) as { jobs: InstallJob[] }).jobs;
}

describe('mosaic models install through the service', () => {
  it('downloads in the service with progress on stderr, and Ctrl-C cancels the job there', async () => {
    const child = spawn(
      process.execPath,
      [join(findPackageRoot(), 'bin', 'mosaic.js'), 'models', 'install', 'slow-melody'],
      {
        env: { ...process.env, MOSAIC_HOME: world.home, MOSAIC_API_TOKEN: '' },
      },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('downloading slow-melody@1.0.0')) resolve();
      });
      void exited.then(() => reject(new Error(`exited before downloading: ${stderr}`)));
    });
    expect(stderr).toContain(`running in the service at ${server.url}`);
    const running = (await serviceJobs()).find((job) => job.name === 'slow-melody');
    expect(running?.state).toBe('downloading');

    const interrupted = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(Date.now() - interrupted).toBeLessThan(5_000);
    expect(code).toBe(130); // CANCELLED, as after Ctrl-C
    expect(stderr).toContain('[CANCELLED]');
    const ended = (await serviceJobs()).find((job) => job.jobId === running!.jobId);
    expect(ended?.state).toBe('cancelled');
  }, 60_000);
});
