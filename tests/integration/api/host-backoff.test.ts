// A real inference host process killed again and again behind the real HTTP API: the supervisor backs off instead of
// giving up, generations answer a coded retry-later error, health and doctor tell the truth, and the host comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, InferenceHostStatus } from '../../../contract/index.js';
import { createCoreHttpServer } from '../../../main/http/core-http-server.js';
import type { MosaicHttpServer } from '../../../main/http/http-server.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';
import { ManualClock } from '../../support/manual-clock.js';

const clock = new ManualClock();
let fixture: CoreFixture;
let server: MosaicHttpServer;
let url: string;
let token: string;

beforeAll(async () => {
  fixture = await createCoreFixture({
    // Two quick restarts, then back off from 1 s; the waits run on the manual clock, the processes are real.
    hostSupervision: { clock, maxCrashes: 2, restartDelayMs: 10, backoffBaseMs: 1_000 },
  });
  server = await createCoreHttpServer(fixture.core, silentLogger, { env: {} });
  url = await server.listen(0);
  token = await fixture.core.apiAccess.token();
  await fixture.core.host.start();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.dispose();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });

function nextState(): Promise<InferenceHostStatus> {
  return new Promise((resolve) => {
    const stop = fixture.core.host.onDidChangeState((status) => {
      stop();
      resolve(status);
    });
  });
}

/** SIGKILLs the running host and resolves with the supervisor's state once it has seen the exit. */
async function killHost(): Promise<InferenceHostStatus> {
  const { pid } = fixture.core.host.status();
  expect(pid).toBeTypeOf('number');
  const changed = nextState();
  process.kill(pid!, 'SIGKILL');
  return changed;
}

/** Lets the pending restart fall due and waits for the new process's hello. */
async function restartHost(): Promise<void> {
  const { nextRetryAt } = fixture.core.host.status();
  clock.advance(Date.parse(nextRetryAt!) - clock.now());
  await fixture.core.host.start();
}

describe('inference host crash storm', () => {
  it('backs off, refuses generations with a retry-later error, reports it, then serves again', async () => {
    const pids = new Set<number | null>([fixture.core.host.status().pid]);
    for (let quick = 0; quick < 2; quick += 1) {
      expect(await killHost()).toMatchObject({ state: 'restarting' });
      await restartHost();
      pids.add(fixture.core.host.status().pid);
    }
    expect(pids.size).toBe(3);
    const storm = await killHost();
    expect(storm).toMatchObject({ state: 'backing-off', recentCrashes: 3, lastExit: 'signal SIGKILL' });
    expect(Date.parse(storm.nextRetryAt!) - clock.now()).toBe(1_000);

    const generation = await api('/v1/music/generate', { method: 'POST', body: JSON.stringify({ bars: 2 }) });
    expect(generation.status).toBe(503);
    expect(generation.headers.get('retry-after')).toBe('1');
    const { error } = (await generation.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INFERENCE_HOST_BACKING_OFF');
    expect(error.message).toContain('crashed 3 times');
    expect(error.message).toContain(storm.nextRetryAt);

    expect((await fetch(`${url}/v2/health/live`)).status).toBe(200);
    const ready = await fetch(`${url}/v2/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, reason: expect.stringContaining('crashed 3 times') });

    const doctor = (await (await api('/v1/system/doctor')).json()) as DoctorReport;
    expect(doctor.inference).toMatchObject({ state: 'backing-off', recentCrashes: 3, nextRetryAt: storm.nextRetryAt });
    const hostCheck = doctor.checks.find((check) => check.name === 'inference host');
    expect(hostCheck).toMatchObject({ ok: false, detail: expect.stringContaining(storm.nextRetryAt!) });
    expect(hostCheck?.detail).toContain('crashed 3 times');

    // Once more while backing off: the next wait doubles.
    await restartHost();
    expect(await killHost()).toMatchObject({ state: 'backing-off', recentCrashes: 4 });
    expect(Date.parse(fixture.core.host.status().nextRetryAt!) - clock.now()).toBe(2_000);

    await restartHost();
    expect((await fetch(`${url}/v2/health/ready`)).status).toBe(200);
    const probe = await api('/v1/inference/probe', { method: 'POST', body: '{}' });
    expect(probe.status).toBe(200);
    const healed = (await (await api('/v1/system/doctor')).json()) as DoctorReport;
    expect(healed.inference).toMatchObject({ state: 'ready', restarts: 4 });
    expect(healed.checks.every((check) => check.ok)).toBe(true);
  }, 120_000);
});
