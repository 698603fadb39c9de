// Installs from a real loopback HTTP catalog: progress, resume, integrity, server failures, cancel, concurrency.
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { pseudoRandomBytes, sha256 } from '../../support/model-packages.js';

const weights = pseudoRandomBytes(4 * 1024 * 1024, 'weights-1');
const weightsPath = `/blobs/sha256-${sha256(weights)}`;
let world: LibraryFixture;

beforeEach(async () => {
  world = await createLibraryFixture();
});
afterEach(async () => {
  await world.dispose();
});

async function publishMelody(version: string, content = weights): Promise<void> {
  await world.publish({ name: 'melody', version, files: [{ path: 'weights.bin', content, role: 'weights' }] });
}

describe('installing from an HTTP catalog', () => {
  it('installs the newest version, reports progress through every state, and activates it', async () => {
    await publishMelody('1.0.0');
    await publishMelody('1.2.0', pseudoRandomBytes(1024 * 1024, 'weights-2'));
    const library = await world.library();
    const job = await library.install({ name: 'melody', wait: true });

    expect(job).toMatchObject({ state: 'installed', version: '1.2.0', catalogId: 'test', activated: true });
    const states = world.jobs.map((event) => event.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['queued', 'downloading', 'verifying', 'installed']);
    const bytes = world.jobs.map((event) => event.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(job.bytes).toBe(job.totalBytes);

    const detail = await library.overview.show('melody');
    expect(detail.version).toBe('1.2.0');
    expect(detail.files.map((file) => file.blobPath)).toEqual(
      detail.manifest.files.map((file) => join(world.home, 'models', 'blobs', `sha256-${file.sha256}`)),
    );
    expect(await library.summaries()).toEqual([
      { name: 'melody', version: '1.2.0', task: 'music.melody', active: true },
    ]);
    // The package-shaped view: each file is its blob (same inode), found by its package path.
    for (const file of detail.files) {
      const [view, blob] = await Promise.all([stat(join(detail.folder, file.path)), stat(file.blobPath)]);
      expect(view.ino).toBe(blob.ino);
    }
  });

  it('resumes a dropped connection with a range request, re-fetching under 10 % of the file', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path, attempt }) =>
      path === weightsPath && attempt === 1 ? { dropAfterBytes: Math.floor(weights.length * 0.6) } : undefined;
    const library = await world.library();
    const job = await library.install({ name: 'melody', wait: true });

    expect(job.state).toBe('installed');
    const requests = world.server.requests.filter((request) => request.path === weightsPath);
    expect(requests).toHaveLength(2);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(requests[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(weights.length * 0.5);
    const sent = world.server.bytesSent.get(weightsPath)!;
    const refetched = (sent - weights.length) / weights.length;
    expect(refetched).toBeLessThan(0.1);
    expect((await library.maintenance.verify(false)).ok).toBe(true);
  });

  it('starts over when the server ignores the range, and still verifies', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path, attempt }) =>
      path !== weightsPath ? undefined : attempt === 1 ? { dropAfterBytes: 1_000_000 } : { ignoreRange: true };
    const library = await world.library();
    expect((await library.install({ name: 'melody', wait: true })).state).toBe('installed');
    expect((await library.maintenance.verify(false)).ok).toBe(true);
  });

  it('refuses content whose sha256 is wrong: nothing installed, the active version untouched', async () => {
    await publishMelody('1.0.0');
    const library = await world.library();
    await library.install({ name: 'melody', wait: true });
    const tampered = pseudoRandomBytes(weights.length, 'weights-3');
    await publishMelody('2.0.0', tampered);
    tampered[1234] = tampered[1234]! ^ 0xff; // same size, other bytes, served under the published digest
    await writeFile(
      join(world.catalog, 'blobs', `sha256-${sha256(pseudoRandomBytes(weights.length, 'weights-3'))}`),
      tampered,
    );

    await expect(library.install({ name: 'melody', version: '2.0.0', wait: true })).rejects.toMatchObject({
      code: 'INTEGRITY_ERROR',
    });
    const list = await library.overview.list();
    expect(list.models[0]).toMatchObject({ activeVersion: '1.0.0' });
    expect(list.models[0]!.versions.map((v) => v.version)).toEqual(['1.0.0']);
    expect((await readdir(join(world.home, 'models', 'downloads'))).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect((await library.history('melody')).map((entry) => entry.to)).toEqual(['1.0.0']);
  });

  it('fails a 404 at once and a 500 after bounded retries, leaving the active version as it was', async () => {
    await publishMelody('1.0.0');
    const library = await world.library();
    await library.install({ name: 'melody', wait: true });
    const next = pseudoRandomBytes(1024, 'next');
    await publishMelody('1.1.0', next);
    const nextPath = `/blobs/sha256-${sha256(next)}`;

    world.server.fault = ({ path }) => (path === nextPath ? { status: 404 } : undefined);
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED' });
    expect(world.server.requests.filter((r) => r.path === nextPath)).toHaveLength(1);

    world.server.fault = ({ path }) => (path === nextPath ? { status: 500 } : undefined);
    const failing = await world.library({ download: { retries: 2, retryDelayMs: 1 } });
    await expect(failing.install({ name: 'melody', wait: true })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('HTTP 500'),
    });
    expect(world.server.requests.filter((r) => r.path === nextPath)).toHaveLength(1 + 3);
    expect((await library.overview.list()).models[0]!.activeVersion).toBe('1.0.0');

    world.server.fault = ({ path }) => (path === '/catalog.json' ? { status: 500 } : undefined);
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED' });
  });

  it('cancels an install from a slow server, keeps its bytes, and resumes from them', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path }) => (path === weightsPath ? { bytesPerSecond: 400_000 } : undefined);
    const library = await world.library();
    // Well into weights.bin (the graph before it is a few hundred bytes).
    const progressed = world.nextJob(
      (job) => job.state === 'downloading' && job.file === 'weights.bin' && job.transferredBytes > 300_000,
    );
    const started = await library.install({ name: 'melody' });
    await progressed;
    const cancelled = await library.cancelInstall(started.jobId);

    expect(cancelled.state).toBe('cancelled');
    expect((await library.overview.list()).models).toEqual([]);
    const downloads = await readdir(join(world.home, 'models', 'downloads'));
    expect(downloads.filter((file) => file.endsWith('.partial') || file.endsWith('.progress.json'))).toHaveLength(2);
    expect(downloads.filter((file) => file.endsWith('.lock'))).toEqual([]);

    world.server.fault = () => undefined;
    expect((await library.install({ name: 'melody', wait: true })).state).toBe('installed');
    const resumed = world.server.requests.filter((request) => request.path === weightsPath).at(-1)!;
    expect(resumed.range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('gives up on a stalled connection after the idle timeout and the retries without progress', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path, attempt }) =>
      path === weightsPath ? { stallAfterBytes: attempt === 1 ? 100_000 : 0 } : undefined;
    const library = await world.library({ download: { idleTimeoutMs: 400, retries: 1, retryDelayMs: 1 } });
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED' });
    const attempts = world.server.requests.filter((request) => request.path === weightsPath);
    expect(attempts.map((request) => request.range)).toEqual([null, 'bytes=100000-']);
  });

  it('downloads a blob once when two installs of one package run at the same time', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path }) => (path === weightsPath ? { bytesPerSecond: 20_000_000 } : undefined);
    const library = await world.library();
    const [first, second] = await Promise.all([
      library.install({ name: 'melody', wait: true }),
      library.install({ name: 'melody', version: '1.0.0', wait: true }),
    ]);
    expect([first.state, second.state]).toEqual(['installed', 'installed']);
    expect(world.server.requests.filter((request) => request.path === weightsPath)).toHaveLength(1);
    expect(world.server.bytesSent.get(weightsPath)).toBe(weights.length);
    expect(await library.history('melody')).toHaveLength(1);
  });

  it('downloads a blob once when two libraries (as two processes would) share one store', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path }) => (path === weightsPath ? { bytesPerSecond: 20_000_000 } : undefined);
    const one = await world.library();
    const two = await world.library();
    const results = await Promise.all([
      one.install({ name: 'melody', wait: true }),
      two.install({ name: 'melody', wait: true }),
    ]);
    expect(results.map((job) => job.state)).toEqual(['installed', 'installed']);
    expect(world.server.bytesSent.get(weightsPath)).toBe(weights.length);
    expect((await one.maintenance.verify(false)).ok).toBe(true);
  });

  it('reports STORE_UNWRITABLE before fetching anything when the store cannot be written', async () => {
    await publishMelody('1.0.0');
    const library = await world.library();
    await writeFile(join(world.home, 'models'), 'a file where the store folder should be');
    await expect(library.install({ name: 'melody', wait: true })).rejects.toMatchObject({ code: 'STORE_UNWRITABLE' });
    expect(world.server.blobRequests()).toEqual([]);
  });

  it('checks free space against the download plus a proportional reserve, and says what is needed and free', async () => {
    // The size of the bundled melody package (4.7 MB), which a fixed 64 MiB reserve refused with 15-20 MB free.
    const melody = pseudoRandomBytes(4_700_000, 'weights-4.7');
    await publishMelody('1.0.0', melody);
    let free = 15_000_000;
    const probed: string[] = [];
    const library = await world.library({
      freeSpace: async (folder) => {
        probed.push(folder);
        return free;
      },
    });
    free = 5_000_000;
    const refused = library.install({ name: 'melody', wait: true });
    await expect(refused).rejects.toMatchObject({ code: 'STORE_UNWRITABLE' });
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toContain('needs 6.0 MB free');
    expect(message).toContain('4.7 MB to download');
    expect(message).toContain('5.0 MB is free');
    expect(world.server.blobRequests()).toEqual([]);
    expect(probed).toEqual([join(world.home, 'models')]);

    free = 15_000_000;
    expect(await library.install({ name: 'melody', wait: true })).toMatchObject({ state: 'installed' });
  });

  it('chooses the newest version this app can run, refuses one that needs a newer app, and shows updates', async () => {
    await publishMelody('1.0.0');
    await world.publish({ name: 'melody', version: '2.0.0', minAppVersion: '9.0.0' });
    const library = await world.library();
    expect((await library.install({ name: 'melody', wait: true })).version).toBe('1.0.0');
    await expect(library.install({ name: 'melody', version: '2.0.0', wait: true })).rejects.toMatchObject({
      code: 'INCOMPATIBLE_MODEL',
      message: expect.stringContaining('needs Mosaic Studio 9.0.0 or newer; this is 0.1.0'),
    });
    expect((await library.overview.list()).models[0]!.update).toBeNull();

    await publishMelody('1.1.0', pseudoRandomBytes(2048, 'update'));
    expect((await library.overview.list()).models[0]!.update).toEqual({ version: '1.1.0', catalogId: 'test' });
    await expect(library.install({ name: 'harmony', wait: true })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('answers QUEUE_FULL when too many installs run, and re-installs an installed version with no catalog', async () => {
    await publishMelody('1.0.0');
    world.server.fault = ({ path }) => (path === weightsPath ? { bytesPerSecond: 100_000 } : undefined);
    const library = await world.library({ maxRunningJobs: 1 });
    const slow = await library.install({ name: 'melody' });
    await expect(library.install({ name: 'melody' })).rejects.toMatchObject({ code: 'QUEUE_FULL' });
    await library.cancelInstall(slow.jobId);

    world.server.fault = () => undefined;
    await library.install({ name: 'melody', wait: true });
    await world.server.close();
    const again = await library.install({ name: 'melody', version: '1.0.0', wait: true });
    expect(again).toMatchObject({ state: 'installed', catalogId: null, activated: false, bytes: again.totalBytes });
  });
});
