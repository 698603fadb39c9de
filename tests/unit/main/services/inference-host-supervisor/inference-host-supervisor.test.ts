import { afterEach, describe, expect, it } from 'vitest';
import type { InferenceHostStatus } from '../../../../../contract/index.js';
import { silentLogger } from '../../../../../main/platform/logger.js';
import { InferenceHostSupervisor } from '../../../../../main/services/inference-host-supervisor/inference-host-supervisor.js';
import { FakeLauncher } from '../../../../support/fake-host-process.js';
import { ManualClock } from '../../../../support/manual-clock.js';

const hosts: InferenceHostSupervisor[] = [];

function createHost(
  launcher: FakeLauncher,
  overrides: Partial<ConstructorParameters<typeof InferenceHostSupervisor>[0]> = {},
) {
  const host = new InferenceHostSupervisor({
    launcher,
    entry: '/nowhere/host.js',
    env: {},
    logger: silentLogger,
    restartDelayMs: 1,
    startTimeoutMs: 2_000,
    ...overrides,
  });
  hosts.push(host);
  return host;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
});

describe('InferenceHostSupervisor', () => {
  it('replaces a running host with one on the new environment when the backend changes (Settings → Inference)', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher, { env: { KEEP: '1', MOSAIC_OIP_SERVER: 'old:1' } });
    const started = host.start();
    launcher.latest.sayHello();
    await started;
    const inFlight = host.request({ op: 'debug.sleep', ms: 10 });
    await tick();

    const reconfigured = host.reconfigure({ MOSAIC_OIP_SERVER: undefined, MOSAIC_OIP_TOKEN: undefined });
    await expect(inFlight).rejects.toMatchObject({
      code: 'INFERENCE_HOST_UNAVAILABLE',
      message: expect.stringMatching(/backend changed in Settings/),
    });
    expect(launcher.launched).toHaveLength(2);
    expect(launcher.launched[0]!.exited).toBe(true);
    expect(launcher.envs[1]).toEqual({ KEEP: '1' });
    launcher.latest.sayHello();
    await reconfigured;
    // Not a crash: no restart counted, ready at once.
    expect(host.status()).toMatchObject({ state: 'ready', restarts: 0, pid: 1001 });

    // A host not started yet just starts with the new environment later.
    const idle = new FakeLauncher();
    const later = createHost(idle, { env: {} });
    await later.reconfigure({ MOSAIC_OIP_SERVER: 'triton:8001' });
    expect(idle.launched).toHaveLength(0);
    const start = later.start();
    idle.latest.sayHello();
    await start;
    expect(idle.envs[0]).toEqual({ MOSAIC_OIP_SERVER: 'triton:8001' });
  });

  it('is ready after the hello and reports the provider', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher);
    const started = host.start();
    launcher.latest.sayHello();
    await started;
    expect(host.status()).toMatchObject({ state: 'ready', pid: 1000, onnxruntimeVersion: '1.30.0' });
    expect(host.status().executionProvider?.inUse).toBe('cpu');
  });

  it('fails in-flight requests with INFERENCE_HOST_CRASHED and restarts', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher);
    const started = host.start();
    launcher.latest.sayHello();
    await started;

    const inFlight = host.request({ op: 'probe', input: [[1, 2, 3, 4]] });
    await tick();
    launcher.latest.exit({ code: null, signal: 'SIGKILL' });
    await expect(inFlight).rejects.toMatchObject({ code: 'INFERENCE_HOST_CRASHED' });
    expect(host.status()).toMatchObject({ state: 'restarting', restarts: 1, lastExit: 'signal SIGKILL' });

    await tick();
    expect(launcher.launched).toHaveLength(2);
    const next = host.request({ op: 'debug.sleep', ms: 0 });
    launcher.latest.sayHello();
    await tick();
    const request = launcher.latest.sent.find((message) => message.op === 'debug.sleep');
    expect(request).toBeDefined();
    launcher.latest.reply(request!.id, { sleptMs: 0 });
    await expect(next).resolves.toEqual({ sleptMs: 0 });
    expect(host.status().state).toBe('ready');
  });

  it('passes coded errors from the host through unchanged', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher);
    const started = host.start();
    launcher.latest.sayHello();
    await started;
    const call = host.request({ op: 'run', modelPath: '/x.onnx', feeds: {} });
    await tick();
    const run = launcher.latest.sent.find((message) => message.op === 'run')!;
    launcher.latest.fail(run.id, 'MODEL_LOAD_FAILED', 'cannot read /x.onnx');
    await expect(call).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: 'cannot read /x.onnx' });
  });

  it('backs off through a crash storm (1 s, 2 s, 4 s … 30 s) and keeps trying until the host comes back', async () => {
    const launcher = new FakeLauncher();
    const clock = new ManualClock();
    const host = createHost(launcher, { clock, restartDelayMs: 100, maxCrashes: 5, crashWindowMs: 60_000 });
    const states: InferenceHostStatus['state'][] = [];
    host.onDidChangeState((status) => states.push(status.state));
    host.start().catch(() => undefined);
    const waits: number[] = [];
    // 5 quick restarts, then 9 more crashes: far past the old limit of "six crashes in 60 s, then failed for good".
    for (let crash = 1; crash <= 14; crash += 1) {
      clock.advance(50);
      launcher.latest.exit({ code: null, signal: 'SIGSEGV' });
      expect(host.status().state).toBe(crash <= 5 ? 'restarting' : 'backing-off');
      const [wait] = clock.pendingDelays();
      expect(host.status().nextRetryAt).toBe(new Date(clock.now() + wait!).toISOString());
      waits.push(wait!);
      clock.advance(wait! - 1);
      expect(launcher.launched).toHaveLength(crash);
      clock.advance(1);
      expect(launcher.launched).toHaveLength(crash + 1);
      expect(host.status()).toMatchObject({ state: 'starting', nextRetryAt: null });
    }
    expect(waits).toEqual([100, 200, 400, 800, 1600, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    expect(states).not.toContain('failed');

    // The host comes back: it serves again.
    const answered = host.request({ op: 'debug.sleep', ms: 0 });
    launcher.latest.sayHello();
    await tick();
    launcher.latest.reply(launcher.latest.sent.find((message) => message.op === 'debug.sleep')!.id, { sleptMs: 0 });
    await expect(answered).resolves.toEqual({ sleptMs: 0 });
    expect(host.status()).toMatchObject({ state: 'ready', restarts: 14, nextRetryAt: null });

    // Up for a whole crash window, it has recovered: the next crash gets a quick restart again.
    clock.advance(60_000);
    launcher.latest.exit({ code: 1, signal: null });
    expect(host.status()).toMatchObject({ state: 'restarting', recentCrashes: 1 });
    expect(clock.pendingDelays()).toEqual([100]);
  });

  it('refuses requests while backing off with INFERENCE_HOST_BACKING_OFF saying when to retry', async () => {
    const launcher = new FakeLauncher();
    const clock = new ManualClock();
    const host = createHost(launcher, { clock, maxCrashes: 1, restartDelayMs: 10, backoffBaseMs: 4_000 });
    const started = host.start();
    launcher.latest.sayHello();
    await started;
    launcher.latest.exit({ code: null, signal: 'SIGKILL' });
    // A request made while the host restarts waits for it; the host crashes again and backs off: the request is told so.
    const waiting = host.request({ op: 'probe', input: [[1, 2, 3, 4]] });
    clock.advance(10);
    launcher.latest.exit({ code: 139, signal: null });
    expect(host.status()).toMatchObject({ state: 'backing-off', recentCrashes: 2, lastExit: 'exit code 139' });
    const retryAt = new Date(clock.now() + 4_000).toISOString();
    const expected = {
      code: 'INFERENCE_HOST_BACKING_OFF',
      message: expect.stringMatching(
        new RegExp(`crashed 2 times in 60 s \\(last: exit code 139\\).*${retryAt}.*in 4 s`),
      ),
      details: { retryAt, retryAfterMs: 4_000, recentCrashes: 2 },
    };
    await expect(waiting).rejects.toMatchObject(expected);

    clock.advance(1_500);
    const started2 = Date.now();
    await expect(host.request({ op: 'hello' })).rejects.toMatchObject({
      ...expected,
      message: expect.stringContaining('(in 3 s)'),
      details: { ...expected.details, retryAfterMs: 2_500 },
    });
    await expect(host.start()).rejects.toMatchObject({ code: 'INFERENCE_HOST_BACKING_OFF' });
    expect(Date.now() - started2).toBeLessThan(1_000);
    expect(host.notReadyReason()).toMatch(/crashed 2 times/);
    expect(launcher.launched).toHaveLength(2);

    clock.advance(2_500);
    expect(launcher.launched).toHaveLength(3);
    const next = host.request({ op: 'debug.sleep', ms: 0 });
    launcher.latest.sayHello();
    await tick();
    launcher.latest.reply(launcher.latest.sent.find((message) => message.op === 'debug.sleep')!.id, { sleptMs: 0 });
    await expect(next).resolves.toEqual({ sleptMs: 0 });
    expect(host.notReadyReason()).toBeNull();
  });

  it('stops backing off when disposed', async () => {
    const launcher = new FakeLauncher();
    const clock = new ManualClock();
    const host = createHost(launcher, { clock, maxCrashes: 0 });
    host.start().catch(() => undefined);
    launcher.latest.exit({ code: 1, signal: null });
    expect(host.status().state).toBe('backing-off');
    await host.dispose();
    expect(clock.pendingDelays()).toEqual([]);
    clock.advance(60_000);
    expect(launcher.launched).toHaveLength(1);
    expect(host.status().state).toBe('stopped');
  });

  it('marks the host failed when it is alive but cannot say hello', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher);
    const started = host.start();
    const hello = launcher.latest.sent[0]!;
    launcher.latest.fail(hello.id, 'INTERNAL', 'No execution provider could load the probe graph');
    await expect(started).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(host.status().state).toBe('failed');
    expect(host.status().lastExit).toMatch(/No execution provider/);
    expect(launcher.latest.exited).toBe(true);
  });

  it('fails requests waiting on a host that never starts', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher, { startTimeoutMs: 30 });
    host.start().catch(() => undefined);
    await expect(host.request({ op: 'hello' })).rejects.toMatchObject({ code: 'INFERENCE_HOST_UNAVAILABLE' });
  });

  it('fails pending requests when disposed', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher);
    const started = host.start();
    launcher.latest.sayHello();
    await started;
    const pending = host.request({ op: 'debug.sleep', ms: 1000 });
    await tick();
    await host.dispose();
    await expect(pending).rejects.toMatchObject({ code: 'INFERENCE_HOST_UNAVAILABLE' });
    expect(host.status().state).toBe('stopped');
  });
});
