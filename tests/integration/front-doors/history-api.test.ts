// History end to end on the real level and melody models: every run recorded with its recipe, regenerated exactly,
// pinned to the version that made it even after another one is activated, and refused once that version is gone.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isArrangeRun, type ResponseOf } from '../../../contract/index.js';
import { locateResources } from '../../../main/platform/paths.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';

let fixture: CoreFixture;
const packages = join(locateResources().root, 'models', 'packages');

/** The bundled packages plus a 1.1.0 of each (the same files under another version). */
async function bundledWithNewerVersions(home: string): Promise<string> {
  const folder = join(home, 'bundled');
  for (const name of ['level-platformer', 'music-melody']) {
    await cp(join(packages, name, '1.0.0'), join(folder, name, '1.0.0'), { recursive: true });
    await cp(join(packages, name, '1.0.0'), join(folder, name, '1.1.0'), { recursive: true });
    const manifestFile = join(folder, name, '1.1.0', 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, version: '1.1.0' }));
  }
  return folder;
}

beforeAll(async () => {
  fixture = await createCoreFixture({ bundledCatalogFolder: bundledWithNewerVersions });
  for (const name of ['level-platformer', 'music-melody']) {
    await fixture.call('models.install', { name, version: '1.0.0', catalogId: 'bundled', wait: true });
  }
});

afterAll(async () => {
  await fixture.dispose();
});

const call: CoreFixture['call'] = (method, request) => fixture.call(method, request);
const tilesOf = (run: ResponseOf<'history.regenerate'>) =>
  'seed' in run || !('levels' in run.result) ? [] : run.result.levels.map((level) => level.rows);
const notesOf = (run: ResponseOf<'history.regenerate'>) =>
  'seed' in run && !isArrangeRun(run) ? run.result.variations.map((variation) => variation.notes) : [];

describe('history API', () => {
  let levelId = '';
  let levelRun: ResponseOf<'levels.generate'>;

  it('records a level with its recipe and regenerates it exactly', async () => {
    const changes: string[] = [];
    const unsubscribe = fixture.core.events.subscribe(({ event, payload }) => {
      if (event === 'history.didChange') changes.push((payload as { change: string }).change);
    });
    levelRun = await call('levels.generate', { prompt: 'many pipes, some enemies', width: 60, variations: 2 });
    const { items, total } = await call('history.list', {});
    expect(total).toBe(1);
    const item = items[0]!;
    levelId = item.id;
    expect(item).toMatchObject({
      kind: 'level',
      method: 'levels.generate',
      model: { name: 'level-platformer', version: '1.0.0', digest: levelRun.model.digest },
      seed: levelRun.result.seed,
      request: { width: 60, variations: 2, prompt: 'many pipes, some enemies', seed: levelRun.result.seed },
      summary: { width: 60, variations: 2, prompt: levelRun.result.prompt },
    });
    expect(item.preview.rows).toEqual(levelRun.result.levels[0]!.rows);
    expect(item.durationMs).toBeGreaterThan(0);
    const entry = await call('history.get', { id: levelId });
    expect(entry.run).toEqual(levelRun);

    const again = await call('history.regenerate', { id: levelId });
    expect(tilesOf(again)).toEqual(levelRun.result.levels.map((level) => level.rows));
    expect(again.model).toEqual(levelRun.model);
    const after = await call('history.list', {});
    expect(after.total).toBe(2);
    expect(after.items[0]).toMatchObject({ regeneratedFrom: levelId, seed: levelRun.result.seed });
    unsubscribe();
    expect(changes).toEqual(['added', 'added']);
  });

  it('records a melody with the seed it chose and regenerates the same notes', async () => {
    const run = await call('music.generate', { bars: 4, variations: 2, key: { tonic: 'A', scale: 'minor' } });
    const { items } = await call('history.list', { kind: 'music' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ seed: run.seed, summary: { bars: 4, key: 'A minor', variations: 2 } });
    expect(items[0]!.preview.notes).toHaveLength(run.result.variations[0]!.notes.length);
    const again = await call('history.regenerate', { id: items[0]!.id });
    expect(notesOf(again)).toEqual(run.result.variations.map((variation) => variation.notes));
  });

  it('stays pinned to the version that made a result after another one is activated', async () => {
    await call('models.install', { name: 'level-platformer', version: '1.1.0', catalogId: 'bundled', wait: true });
    const fresh = await call('levels.generate', { width: 30, seed: 1 });
    expect(fresh.model.version).toBe('1.1.0');
    const again = await call('history.regenerate', { id: levelId });
    expect(again.model.version).toBe('1.0.0');
    expect(tilesOf(again)).toEqual(levelRun.result.levels.map((level) => level.rows));
  });

  it('refuses to regenerate once that version is removed', async () => {
    await call('models.remove', { name: 'level-platformer', version: '1.0.0' });
    await expect(call('history.regenerate', { id: levelId })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(call('history.regenerate', { id: 'no-such-entry' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages, filters, removes and clears', async () => {
    const levels = await call('history.list', { kind: 'level', limit: 2, offset: 1 });
    expect(levels.total).toBe(4);
    expect(levels.items).toHaveLength(2);
    expect(levels.items.every((item) => item.kind === 'level')).toBe(true);
    expect(await call('history.remove', { id: levelId })).toEqual({ removed: true });
    expect(await call('history.remove', { id: levelId })).toEqual({ removed: false });
    expect((await call('history.list', {})).total).toBe(5);
    const persisted = await readFile(join(fixture.home, 'data', 'history.jsonl'), 'utf8');
    expect(persisted.trim().split('\n').length).toBeGreaterThanOrEqual(6);
    expect(await call('history.clear', {})).toEqual({ removed: 5 });
    expect((await call('history.list', {})).items).toEqual([]);
  });
});
