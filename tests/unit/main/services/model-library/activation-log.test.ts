import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivationLog } from '../../../../../main/services/model-library/activation-log.js';
import { StoreLayout } from '../../../../../main/services/model-library/store-layout.js';
import { createTempHome } from '../../../../support/temp-home.js';

let temp: Awaited<ReturnType<typeof createTempHome>>;
let log: ActivationLog;
beforeEach(async () => {
  temp = await createTempHome('mosaic-activations-');
  let second = 0;
  log = new ActivationLog(new StoreLayout(temp.path), () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++)));
});
afterEach(async () => {
  await temp.remove();
});

describe('ActivationLog', () => {
  it('records from/to/why, keeps active.json in step, and leaves no temp files', async () => {
    expect(await log.record('melody', '1.0.0', 'install')).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      name: 'melody',
      from: null,
      to: '1.0.0',
      reason: 'install',
    });
    await log.record('drums', '0.1.0', 'install');
    await log.record('melody', '2.0.0', 'install');
    expect(await log.active()).toEqual({ drums: '0.1.0', melody: '2.0.0' });
    expect((await log.entries('melody')).map((entry) => [entry.from, entry.to])).toEqual([
      [null, '1.0.0'],
      ['1.0.0', '2.0.0'],
    ]);
    await log.record('drums', null, 'remove');
    expect(await log.active()).toEqual({ melody: '2.0.0' });
    expect((await readdir(temp.path)).sort()).toEqual(['activations.jsonl', 'active.json']);
  });

  it('offers rollback targets as a stack: each rollback pops one, each activation pushes what it replaced', async () => {
    for (const version of ['1.0.0', '1.1.0', '1.2.0', '1.3.0']) await log.record('m', version, 'install');
    expect(await log.rollbackCandidates('m')).toEqual(['1.2.0', '1.1.0', '1.0.0']);
    await log.record('m', '1.2.0', 'rollback');
    expect(await log.rollbackCandidates('m')).toEqual(['1.1.0', '1.0.0']);
    await log.record('m', '1.1.0', 'rollback: regressions');
    await log.record('m', '1.3.0', 'activate');
    expect(await log.rollbackCandidates('m')).toEqual(['1.1.0', '1.0.0']);
    expect(await log.rollbackCandidates('other')).toEqual([]);
  });
});
