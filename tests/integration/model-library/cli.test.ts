// `mosaic models …` as a user runs it, including an install killed with SIGKILL and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { CatalogServer } from '../../support/catalog-server.js';
import { pseudoRandomBytes, sha256, writePackage } from '../../support/model-packages.js';
import { createTempHome } from '../../support/temp-home.js';

const root = findPackageRoot();
const big = pseudoRandomBytes(8 * 1024 * 1024, 'cli-big');
const bigPath = `/blobs/sha256-${sha256(big)}`;
let temp: Awaited<ReturnType<typeof createTempHome>>;
let server: CatalogServer;
let home: string;

function start(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ['bin/mosaic.js', 'models', ...args], {
    cwd: root,
    env: { ...process.env, MOSAIC_HOME: home },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

const mosaic = (...args: string[]) => start(args).done;
const json = async (...args: string[]): Promise<unknown> => {
  const result = await mosaic(...args, '--json');
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
};

beforeAll(async () => {
  temp = await createTempHome('mosaic-cli-models-');
  home = join(temp.path, 'home');
  const packages = join(temp.path, 'packages');
  const catalog = join(temp.path, 'catalog');
  await mkdir(packages);
  const small = await writePackage(packages, { name: 'cli-melody', version: '1.0.0' });
  const next = await writePackage(packages, {
    name: 'cli-melody',
    version: '1.1.0',
    files: [{ path: 'x.bin', content: Buffer.from('x') }],
  });
  const large = await writePackage(packages, {
    name: 'cli-big',
    version: '1.0.0',
    files: [{ path: 'weights.bin', content: big }],
  });
  for (const pkg of [small, next, large]) {
    const published = await mosaic('publish', pkg.folder, '--catalog', catalog);
    expect(published.code).toBe(0);
  }
  server = new CatalogServer(catalog);
  await server.listen();
  expect(await json('catalogs', 'add', server.url, '--id', 'test')).toMatchObject({ id: 'test', status: 'ok' });
});

afterAll(async () => {
  await server.close();
  await temp.remove();
});

describe('mosaic models', () => {
  it('installs, lists, switches, rolls back and removes versions, with --json and exit codes', async () => {
    expect(await json('install', 'cli-melody@1.0.0')).toMatchObject({
      state: 'installed',
      version: '1.0.0',
      activated: true,
    });
    expect(await json('install', 'cli-melody', '--no-activate')).toMatchObject({ version: '1.1.0', activated: false });
    expect(await json('use', 'cli-melody@1.1.0', '--reason', 'try it')).toEqual({
      name: 'cli-melody',
      activeVersion: '1.1.0',
      previousVersion: '1.0.0',
    });
    expect(await json('rollback', 'cli-melody')).toMatchObject({ activeVersion: '1.0.0' });
    const list = (await json('list')) as { models: { name: string; activeVersion: string; versions: unknown[] }[] };
    expect(list.models.map((m) => [m.name, m.activeVersion, m.versions.length])).toEqual([['cli-melody', '1.0.0', 2]]);
    const history = (await json('history', 'cli-melody')) as { reason: string }[];
    expect(history.map((entry) => entry.reason)).toEqual(['install', 'try it', 'rollback']);

    const inUse = await mosaic('remove', 'cli-melody@1.0.0');
    expect(inUse.code).toBe(65);
    expect(inUse.stderr).toContain('[MODEL_IN_USE]');
    expect(await json('remove', 'cli-melody@1.1.0')).toMatchObject({ freedBytes: 1 });
    const missing = await mosaic('install', 'harmony');
    expect(missing).toMatchObject({ code: 66 });
    expect(missing.stderr).toContain('No catalog offers harmony');
    expect((await mosaic('activate', 'melody')).code).toBe(64);

    const text = await mosaic('list');
    expect(text.stdout).toMatch(/^NAME\s+ACTIVE\s+INSTALLED/);
    expect(text.stdout).toContain('cli-melody');
  });

  it('exports and imports a bundle', async () => {
    const file = join(temp.path, 'melody.tar');
    expect(await json('export', 'cli-melody@1.0.0', '--output', file)).toMatchObject({
      file,
      bytes: (await stat(file).catch(() => ({ size: -1 }))).size,
    });
    expect(await json('import', file)).toMatchObject({ name: 'cli-melody', version: '1.0.0', writtenBytes: 0 });
  });

  it('survives SIGKILL mid-download: the store verifies clean and the next install resumes', async () => {
    server.fault = ({ path }) => (path === bigPath ? { bytesPerSecond: 4_000_000 } : undefined);
    const killed = start(['install', 'cli-big', '--json']);
    const partialFile = join(home, 'models', 'downloads', `sha256-${sha256(big)}.partial`);
    const onDisk = async (): Promise<number> => (await stat(partialFile).catch(() => ({ size: 0 }))).size;
    await vi.waitFor(async () => expect(await onDisk()).toBeGreaterThan(2_000_000), { timeout: 20_000, interval: 20 });
    killed.child.kill('SIGKILL');
    expect((await killed.done).code).toBeNull();

    const kept = await onDisk();
    expect(kept).toBeGreaterThan(2_000_000);
    expect(kept).toBeLessThan(big.length);
    const downloads = await readdir(join(home, 'models', 'downloads'));
    expect(downloads).toContain(`sha256-${sha256(big)}.lock`); // left by the dead process
    expect(await json('verify')).toMatchObject({ ok: true, damaged: [] });

    server.fault = () => undefined;
    const sentBefore = server.bytesSent.get(bigPath)!;
    expect(await json('install', 'cli-big')).toMatchObject({ state: 'installed', version: '1.0.0' });
    const resumed = server.requests.filter((request) => request.path === bigPath).at(-1)!;
    expect(resumed.range).toBe(`bytes=${kept}-`);
    expect(server.bytesSent.get(bigPath)! - sentBefore).toBe(big.length - kept);
    expect(await json('verify')).toMatchObject({ ok: true, checkedBytes: expect.any(Number) });
    expect(await readdir(join(home, 'models', 'downloads'))).toEqual([]);
  });

  it('reports disk use and collects garbage', async () => {
    await rm(join(home, 'models', 'manifests', 'cli-big'), { recursive: true });
    const usage = (await json('usage')) as { unreferencedBytes: number };
    expect(usage.unreferencedBytes).toBe(big.length);
    expect(await json('gc')).toMatchObject({ freedBytes: big.length, removedBlobs: [sha256(big)] });
  });
});
