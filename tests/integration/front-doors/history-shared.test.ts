// One data folder, one history: runs of `mosaic music generate` and `mosaic level generate` made while `mosaic serve`
// runs on the same MOSAIC_HOME show in its History (GET /v1/history/list) and on its event stream at once, and so do
// lines any other process appends to history.jsonl.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, HistoryChange, HistoryItem, SystemInfo } from '../../../contract/index.js';
import { createHttpBridge } from '../../../common/http-client.js';
import { HistoryStore } from '../../../main/services/history/history-store.js';
import { sampleHistoryEntry } from '../../support/history-entries.js';
import { mosaicCli } from '../../support/mosaic-cli.js';
import { startMosaicServe, type ServeProcess } from '../../support/mosaic-serve.js';
import { createTempHome } from '../../support/temp-home.js';

let home: Awaited<ReturnType<typeof createTempHome>>;
let server: ServeProcess;
const dataFolder = () => join(home.path, 'data');
const changes: HistoryChange[] = [];
let stopEvents: () => void = () => undefined;
const cli = mosaicCli(dataFolder, { MOSAIC_APP_CATALOG: '' });

beforeAll(async () => {
  home = await createTempHome();
  server = await startMosaicServe({ MOSAIC_HOME: dataFolder(), MOSAIC_EP: 'cpu', MOSAIC_APP_CATALOG: '' });
  // The Studio's view: its event stream.
  const bridge = createHttpBridge(server.url, { token: server.token });
  stopEvents = bridge.on('history.didChange', (change) => changes.push(change));
  await bridge.call('history.list', {});
}, 60_000);

afterAll(async () => {
  stopEvents();
  await server?.stop();
  await home?.remove();
});

async function listed(): Promise<HistoryItem[]> {
  const response = await fetch(`${server.url}/v1/history/list`, {
    headers: { authorization: `Bearer ${server.token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: HistoryItem[] }).items;
}

async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one history per data folder', () => {
  it('shows a CLI melody in the running service at once, with a history.didChange event', async () => {
    const { stdout, stderr } = await cli(
      'music',
      'generate',
      '--bars',
      '2',
      '--seed',
      '21',
      '--json',
      '--out',
      join(home.path, 'clips', 'cli.mid'),
    );
    expect(stderr).toContain(`running in the service at ${server.url}`);
    expect(JSON.parse(stdout)).toMatchObject({ seed: 21 });
    const items = await listed();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'music', method: 'music.generate', seed: 21 });
    await eventually(() => changes.some((change) => change.change === 'added' && change.id === items[0]!.id));
  }, 120_000);

  it('shows a CLI level too, newest first', async () => {
    await cli('level', 'generate', '--width', '32', '--seed', '4', '--out', join(home.path, 'levels', 'cli.txt'));
    const items = await listed();
    expect(items.map((item) => `${item.kind}:${item.seed}`)).toEqual(['level:4', 'music:21']);
  }, 120_000);

  it('follows lines another process appends to history.jsonl (the list and the event stream)', async () => {
    const other = new HistoryStore({ file: join(dataFolder(), 'history.jsonl') });
    await other.add(sampleHistoryEntry('written-elsewhere'));
    await eventually(() => changes.some((change) => change.change === 'added' && change.id === 'written-elsewhere'));
    expect((await listed()).map((item) => item.id)).toContain('written-elsewhere');
    await other.remove('written-elsewhere');
    await eventually(() => changes.some((change) => change.change === 'removed' && change.id === 'written-elsewhere'));
    expect((await listed()).map((item) => item.id)).not.toContain('written-elsewhere');
  });

  it("has mosaic doctor report the running service's engine, not one of its own", async () => {
    const info = await fetch(`${server.url}/v1/system/info`, { headers: { authorization: `Bearer ${server.token}` } });
    const servicePid = ((await info.json()) as SystemInfo).inference.pid;
    const { stdout } = await cli('doctor', '--json');
    const report = JSON.parse(stdout) as DoctorReport & { service: { url: string } };
    expect(report.service.url).toBe(server.url);
    expect(report.inference).toMatchObject({ state: 'ready', pid: servicePid });
    expect(report.checks.find((check) => check.name === 'inference host')).toMatchObject({ ok: true });
  }, 60_000);
});
