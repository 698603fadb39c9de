// HistoryStore on disk: survives a torn last line, compacts to the newest entries; HistoryService refuses a changed digest.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry, ResolvedModel } from '../../../contract/index.js';
import { HistoryService } from '../../../main/services/history-service.js';
import { HistoryStore } from '../../../main/services/history-store.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
let file = '';
beforeEach(async () => {
  home = await createTempHome();
  file = join(home.path, 'history.jsonl');
});
afterEach(async () => {
  await home.remove();
});

const model: ResolvedModel = {
  name: 'level-platformer',
  version: '1.0.0',
  precision: 'fp32',
  digest: 'a'.repeat(64),
  task: 'level.platformer',
};

function entry(id: string): HistoryEntry {
  const rows = Array.from({ length: 14 }, () => '-'.repeat(16));
  return {
    id,
    kind: 'level',
    method: 'levels.generate',
    request: { width: 16, variations: 1, seed: 3 },
    model,
    seed: 3,
    jobId: 'job-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    summary: { label: '16 columns', variations: 1, width: 16, playable: 0, prompt: '' },
    preview: { rows },
    run: {
      model,
      jobId: 'job-1',
      result: {
        mode: 'generate',
        prompt: '',
        attributes: { pipes: 'none', enemies: 'none', blocks: 'little', elevation: 'low' },
        seed: 3,
        width: 16,
        levels: [],
        totalMs: 1,
      },
    },
  };
}

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

  it('compacts to the newest entries when the file grows', async () => {
    const store = new HistoryStore({ file, maxEntries: 3, slackLines: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await store.add(entry(id));
    await store.flush();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(5);
    expect((await new HistoryStore({ file, maxEntries: 3 }).list()).map((item) => item.id)).toEqual(['g', 'f', 'e']);
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
});
