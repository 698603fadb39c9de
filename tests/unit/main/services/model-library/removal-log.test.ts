import { appendFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemovalLog } from '../../../../../main/services/model-library/removal-log.js';
import { StoreLayout } from '../../../../../main/services/model-library/store-layout.js';
import { createTempHome } from '../../../../support/temp-home.js';

let temp: Awaited<ReturnType<typeof createTempHome>>;
let layout: StoreLayout;
let log: RemovalLog;
beforeEach(async () => {
  temp = await createTempHome('mosaic-removals-');
  layout = new StoreLayout(temp.path);
  log = new RemovalLog(layout, () => new Date(Date.UTC(2026, 0, 1)));
});
afterEach(async () => {
  await temp.remove();
});

describe('RemovalLog', () => {
  it('records each removal durably, per model, and skips a torn last line', async () => {
    expect(await log.entries('melody')).toEqual([]);
    expect(await log.record('melody', '1.1.0')).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      name: 'melody',
      version: '1.1.0',
    });
    await log.record('drums', '0.1.0');
    await appendFile(layout.removalLog, '{"at":"2026-01-01T00:00:00.000Z","name":"mel');
    expect((await log.entries('melody')).map((removal) => removal.version)).toEqual(['1.1.0']);
    expect(await new RemovalLog(layout).entries()).toHaveLength(2);
    // A record after the torn line starts on a line of its own.
    await log.record('melody', '1.0.0');
    expect((await log.entries('melody')).map((removal) => removal.version)).toEqual(['1.1.0', '1.0.0']);
  });
});
