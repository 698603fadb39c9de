import { describe, expect, it } from 'vitest';
import type { GeneratedLevel, Job } from '../../../contract/index.js';
import { MosaicError } from '../../../contract/index.js';
import { createStudioStore } from '../../../renderer/src/state/studio-store.js';
import { fakeBridge, memoryStorage } from '../../support/fake-bridge.js';
import { fixtureLevelWidth, generatedLevelFixture, levelRunFixture } from '../../support/studio-runs.js';

const width = fixtureLevelWidth;
const level = generatedLevelFixture;
const run = (levels: GeneratedLevel[], mode: 'generate' | 'regenerate' = 'generate') =>
  levelRunFixture(levels, { mode });

describe('levels slice', () => {
  it('generates with the prompt settings and shows the first variation', async () => {
    const bridge = fakeBridge({ 'levels.generate': () => run([level('X'), level('S', 1)]) });
    const store = createStudioStore(bridge, memoryStorage());
    store.getState().setLevelSettings({ width: 20, variations: 2, seed: 99, temperature: 1.5 });
    const pending = store.getState().generateLevels();
    expect(store.getState().levelActivity).toEqual({ state: 'generating' });
    await pending;
    expect(bridge.calls[0]).toEqual({
      method: 'levels.generate',
      request: {
        attributes: { pipes: 'little', enemies: 'some', blocks: 'little', elevation: 'low' },
        width: 20,
        variations: 2,
        seed: 99,
        temperature: 1.5,
      },
    });
    expect(store.getState()).toMatchObject({
      levelActivity: { state: 'idle' },
      selectedVariation: 0,
      levelError: null,
    });
    expect(store.getState().levels).toHaveLength(2);
  });

  it('keeps settings valid whatever is typed: an out-of-range value leaves the current one, never a clamped guess', () => {
    const store = createStudioStore(fakeBridge({}), memoryStorage());
    store.getState().setLevelSettings({ width: 60, variations: 2, seed: 9, temperature: 1.5 });
    store.getState().setLevelSettings({ width: 3, variations: 30, seed: -4, temperature: 9 });
    expect(store.getState().levelSettings).toMatchObject({ width: 60, variations: 2, seed: 9, temperature: 1.5 });
    store.getState().newLevelSeed();
    expect(Number.isInteger(store.getState().levelSettings.seed)).toBe(true);
  });

  it('records a coded error and stays usable when generation fails', async () => {
    const bridge = fakeBridge({
      'levels.generate': () => {
        throw new MosaicError('QUEUE_FULL', 'busy');
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateLevels();
    expect(store.getState().levelError).toEqual({ code: 'QUEUE_FULL', message: 'busy' });
    expect(store.getState().levelActivity).toEqual({ state: 'idle' });
  });

  it('regenerates the selected columns, replaces the variation and undoes it', async () => {
    const bridge = fakeBridge({
      'levels.generate': () => run([level('X'), level('S', 1)]),
      'levels.regenerate': () => run([level('Q')], 'regenerate'),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateLevels();
    store.getState().selectVariation(1);
    store.getState().selectColumns({ anchor: 12, focus: 4 });
    await store.getState().regenerateColumns();
    const request = bridge.calls[1]!.request as { rows: string[]; from: number; to: number; variations: number };
    expect(request).toMatchObject({ from: 4, to: 13, variations: 1 });
    expect(request.rows[13]).toBe('S'.repeat(width));
    expect(store.getState().levels[1]).toMatchObject({
      variation: 1,
      rows: expect.arrayContaining(['Q'.repeat(width)]),
    });
    expect(store.getState().levelUndo).toHaveLength(1);

    store.getState().selectVariation(0);
    store.getState().undoLevelEdit();
    expect(store.getState().levels[1]!.rows[13]).toBe('S'.repeat(width));
    expect(store.getState().selectedVariation).toBe(1);
    expect(store.getState().levelUndo).toHaveLength(0);
  });

  it('does nothing to regenerate without a selection, and clamps selections to the level', async () => {
    const bridge = fakeBridge({ 'levels.generate': () => run([level('X')]) });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateLevels();
    await store.getState().regenerateColumns();
    expect(bridge.calls.map((call) => call.method)).toEqual(['levels.generate']);
    store.getState().selectColumns({ anchor: 15, focus: 400 });
    expect(store.getState().columnSelection).toEqual({ anchor: 15, focus: width - 1 });
    store.getState().selectVariation(5);
    expect(store.getState().selectedVariation).toBe(0);
  });

  it('keeps a column selection on the variation it was made on (issue 18)', async () => {
    const bridge = fakeBridge({
      'levels.generate': () => run([level('X'), level('S', 1)]),
      'levels.regenerate': () => run([level('Q')], 'regenerate'),
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateLevels();
    store.getState().selectColumns({ anchor: 10, focus: 15 });
    store.getState().selectVariation(0);
    expect(store.getState().columnSelection).toEqual({ anchor: 10, focus: 15 });
    store.getState().selectVariation(1);
    expect(store.getState().columnSelection).toBeNull();
    // With nothing selected on this variation, Regenerate has nothing to redraw.
    await store.getState().regenerateColumns();
    expect(bridge.calls.map((call) => call.method)).toEqual(['levels.generate']);
    store.getState().selectColumns({ anchor: 2, focus: 3 });
    await store.getState().generateLevels();
    expect(store.getState().columnSelection).toBeNull();
  });

  it('cancels the running level job through the jobs slice', async () => {
    const bridge = fakeBridge({ 'jobs.cancel': () => ({ cancelled: true }) });
    const store = createStudioStore(bridge, memoryStorage());
    const job: Job = {
      id: 'job-9',
      kind: 'levels.generate',
      label: 'levels',
      state: 'running',
      progress: { fraction: 0.5 },
      position: null,
      createdAt: '2026-01-01T00:00:00Z',
      startedAt: '2026-01-01T00:00:00Z',
      finishedAt: null,
      error: null,
    };
    store.getState().applyJob(job);
    await store.getState().cancelLevelWork();
    expect(bridge.calls).toEqual([{ method: 'jobs.cancel', request: { id: 'job-9' } }]);
  });

  it('exports the selected variation with its provenance and a name from the prompt and seed', async () => {
    const files = [{ name: 'x.tmj', mediaType: 'application/json', base64: 'e30=' }];
    const bridge = fakeBridge({
      'levels.generate': () => run([level('X'), level('S', 1)]),
      'levels.export': () => ({ files }),
    });
    const store = createStudioStore(bridge, memoryStorage());
    expect(await store.getState().exportLevel('tmj')).toBeNull();
    await store.getState().generateLevels();
    store.getState().selectVariation(1);
    expect(await store.getState().exportLevel('tmj')).toEqual(files);
    expect(bridge.calls[1]!.request).toMatchObject({
      format: 'tmj',
      name: 'little-pipes-some-enemies-little-blocks-low-elevation-seed7-v2',
      provenance: {
        model: 'level-platformer@1.0.0',
        digest: 'ab'.repeat(32),
        prompt: 'little pipes, some enemies, little blocks, low elevation',
        seed: 7,
      },
      level: { playable: true, spawn: [0, 12], goal: [width - 1, 12] },
    });
  });

  it('exports every variation at once in one format, a shared tileset once, counting them as it goes', async () => {
    const bridge = fakeBridge({
      'levels.generate': () => run([level('X'), level('S', 1), level('Q', 2)]),
      'levels.export': (request) => {
        const { name, format } = request as { name: string; format: string };
        return {
          files: [
            { name: `${name}.${format}`, mediaType: 'application/json', base64: 'e30=' },
            { name: 'mosaic-platformer-tiles.png', mediaType: 'image/png', base64: 'AA==' },
          ],
        };
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    expect(await store.getState().exportAllLevels('ldtk')).toBeNull();
    await store.getState().generateLevels();
    const seen: unknown[] = [];
    const unsubscribe = store.subscribe((state) => seen.push(state.levelActivity));
    const files = await store.getState().exportAllLevels('ldtk');
    unsubscribe();
    expect(files!.map((file) => file.name)).toEqual([
      'little-pipes-some-enemies-little-blocks-low-elevation-seed7-v1.ldtk',
      'mosaic-platformer-tiles.png',
      'little-pipes-some-enemies-little-blocks-low-elevation-seed7-v2.ldtk',
      'little-pipes-some-enemies-little-blocks-low-elevation-seed7-v3.ldtk',
    ]);
    const exports = bridge.calls.filter((call) => call.method === 'levels.export');
    expect(exports.map((call) => (call.request as { level: { rows: string[] } }).level.rows)).toEqual(
      store.getState().levels.map((entry) => entry.rows),
    );
    expect(seen).toEqual([
      { state: 'exporting', format: 'ldtk', all: { done: 0, total: 3 } },
      { state: 'exporting', format: 'ldtk', all: { done: 1, total: 3 } },
      { state: 'exporting', format: 'ldtk', all: { done: 2, total: 3 } },
      { state: 'exporting', format: 'ldtk', all: { done: 3, total: 3 } },
      { state: 'idle' },
    ]);
  });

  it('stops an export of all variations at the first failure, with its coded error', async () => {
    let calls = 0;
    const bridge = fakeBridge({
      'levels.generate': () => run([level('X'), level('S', 1)]),
      'levels.export': () => {
        calls += 1;
        if (calls === 2) throw new MosaicError('BAD_REQUEST', 'An export name may use letters, digits, …');
        return { files: [{ name: `v${calls}.txt`, mediaType: 'text/plain', base64: 'AA==' }] };
      },
    });
    const store = createStudioStore(bridge, memoryStorage());
    await store.getState().generateLevels();
    expect(await store.getState().exportAllLevels('txt')).toBeNull();
    expect(store.getState().levelError).toMatchObject({ code: 'BAD_REQUEST' });
    expect(store.getState().levelActivity).toEqual({ state: 'idle' });
  });
});
