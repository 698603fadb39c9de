// HistoryStore on disk: survives a torn last line, compacts to the newest entries, sees what other writers of the file
// did; HistoryService refuses a changed digest.
import { execFile } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryService } from '../../../../../main/services/history/history-service.js';
import { findPackageRoot } from '../../../../../main/platform/paths.js';
import { HistoryStore } from '../../../../../main/services/history/history-store.js';
import { model, sampleHistoryEntry } from '../../../../support/history-entries.js';
import { createTempHome } from '../../../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
let file = '';
beforeEach(async () => {
  home = await createTempHome();
  file = join(home.path, 'history.jsonl');
});
afterEach(async () => {
  await home.remove();
});

const entry = sampleHistoryEntry;
const run = promisify(execFile);
const root = findPackageRoot();

describe('HistoryStore', () => {
  it('reads back what it wrote, newest first, and forgets removed entries', async () => {
    const store = new HistoryStore({ file });
    await store.add(entry('a'));
    await store.add(entry('b'));
    await store.add(entry('c'));
    await store.remove('b');
    const reopened = new HistoryStore({ file });
    expect((await reopened.list()).map((item) => item.id)).toEqual(['c', 'a']);
  });

  it('keeps every whole line when the last one was torn by a crash, and appends cleanly after it', async () => {
    const store = new HistoryStore({ file });
    await store.add(entry('a'));
    await appendFile(file, JSON.stringify({ entry: entry('torn') }).slice(0, 80));
    const reopened = new HistoryStore({ file });
    expect((await reopened.list()).map((item) => item.id)).toEqual(['a']);
    await reopened.add(entry('b'));
    expect((await new HistoryStore({ file }).list()).map((item) => item.id)).toEqual(['b', 'a']);
  });

  it('stars an entry in place (its order kept), through a reopen and a compaction, and takes the star off', async () => {
    const store = new HistoryStore({ file, slackLines: 2 });
    for (const id of ['a', 'b', 'c']) await store.add(entry(id));
    expect(await store.setKept('a', true)).toBe(true);
    expect(await store.setKept('missing', true)).toBe(false);
    const reopened = new HistoryStore({ file });
    expect((await reopened.list()).map((item) => [item.id, item.kept ?? false])).toEqual([
      ['c', false],
      ['b', false],
      ['a', true],
    ]);
    // More lines than entries + slack: the file is rewritten with the star inside the entry.
    await store.setKept('b', true);
    await store.setKept('b', false);
    await store.add(entry('d'));
    await store.flush();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.some((line) => line.startsWith('{"kept"'))).toBe(false);
    const compacted = await new HistoryStore({ file }).list();
    expect(compacted.map((item) => [item.id, item.kept ?? false])).toEqual([
      ['d', false],
      ['c', false],
      ['b', false],
      ['a', true],
    ]);
  });

  it('compacts to the newest entries when the file grows', async () => {
    const store = new HistoryStore({ file, maxEntries: 3, slackLines: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await store.add(entry(id));
    await store.flush();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(5);
    expect((await new HistoryStore({ file, maxEntries: 3 }).list()).map((item) => item.id)).toEqual(['g', 'f', 'e']);
  });
});

describe('HistoryStore shared by processes', () => {
  const ids = async (store: HistoryStore) => (await store.list()).map((item) => item.id);

  it('sees entries another writer appended, and reports them as changes', async () => {
    const changes: unknown[] = [];
    const studio = new HistoryStore({ file, onExternalChange: (change) => changes.push(change) });
    const cli = new HistoryStore({ file });
    await studio.add(entry('studio-1'));
    await cli.add(entry('cli-1'));
    expect(await ids(studio)).toEqual(['cli-1', 'studio-1']);
    expect(changes).toEqual([{ change: 'added', id: 'cli-1' }]);
    await cli.remove('studio-1');
    await studio.refresh();
    expect(changes.at(-1)).toEqual({ change: 'removed', id: 'studio-1' });
    await cli.add(entry('cli-2'));
    await studio.refresh();
    await cli.setKept('cli-2', true);
    await studio.refresh();
    expect(changes.at(-1)).toEqual({ change: 'kept', id: 'cli-2' });
    expect((await studio.get('cli-2'))?.kept).toBe(true);
    await cli.clear();
    expect(await ids(studio)).toEqual([]);
    expect(changes.at(-1)).toEqual({ change: 'cleared', id: null });
  });

  it('waits for a line that is still being written instead of dropping it', async () => {
    const studio = new HistoryStore({ file });
    await studio.add(entry('a'));
    const line = `${JSON.stringify({ entry: entry('b') })}\n`;
    await appendFile(file, line.slice(0, 100));
    expect(await ids(studio)).toEqual(['a']);
    await appendFile(file, line.slice(100));
    expect(await ids(studio)).toEqual(['b', 'a']);
  });

  it('tells a compacted file from the one it replaced when it has the same inode and is no shorter', async () => {
    const studio = new HistoryStore({ file });
    await studio.add(entry('a'));
    await studio.add(entry('b'));
    expect(await ids(studio)).toEqual(['b', 'a']);
    // ext4 hands a renamed-in file its predecessor's inode number; rewriting in place gives the same signature.
    const other = new HistoryStore({ file: `${file}.other` });
    for (const id of ['c', 'd', 'e']) await other.add(entry(id));
    await other.clear();
    for (const id of ['c', 'd', 'e']) await other.add(entry(id));
    await writeFile(file, await readFile(`${file}.other`));
    expect(await ids(studio)).toEqual(['e', 'd', 'c']);
  });

  it('loses no entry when writer processes append and compact the file at the same time', async () => {
    const writers = ['a', 'b', 'c'].map((prefix) =>
      run(
        process.execPath,
        ['--import', 'tsx', join(root, 'tests', 'support', 'history-writer.ts'), file, prefix, '24'],
        {
          cwd: root,
        },
      ),
    );
    await Promise.all(writers);
    const kept = ['a', 'b', 'c'].flatMap((prefix) =>
      Array.from({ length: 24 }, (_, index) => index)
        .filter((index) => index % 3 !== 0)
        .map((index) => `${prefix}-${index}`),
    );
    expect([...(await ids(new HistoryStore({ file })))].sort()).toEqual(kept.sort());
  }, 60_000);

  it('follows a file that another writer replaced by compaction', async () => {
    const changes: unknown[] = [];
    const studio = new HistoryStore({ file, onExternalChange: (change) => changes.push(change) });
    const cli = new HistoryStore({ file, maxEntries: 2, slackLines: 0 });
    await studio.add(entry('a'));
    for (const id of ['b', 'c', 'd']) await cli.add(entry(id));
    expect(await ids(studio)).toEqual(['d', 'c']);
    expect(changes).toEqual(
      expect.arrayContaining([
        { change: 'removed', id: 'a' },
        { change: 'added', id: 'c' },
        { change: 'added', id: 'd' },
      ]),
    );
  });
});

describe('HistoryService', () => {
  it('refuses to regenerate when the pinned version now has another graph', async () => {
    const store = new HistoryStore({ file });
    await store.add(entry('a'));
    const service = new HistoryService({
      store,
      locate: async () => ({ ...model, digest: 'b'.repeat(64) }),
      onDidChange: () => undefined,
    });
    await expect(service.regenerate('a', { origin: 'internal' })).rejects.toMatchObject({ code: 'INCOMPATIBLE_MODEL' });
  });

  it('stars entries, announces it, lists only the kept ones on request, and refuses an unknown id', async () => {
    const store = new HistoryStore({ file });
    for (const id of ['a', 'b', 'c']) await store.add(entry(id));
    const changes: unknown[] = [];
    const service = new HistoryService({ store, locate: async () => model, onDidChange: (c) => changes.push(c) });
    expect(await service.keep({ id: 'b', kept: true })).toEqual({ id: 'b', kept: true, keptVariations: [] });
    expect(changes).toEqual([{ change: 'kept', id: 'b' }]);
    const kept = await service.list({ offset: 0, limit: 50, kept: true });
    expect(kept.items.map((item) => [item.id, item.kept])).toEqual([['b', true]]);
    expect(kept.total).toBe(1);
    expect((await service.list({ offset: 0, limit: 50, kept: false })).items.map((item) => item.id)).toEqual([
      'c',
      'a',
    ]);
    expect((await service.list({ offset: 0, limit: 50 })).total).toBe(3);
    await expect(service.keep({ id: 'nope', kept: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.keep({ jobId: 'job-none', kept: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stars variations one by one, found by the job that made them; the entry is kept while any variation is', async () => {
    const store = new HistoryStore({ file });
    await store.add({ ...entry('a'), jobId: 'job-a' });
    await store.add({ ...entry('b'), jobId: 'job-b' });
    const service = new HistoryService({ store, locate: async () => model, onDidChange: () => undefined });
    expect(await service.keep({ jobId: 'job-a', variation: 2, kept: true })).toEqual({
      id: 'a',
      kept: true,
      keptVariations: [2],
    });
    await service.keep({ jobId: 'job-a', variation: 0, kept: true });
    expect(await new HistoryStore({ file }).get('a')).toMatchObject({ kept: true, keptVariations: [0, 2] });
    await service.keep({ jobId: 'job-a', variation: 2, kept: false });
    expect(await service.keep({ jobId: 'job-a', variation: 0, kept: false })).toEqual({
      id: 'a',
      kept: false,
      keptVariations: [],
    });
    const reread = await new HistoryStore({ file }).get('a');
    expect(reread?.kept).toBeUndefined();
    expect(reread?.keptVariations).toBeUndefined();
  });
});
