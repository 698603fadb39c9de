import { afterEach, describe, expect, it } from 'vitest';
import type { InferenceHostStatus } from '../../../contract/index.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { InferenceHost } from '../../../main/services/inference-host.js';
import { FakeLauncher } from '../../support/fake-host-process.js';

const hosts: InferenceHost[] = [];

function createHost(launcher: FakeLauncher, overrides: Partial<ConstructorParameters<typeof InferenceHost>[0]> = {}) {
  const host = new InferenceHost({
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

describe('InferenceHost supervisor', () => {
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

  it('gives up after too many crashes and then refuses requests at once', async () => {
    const launcher = new FakeLauncher();
    const host = createHost(launcher, { maxCrashes: 2 });
    const states: InferenceHostStatus['state'][] = [];
    host.onDidChangeState((status) => states.push(status.state));
    host.start().catch(() => undefined);
    for (let crash = 0; crash < 3; crash += 1) {
      launcher.latest.exit({ code: 1, signal: null });
      await tick();
    }
    expect(host.status().state).toBe('failed');
    expect(launcher.launched).toHaveLength(3);
    await expect(host.request({ op: 'hello' })).rejects.toMatchObject({ code: 'INFERENCE_HOST_UNAVAILABLE' });
    expect(states).toContain('restarting');
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
