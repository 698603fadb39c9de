// Versions side by side: activation history and rollback, remove, verify and repair, gc, disk use, crash leftovers.
import { appendFile, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelLibrary } from '../../../main/services/model-library/model-library.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { probeGraph, pseudoRandomBytes, sha256 } from '../../support/model-packages.js';

/** A pid no process has (above Linux's pid_max), for leftovers of a "crashed" writer. */
const deadPid = 999_999_999;
let world: LibraryFixture;
let library: ModelLibrary;
const weightsOf = (version: string): Buffer => pseudoRandomBytes(64 * 1024, `weights-${version}`);

beforeEach(async () => {
  world = await createLibraryFixture();
  for (const version of ['1.0.0', '1.1.0', '2.0.0']) {
    await world.publish({ name: 'drums', version, files: [{ path: 'weights.bin', content: weightsOf(version) }] });
  }
  library = await world.library();
});
afterEach(async () => {
  await world.dispose();
});

const models = (...parts: string[]): string => join(world.home, 'models', ...parts);
const blobOf = (content: Buffer): string => models('blobs', `sha256-${sha256(content)}`);

async function installAll(): Promise<void> {
  for (const version of ['1.0.0', '1.1.0', '2.0.0']) await library.install({ name: 'drums', version, wait: true });
}

describe('preview', () => {
  it("reads a catalog version's manifest without installing anything", async () => {
    const newest = await library.preview({ name: 'drums' });
    expect(newest.manifest).toMatchObject({ name: 'drums', version: '2.0.0' });
    expect(newest.catalogId).toBeTruthy();
    expect((await library.preview({ name: 'drums', version: '1.1.0' })).manifest.version).toBe('1.1.0');
    await expect(library.preview({ name: 'drums', version: '9.9.9' })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    expect((await library.overview.list()).models).toEqual([]);
    expect(await readdir(models('blobs')).catch(() => [])).toEqual([]);
  });
});

describe('activation and rollback', () => {
  it('logs every activation, and rollback walks back through history one step at a time', async () => {
    await installAll();
    expect((await library.overview.list()).models[0]!.activeVersion).toBe('2.0.0');

    expect(await library.rollback('drums')).toEqual({
      name: 'drums',
      activeVersion: '1.1.0',
      previousVersion: '2.0.0',
    });
    expect((await library.rollback('drums', 'bad groove')).activeVersion).toBe('1.0.0');
    await expect(library.rollback('drums')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await library.activate('drums', '2.0.0', 'fixed');

    const history = await library.history('drums');
    expect(history.map(({ from, to, reason }) => [from, to, reason])).toEqual([
      [null, '1.0.0', 'install'],
      ['1.0.0', '1.1.0', 'install'],
      ['1.1.0', '2.0.0', 'install'],
      ['2.0.0', '1.1.0', 'rollback'],
      ['1.1.0', '1.0.0', 'rollback: bad groove'],
      ['1.0.0', '2.0.0', 'fixed'],
    ]);
    expect(JSON.parse(await readFile(models('active.json'), 'utf8'))).toEqual({ drums: '2.0.0' });
    const lines = (await readFile(models('activations.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).to)).toEqual(['1.0.0', '1.1.0', '2.0.0', '1.1.0', '1.0.0', '2.0.0']);
  });

  it('refuses to activate a version that is not installed or is damaged, keeping the active one', async () => {
    await library.install({ name: 'drums', version: '1.0.0', wait: true });
    await library.install({ name: 'drums', version: '1.1.0', activate: false, wait: true });
    await expect(library.activate('drums', '9.9.9')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await rm(blobOf(weightsOf('1.1.0')));
    await expect(library.activate('drums', '1.1.0')).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });
    expect((await library.overview.list()).models[0]!.activeVersion).toBe('1.0.0');
  });
});

describe('remove', () => {
  it('refuses the active version unless forced, and frees only the blobs no other version uses', async () => {
    await installAll();
    await expect(library.remove('drums', '2.0.0')).rejects.toMatchObject({ code: 'MODEL_IN_USE' });

    const removed = await library.remove('drums', '1.0.0');
    expect(removed).toEqual({
      name: 'drums',
      version: '1.0.0',
      wasActive: false,
      activeVersion: '2.0.0',
      installedVersions: ['2.0.0', '1.1.0'],
      freedBytes: 64 * 1024,
    });
    await expect(readFile(blobOf(weightsOf('1.0.0')))).rejects.toThrow();
    expect(await readFile(blobOf(await probeGraph()))).toEqual(await probeGraph()); // shared by the others

    const view = (await library.overview.show('drums', '2.0.0')).folder;
    const forced = await library.remove('drums', '2.0.0', true);
    await expect(readdir(view)).rejects.toThrow();
    // The version active before 2.0.0 takes over (1.0.0 before that is gone), logged as the rollback it is.
    expect(forced).toMatchObject({ wasActive: true, activeVersion: '1.1.0', installedVersions: ['1.1.0'] });
    expect((await library.history('drums')).at(-1)).toMatchObject({
      from: '2.0.0',
      to: '1.1.0',
      reason: 'rollback: 2.0.0 removed',
    });
    expect((await library.overview.list()).models[0]).toMatchObject({ activeVersion: '1.1.0' });
    expect((await library.overview.show('drums')).version).toBe('1.1.0');

    // With nothing before it left, removing the active version leaves none active, and nothing is installed for it.
    const last = await library.remove('drums', '1.1.0', true);
    expect(last).toMatchObject({ wasActive: true, activeVersion: null, installedVersions: [] });
    expect((await library.history('drums')).at(-1)).toMatchObject({ from: '1.1.0', to: null, reason: 'remove' });
    expect(await library.versions.known('drums')).toBe(true);
    expect(world.jobs.filter((job) => job.state === 'queued')).toHaveLength(3);
  });

  it('leaves no active version when the log has no installed version to return to, and says which are installed', async () => {
    await library.install({ name: 'drums', version: '2.0.0', wait: true });
    await library.install({ name: 'drums', version: '1.0.0', activate: false, wait: true });
    expect(await library.remove('drums', '2.0.0', true)).toMatchObject({
      wasActive: true,
      activeVersion: null,
      installedVersions: ['1.0.0'],
    });
    await expect(library.overview.show('drums')).rejects.toMatchObject({
      code: 'NO_ACTIVE_VERSION',
      message: expect.stringContaining('installed: 1.0.0'),
      details: { name: 'drums', installedVersions: ['1.0.0'] },
    });
    expect((await library.overview.show('drums', '1.0.0')).active).toBe(false);
    // A rollback finds nothing to return to either; activating is the way on.
    await expect(library.rollback('drums')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    expect((await library.activate('drums', '1.0.0')).activeVersion).toBe('1.0.0');
  });
});

describe('verify and repair', () => {
  it('finds corrupt, missing and symlinked blobs and unreadable manifests, and repairs blobs from the catalog', async () => {
    await installAll();
    const viewBefore = (await library.overview.show('drums', '1.0.0')).folder;
    const corrupt = await readFile(blobOf(weightsOf('1.0.0')));
    corrupt[10] = corrupt[10]! ^ 1;
    await writeFile(blobOf(weightsOf('1.0.0')), corrupt);
    await rm(blobOf(weightsOf('1.1.0')));
    await rm(blobOf(weightsOf('2.0.0')));
    await symlink('/etc/hostname', blobOf(weightsOf('2.0.0')));
    await mkdir(models('manifests', 'broken', '1.0.0'), { recursive: true });
    await writeFile(models('manifests', 'broken', '1.0.0', 'manifest.json'), '{ not json');

    const report = await library.maintenance.verify(false);
    expect(report.ok).toBe(false);
    const problems = Object.fromEntries(report.damaged.map((damage) => [damage.path, [damage.problem, damage.usedBy]]));
    expect(problems).toEqual({
      'manifests/broken/1.0.0/manifest.json': ['unreadable', []],
      [`blobs/sha256-${sha256(weightsOf('1.0.0'))}`]: ['corrupt', ['drums@1.0.0']],
      [`blobs/sha256-${sha256(weightsOf('1.1.0'))}`]: ['missing', ['drums@1.1.0']],
      [`blobs/sha256-${sha256(weightsOf('2.0.0'))}`]: ['not-a-file', ['drums@2.0.0']],
    });
    await expect(library.overview.show('drums', '2.0.0')).rejects.toMatchObject({ code: 'INTEGRITY_ERROR' });

    await rm(models('manifests', 'broken'), { recursive: true });
    const repaired = await library.maintenance.verify(true);
    expect(repaired.damaged.every((damage) => damage.repaired)).toBe(true);
    expect(await library.maintenance.verify(false)).toMatchObject({ ok: true, damaged: [] });
    // The view of a repaired version is rebuilt on the repaired blob, not left on the corrupt one.
    const view = (await library.overview.show('drums', '1.0.0')).folder;
    expect(view).toBe(viewBefore);
    expect(await readFile(join(view, 'weights.bin'))).toEqual(weightsOf('1.0.0'));
  });
});

describe('gc and disk use', () => {
  it('frees unreferenced blobs and dead leftovers, keeps pinned blobs and live downloads', async () => {
    await installAll();
    const orphan = pseudoRandomBytes(5000, 'orphan');
    await writeFile(blobOf(orphan), orphan);
    const pinned = pseudoRandomBytes(3000, 'pinned');
    await writeFile(blobOf(pinned), pinned);
    const pin = { pid: process.pid, host: hostname(), digests: [sha256(pinned)] };
    await writeFile(models('pins', `${process.pid}-abc.json`), JSON.stringify(pin));
    const leftover = `sha256-${'a'.repeat(64)}`;
    await writeFile(models('downloads', `${leftover}.partial`), 'half');
    await writeFile(models('downloads', `${leftover}.progress.json`), '{}');
    await writeFile(models('manifests', 'drums', '1.0.0', `manifest.json.tmp-${deadPid}-0a0b`), '{');
    await writeFile(models(`active.json.tmp-${deadPid}-0c0d`), '{');

    const usage = await library.overview.usage();
    expect(usage.unreferencedBytes).toBe(8000);
    expect(usage.partialBytes).toBe(4);
    expect(usage.models[0]!.versions.map((v) => [v.version, v.exclusiveBytes])).toEqual([
      ['2.0.0', 64 * 1024],
      ['1.1.0', 64 * 1024],
      ['1.0.0', 64 * 1024],
    ]);

    const dryRun = await library.maintenance.gc(true);
    // The dry run counts the leftovers gc would delete (the partial, two dead temp files) without touching them.
    expect(dryRun).toMatchObject({
      dryRun: true,
      removedBlobs: [sha256(orphan)],
      freedBytes: 5000,
      removedPartials: 3,
    });
    expect(await readdir(models('downloads'))).toHaveLength(2);
    expect(await readFile(blobOf(orphan))).toEqual(orphan);

    const report = await library.maintenance.gc(false);
    expect(report).toMatchObject({ removedBlobs: [sha256(orphan)], freedBytes: 5000, removedPartials: 3 });
    expect(await readFile(blobOf(pinned))).toEqual(pinned);
    expect(await readdir(models('downloads'))).toEqual([]);
    expect(await readdir(models('manifests', 'drums', '1.0.0'))).toEqual(['manifest.json']);
    expect((await library.maintenance.verify(false)).ok).toBe(true);
  });

  it('leaves a consistent store after a crash at any step of an install', async () => {
    await library.install({ name: 'drums', version: '1.0.0', wait: true });
    // Crash after the blobs, before the manifest: a version folder with only a temp manifest.
    const blob = weightsOf('1.1.0');
    await writeFile(blobOf(blob), blob);
    await mkdir(models('manifests', 'drums', '1.1.0'), { recursive: true });
    await writeFile(models('manifests', 'drums', '1.1.0', `manifest.json.tmp-${deadPid}-0e0f`), '{"half":');
    // Crash in the middle of appending to the activation log.
    await appendFile(models('activations.jsonl'), '{"at":"2026-01-01T00:00:00.000Z","name":"dru');

    const list = await library.overview.list();
    expect(list.models[0]!.versions.map((v) => v.version)).toEqual(['1.0.0']);
    expect(list.models[0]!.activeVersion).toBe('1.0.0');
    expect(await library.history('drums')).toHaveLength(1);
    expect((await library.maintenance.verify(false)).ok).toBe(true);
    expect((await library.maintenance.gc(false)).removedBlobs).toEqual([sha256(blob)]);
    expect(await readdir(models('manifests', 'drums'))).toEqual(['1.0.0']);

    expect((await library.install({ name: 'drums', version: '1.1.0', wait: true })).state).toBe('installed');
    expect((await library.history('drums')).map((entry) => entry.to)).toEqual(['1.0.0', '1.1.0']);
  });
});
