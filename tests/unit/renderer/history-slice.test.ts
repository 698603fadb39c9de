// The History workspace: its list (a page at first, one more on "show more", back to one on a new filter), and
// opening a run in its workspace (the replaced take's clips released; a generation in flight abandoned, not shown late).
import { describe, expect, it } from 'vitest';
import type { Job, LevelRun, MusicRun } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { historyPageSize } from '../../../renderer/src/state/history-slice.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import type { ClipUrls } from '../../../renderer/src/state/music-clip-urls.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import {
  fixtureLevelWidth,
  generatedLevelFixture,
  levelRunFixture,
  musicRunFixture,
} from '../../support/studio-runs.js';

const total = 250;
const entries = Array.from({ length: total }, (_, index) => ({ id: `h${index}`, kind: index % 2 ? 'music' : 'level' }));

function historyBridge() {
  return fakeBridge({
    'history.list': (request: { limit: number; kind?: string }) => {
      const matching = entries.filter((entry) => !request.kind || entry.kind === request.kind);
      return { items: matching.slice(0, request.limit), total: matching.length };
    },
  });
}

describe('history slice', () => {
  it('lists a page, adds a page of older entries on request, and starts over on a new filter', async () => {
    const bridge = historyBridge();
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().loadHistory();
    expect(store.getState().historyItems).toHaveLength(historyPageSize);
    expect(store.getState().historyTotal).toBe(total);

    store.getState().showMoreHistory();
    await waitUntil(() => store.getState().historyItems.length === 2 * historyPageSize);
    store.getState().showMoreHistory();
    await waitUntil(() => store.getState().historyItems.length === total);

    store.getState().setHistoryFilter('music');
    await waitUntil(() => store.getState().historyTotal === total / 2);
    expect(store.getState().historyItems).toHaveLength(historyPageSize);
    expect(bridge.calls.at(-1)!.request).toEqual({ limit: historyPageSize, kind: 'music' });
  });

  it('opening a music run releases the replaced take\u2019s clip URLs and stops it playing', async () => {
    const urls = countingUrls();
    const bridge = fakeBridge({
      'music.generate': () => musicRun('job-live'),
      'music.export': () => ({ files: [{ name: 'a.wav', mediaType: 'audio/wav', base64: 'UklGRg==' }] }),
      'history.get': () => ({ id: 'h1', method: 'music.generate', run: musicRun('job-old') }),
    });
    const store = createStudioStore(bridge, memoryStorage(), { clipUrls: urls });
    await store.getState().generateMusic();
    await store.getState().playMusic();
    expect(store.getState().musicPlayback).toMatchObject({ state: 'playing', url: 'clip:1' });

    await store.getState().openHistoryEntry('h1');
    expect(urls.revoked).toEqual(['clip:1']);
    expect(store.getState().musicFiles).toEqual({});
    expect(store.getState().musicPlayback).toEqual({ state: 'stopped' });
    expect(store.getState().musicTakes.generate!.run.jobId).toBe('job-old');
    expect(store.getState().workspace).toBe('music');
  });

  it('opening a level run while levels generate cancels that job, and its late result does not replace the run', async () => {
    const late = deferred<LevelRun>();
    const bridge = fakeBridge({
      'levels.generate': () => late.promise,
      'jobs.cancel': () => ({ cancelled: true }),
      'history.get': () => ({ id: 'h2', method: 'levels.generate', run: levelRun('job-old', 'S') }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    const generating = store.getState().generateLevels();
    store.getState().applyJob(runningJob('job-live', 'levels.generate'));

    await store.getState().openHistoryEntry('h2');
    expect(store.getState().levelActivity).toEqual({ state: 'idle' });
    expect(bridge.calls).toContainEqual({ method: 'jobs.cancel', request: { id: 'job-live' } });
    late.resolve(levelRun('job-live', 'X'));
    await generating;
    expect(store.getState().levelRun!.jobId).toBe('job-old');
    expect(store.getState().levels[0]!.rows.at(-1)).toBe('S'.repeat(fixtureLevelWidth));
    expect(store.getState()).toMatchObject({ levelActivity: { state: 'idle' }, levelError: null, workspace: 'levels' });
  });

  it('opening a music run while music generates cancels that job, and its cancellation shows no error', async () => {
    const late = deferred<MusicRun>();
    const bridge = fakeBridge({
      'music.generate': () => late.promise,
      'jobs.cancel': () => ({ cancelled: true }),
      'history.get': () => ({ id: 'h3', method: 'music.drums', run: musicRun('job-old') }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    const generating = store.getState().generateMusic();
    store.getState().applyJob(runningJob('job-live', 'music.generate'));

    await store.getState().openHistoryEntry('h3');
    expect(store.getState().musicActivity).toEqual({ state: 'idle' });
    expect(store.getState().musicSettings.mode).toBe('drums');
    expect(bridge.calls).toContainEqual({ method: 'jobs.cancel', request: { id: 'job-live' } });
    late.reject(new MosaicError('CANCELLED', 'cancelled'));
    await generating;
    expect(store.getState()).toMatchObject({ musicActivity: { state: 'idle' }, musicError: null });
    expect(store.getState().musicTakes.drums!.run.jobId).toBe('job-old');
    expect(store.getState().musicTakes.generate).toBeUndefined();
  });
});

/** Clip URLs that are numbered as they are made and recorded as they are released. */
function countingUrls(): ClipUrls & { revoked: string[] } {
  let made = 0;
  const revoked: string[] = [];
  return { revoked, create: () => `clip:${++made}`, revoke: (url) => void revoked.push(url) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function runningJob(id: string, kind: string): Job {
  const at = '2026-01-01T00:00:00Z';
  const progress = { fraction: 0.5 };
  return {
    id,
    kind,
    label: kind,
    state: 'running',
    progress,
    position: null,
    createdAt: at,
    startedAt: at,
    finishedAt: null,
    error: null,
  };
}

const musicRun = (jobId: string) => musicRunFixture(1, jobId);
const levelRun = (jobId: string, ground: string) => levelRunFixture([generatedLevelFixture(ground)], { jobId });

/** Resolves once the condition holds (the slice loads in the background). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
