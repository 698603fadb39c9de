import { describe, expect, it } from 'vitest';
import type { CatalogStatus, DiskUsage, InstalledModel, InstallJob, ModelList } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { findCommand } from '../../../renderer/src/commands/command-registry.js';
import { installTarget } from '../../../renderer/src/commands/model-commands.js';
import {
  formatBytes,
  installFraction,
  modelEntries,
  runningInstallOf,
  versionRows,
} from '../../../renderer/src/state/model-entries.js';
import { removedNotice } from '../../../renderer/src/state/models-slice.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';

const at = '2026-11-24T10:00:00.000Z';

function installed(
  name: string,
  versions: string[],
  active: string | null,
  update: string | null = null,
): InstalledModel {
  return {
    name,
    activeVersion: active,
    versions: versions.map((version) => ({
      version,
      task: 'music.melody',
      precision: 'fp32',
      sizeBytes: 1000,
      fileCount: 2,
      licence: 'MIT',
      commercialUse: true,
      installedAt: at,
      active: version === active,
    })),
    diskBytes: 1500,
    update: update ? { version: update, catalogId: 'test' } : null,
  };
}

function catalog(id: string, models: Record<string, string[]>): CatalogStatus {
  return {
    id,
    location: `http://127.0.0.1:1/${id}/`,
    kind: 'http',
    builtIn: false,
    status: 'ok',
    error: null,
    models: Object.entries(models).map(([name, versions]) => ({
      name,
      task: 'music.melody',
      versions: versions.map((version) => ({
        version,
        publishedAt: at,
        sizeBytes: 2000,
        minAppVersion: '0.1.0',
        compatible: version !== '9.0.0',
        installed: false,
      })),
    })),
  };
}

function job(state: InstallJob['state'], patch: Partial<InstallJob> = {}): InstallJob {
  const base = {
    jobId: 'job-1',
    requested: 'melody@1.1.0',
    name: 'melody',
    version: '1.1.0',
    catalogId: 'test',
    bytes: 250,
    totalBytes: 1000,
    transferredBytes: 250,
    rateBytesPerSecond: 100,
    startedAt: at,
    updatedAt: at,
  };
  const extra =
    state === 'failed'
      ? { error: { code: 'CATALOG_UNREACHABLE', message: 'no answer' } }
      : state === 'installed'
        ? { activated: true }
        : state === 'downloading'
          ? { file: null }
          : {};
  return { ...base, state, ...extra, ...patch } as InstallJob;
}

const emptyUsage: DiskUsage = { totalBytes: 0, blobBytes: 0, partialBytes: 0, unreferencedBytes: 0, models: [] };

/** A bridge answering the library reads with the given list and catalogs. */
function libraryBridge(
  list: ModelList,
  catalogs: CatalogStatus[],
  more: Partial<Record<string, (request: never) => unknown>> = {},
) {
  return fakeBridge({
    'models.list': () => list,
    'models.catalogs': () => ({ catalogs }),
    'models.usage': () => emptyUsage,
    'models.history': () => ({ entries: [] }),
    'models.jobs': () => ({ jobs: [] }),
    'models.show': () => {
      throw new MosaicError('NOT_FOUND', 'no card in this test');
    },
    ...more,
  });
}

describe('model entries', () => {
  it('groups installed models, those with updates and the rest of the catalogs', () => {
    const entries = modelEntries(
      [installed('melody', ['1.0.0'], '1.0.0', '1.1.0'), installed('drums', ['1.0.0'], '1.0.0')],
      [catalog('test', { melody: ['1.0.0', '1.1.0'], levels: ['2.0.0'] }), catalog('other', { levels: ['2.1.0'] })],
    );
    expect(entries.map((entry) => [entry.name, entry.group])).toEqual([
      ['drums', 'installed'],
      ['melody', 'updates'],
      ['levels', 'available'],
    ]);
    expect(entries[2]!.offered.map((offer) => `${offer.catalogId}:${offer.version}`)).toEqual([
      'other:2.1.0',
      'test:2.0.0',
    ]);
  });

  it('lists a model whose newer version is installed but not active under Installed, not Updates', () => {
    const offers = [catalog('test', { melody: ['1.1.0', '1.0.0'], drums: ['2.0.0', '1.0.0'] })];
    const entries = modelEntries(
      [
        installed('melody', ['1.1.0', '1.0.0'], '1.0.0'),
        // Even if a stale answer still names the installed 2.0.0 as an update, it is not one.
        installed('drums', ['2.0.0', '1.0.0'], '1.0.0', '2.0.0'),
      ],
      offers,
    );
    expect(entries.map((entry) => [entry.name, entry.group])).toEqual([
      ['drums', 'installed'],
      ['melody', 'installed'],
    ]);
    expect(versionRows(entries[1]!).map((row) => [row.version, row.installed?.active ?? null])).toEqual([
      ['1.1.0', false],
      ['1.0.0', true],
    ]);
  });

  it('merges installed and offered versions into one table, newest first', () => {
    const [entry] = modelEntries(
      [installed('melody', ['1.0.0', '0.9.0'], '1.0.0')],
      [catalog('test', { melody: ['1.0.0', '1.10.0', '1.2.0'] })],
    );
    const rows = versionRows(entry!);
    expect(rows.map((row) => row.version)).toEqual(['1.10.0', '1.2.0', '1.0.0', '0.9.0']);
    expect(rows[2]).toMatchObject({ installed: { active: true }, offer: { catalogId: 'test' } });
    expect(rows[3]!.offer).toBeNull();
  });

  it('measures install progress and formats bytes in SI units', () => {
    expect(installFraction(job('downloading'))).toBe(0.25);
    expect(installFraction(job('queued', { totalBytes: null }))).toBeUndefined();
    expect(installFraction(job('verifying'))).toBe(1);
    expect(
      runningInstallOf({ a: job('failed', { jobId: 'a' }), b: job('downloading', { jobId: 'b' }) }, 'melody'),
    ).toMatchObject({ jobId: 'b' });
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(200_000_000)).toBe('200 MB');
  });
});

describe('models slice', () => {
  it('loads the library, selects the first model and its active version', async () => {
    const bridge = libraryBridge({ models: [installed('melody', ['1.1.0', '1.0.0'], '1.0.0')], totalBytes: 1500 }, [
      catalog('test', { melody: ['1.1.0', '1.0.0'] }),
    ]);
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadModels();
    expect(store.getState()).toMatchObject({ selectedModel: 'melody', selectedModelVersion: '1.0.0' });
    store.getState().moveModelSelection(5);
    expect(store.getState().selectedModel).toBe('melody');
  });

  it('follows install jobs: progress, then a failure with its code', () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().applyInstallJob(job('downloading'));
    expect(runningInstallOf(store.getState().installJobs, 'melody')).not.toBeNull();
    store.getState().applyInstallJob(job('failed'));
    expect(runningInstallOf(store.getState().installJobs, 'melody')).toBeNull();
    expect(store.getState().modelsError).toEqual({ code: 'CATALOG_UNREACHABLE', message: 'no answer' });
  });

  it('installs the selected offered version without activating it, else the update, which it activates', async () => {
    const bridge = libraryBridge(
      { models: [installed('melody', ['1.0.0'], '1.0.0', '1.2.0')], totalBytes: 1500 },
      [catalog('test', { melody: ['1.2.0', '1.1.0', '1.0.0'] })],
      { 'models.install': () => job('queued', { version: null }) },
    );
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadModels();
    store.getState().showWorkspace('models');
    expect(installTarget(store.getState())).toEqual({
      name: 'melody',
      version: '1.2.0',
      catalogId: 'test',
      activate: true,
    });
    store.getState().selectModelVersion('1.1.0');
    expect(installTarget(store.getState())).toEqual({
      name: 'melody',
      version: '1.1.0',
      catalogId: 'test',
      activate: false,
    });
    await findCommand('models.install').run(store);
    expect(bridge.calls.at(-1)).toEqual({
      method: 'models.install',
      request: { name: 'melody', version: '1.1.0', catalogId: 'test', activate: false },
    });
    // While that job runs, Install is off for this model.
    expect(installTarget(store.getState())).toBeNull();
  });

  it('makes the first install active, and says which version stays active after an install beside it', async () => {
    const bridge = libraryBridge({ models: [installed('melody', ['1.0.0'], '1.0.0')], totalBytes: 1500 }, [
      catalog('test', { melody: ['1.1.0', '1.0.0'], drums: ['1.0.0'] }),
    ]);
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadModels();
    store.getState().showWorkspace('models');
    store.getState().selectModel('drums');
    expect(installTarget(store.getState())).toEqual({
      name: 'drums',
      version: '1.0.0',
      catalogId: 'test',
      activate: true,
    });

    store.getState().applyInstallJob(job('installed', { jobId: 'j2', activated: false } as Partial<InstallJob>));
    expect(store.getState().modelsNotice).toBe('Installed melody@1.1.0; 1.0.0 stays active.');
    store.getState().applyInstallJob(job('installed', { jobId: 'j3', activated: true } as Partial<InstallJob>));
    expect(store.getState().modelsNotice).toBe('Installed melody@1.1.0 and made it active.');
  });

  it('offers Roll back only when the activation log has an earlier installed version to return to', async () => {
    const entry = (from: string | null, to: string | null, reason: string) => ({
      at,
      name: 'melody',
      from,
      to,
      reason,
    });
    let entries = [entry(null, '1.1.0', 'install')];
    let active = '1.1.0';
    const bridge = libraryBridge({ models: [], totalBytes: 0 }, [], {
      'models.list': () => ({ models: [installed('melody', ['1.1.0', '1.0.0'], active)], totalBytes: 1500 }),
      'models.history': () => ({ entries }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    const rollback = findCommand('models.rollback');
    const offered = async () => {
      await store.getState().loadModels();
      store.getState().showWorkspace('models');
      store.getState().selectModel('melody');
      return rollback.enabled!(store.getState());
    };
    // 1.0.0 was installed beside 1.1.0 (Install, not Install and use): it was never active, so there is no going back.
    expect(await offered()).toBe(false);
    // Activated 1.0.0 from 1.1.0: back to 1.1.0.
    entries = [...entries, entry('1.1.0', '1.0.0', 'activate')];
    active = '1.0.0';
    expect(await offered()).toBe(true);
    // Rolled back to 1.1.0: the stack is empty again (a rollback does not toggle between two versions).
    entries = [...entries, entry('1.0.0', '1.1.0', 'rollback')];
    active = '1.1.0';
    expect(await offered()).toBe(false);
    // The version to return to is no longer installed.
    entries = [entry(null, '0.9.0', 'install'), entry('0.9.0', '1.1.0', 'install')];
    expect(await offered()).toBe(false);
  });

  it('asks before removing the active version, then removes it with force', async () => {
    const bridge = libraryBridge({ models: [installed('melody', ['1.1.0', '1.0.0'], '1.1.0')], totalBytes: 1500 }, [], {
      'models.remove': () => ({
        name: 'melody',
        version: '1.1.0',
        wasActive: true,
        activeVersion: '1.0.0',
        installedVersions: ['1.0.0'],
        freedBytes: 1200,
      }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadModels();
    store.getState().askRemoveModelVersion('melody', '1.1.0');
    expect(store.getState().modelConfirm).toMatchObject({ kind: 'remove', version: '1.1.0', active: true });
    expect(bridge.calls.some((call) => call.method === 'models.remove')).toBe(false);
    store.getState().dismissModelConfirm();
    expect(store.getState().modelConfirm).toBeNull();

    store.getState().askRemoveModelVersion('melody', '1.1.0');
    await store.getState().confirmModelAction();
    expect(bridge.calls.find((call) => call.method === 'models.remove')?.request).toEqual({
      name: 'melody',
      version: '1.1.0',
      force: true,
    });
    expect(store.getState()).toMatchObject({
      modelConfirm: null,
      modelsBusy: null,
      modelsNotice: 'Removed melody@1.1.0; freed 1.2 kB. melody@1.0.0 is active again: it was active before 1.1.0.',
    });
  });

  it('says what is active after a removal: the version before, none, or nothing installed', () => {
    const base = { name: 'melody', version: '1.1.0', freedBytes: 1200 };
    expect(removedNotice({ ...base, wasActive: false, activeVersion: '1.2.0', installedVersions: ['1.2.0'] })).toBe(
      'Removed melody@1.1.0; freed 1.2 kB.',
    );
    expect(
      removedNotice({ ...base, wasActive: true, activeVersion: null, installedVersions: ['1.2.0', '1.0.0'] }),
    ).toBe('Removed melody@1.1.0; freed 1.2 kB. melody has no active version now: activate 1.2.0 or 1.0.0 to use it.');
    expect(removedNotice({ ...base, wasActive: true, activeVersion: null, installedVersions: [] })).toBe(
      'Removed melody@1.1.0; freed 1.2 kB. No version of melody is installed now.',
    );
  });

  it('collects only after confirming, and says so when there is nothing to collect', async () => {
    const preview = { dryRun: true, removedBlobs: [], removedPartials: 0, freedBytes: 0 };
    let partialBytes = 0;
    const bridge = libraryBridge({ models: [], totalBytes: 0 }, [], {
      'models.gc': (request: { dryRun: boolean }) =>
        request.dryRun ? preview : { ...preview, dryRun: false, removedPartials: 1, freedBytes: partialBytes },
      'models.usage': () => ({ ...emptyUsage, partialBytes }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().askGc();
    expect(store.getState().modelConfirm).toBeNull();
    expect(store.getState().modelsNotice).toMatch(/^Nothing to collect/);

    partialBytes = 4000;
    await store.getState().askGc();
    expect(store.getState().modelConfirm).toMatchObject({ kind: 'gc', partialBytes: 4000 });
    await store.getState().confirmModelAction();
    expect(bridge.calls.filter((call) => call.method === 'models.gc').map((call) => call.request)).toEqual([
      { dryRun: true },
      { dryRun: true },
      { dryRun: false },
    ]);
    expect(store.getState().modelsNotice).toBe('Collected 0 unused files and 1 partial download; freed 4.0 kB.');
  });

  it('shows a failed action with its code and stays usable', async () => {
    const bridge = libraryBridge({ models: [], totalBytes: 0 }, [], {
      'models.rollback': () => {
        throw new MosaicError('NOT_FOUND', 'melody has no earlier version to roll back to');
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().rollbackModel('melody');
    expect(store.getState()).toMatchObject({
      modelsBusy: null,
      modelsError: { code: 'NOT_FOUND', message: 'melody has no earlier version to roll back to' },
    });
  });
});
