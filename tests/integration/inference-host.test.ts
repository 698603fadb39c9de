// The real inference host process running the committed probe graph through onnxruntime-node.
import { afterEach, describe, expect, it } from 'vitest';
import { ForkedHostLauncher } from '../../main/platform/host-process.js';
import { silentLogger } from '../../main/platform/logger.js';
import { locateResources } from '../../main/platform/paths.js';
import { InferenceHostSupervisor } from '../../main/services/inference-host-supervisor/inference-host-supervisor.js';
import { readProbeReference } from '../../main/services/system/probe-reference.js';

const resources = locateResources();
const reference = readProbeReference(resources.probeModel);
const hosts: InferenceHostSupervisor[] = [];

function startHost(env: NodeJS.ProcessEnv = {}): InferenceHostSupervisor {
  const host = new InferenceHostSupervisor({
    launcher: new ForkedHostLauncher(),
    entry: resources.inferenceHostEntry,
    env: { PATH: process.env.PATH, MOSAIC_PROBE_MODEL: resources.probeModel, MOSAIC_INFERENCE_DEBUG: '1', ...env },
    logger: silentLogger,
    restartDelayMs: 10,
  });
  hosts.push(host);
  return host;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.dispose()));
});

describe('inference host process', () => {
  it('chooses a provider by trying the best first and reports every attempt', async () => {
    const hello = await startHost().start();
    const { tried, inUse } = hello.executionProvider;
    expect(tried.at(-1)).toMatchObject({ name: inUse, ok: true });
    for (const refused of tried.slice(0, -1)) {
      expect(refused.ok).toBe(false);
      expect(refused.error).toBeTruthy();
    }
    expect(hello.onnxruntimeVersion).toBe('1.30.0');
    // This machine (and CI) has no CUDA libraries: onnxruntime refuses CUDA and the host falls back to CPU.
    if (process.platform === 'linux') expect(tried.map((attempt) => attempt.name)).toEqual(['cuda', 'cpu']);
  });

  it('uses only CPU when MOSAIC_EP=cpu', async () => {
    const hello = await startHost({ MOSAIC_EP: 'cpu' }).start();
    expect(hello.executionProvider).toMatchObject({ inUse: 'cpu', reason: 'MOSAIC_EP=cpu' });
    expect(hello.executionProvider.tried.map((attempt) => attempt.name)).toEqual(['cpu']);
  });

  it('runs the committed probe graph and returns its exact values', async () => {
    const host = startHost({ MOSAIC_EP: 'cpu' });
    await host.start();
    const probe = await host.request({ op: 'probe', input: reference.input });
    expect(probe.output).toHaveLength(reference.output.length);
    probe.output.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(reference.output[r]![c]!, 5)));

    const x = Float32Array.from([0.5, -1, 2, 0, -3, 1, 1, 1]);
    const run = await host.request({
      op: 'run',
      modelPath: resources.probeModel,
      feeds: { x: { type: 'float32', dims: [2, 4], data: x } },
    });
    const y = Object.values(run.outputs)[0]!;
    expect(y.type).toBe('float32');
    expect(y.dims[0]).toBe(2);
    const expected = reference
      .compute([
        [0.5, -1, 2, 0],
        [-3, 1, 1, 1],
      ])
      .flat();
    Array.from(y.data as Float32Array).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
  });

  it('answers bad inputs with coded errors and keeps serving', async () => {
    const host = startHost({ MOSAIC_EP: 'cpu' });
    await host.start();
    await expect(
      host.request({
        op: 'run',
        modelPath: resources.probeModel,
        feeds: { x: { type: 'float32', dims: [1, 4], data: Int32Array.from([1, 2, 3, 4]) } },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(host.request({ op: 'run', modelPath: '/nonexistent/model.onnx', feeds: {} })).rejects.toMatchObject({
      code: 'MODEL_LOAD_FAILED',
    });
    await expect(host.request({ op: 'probe', input: reference.input })).resolves.toBeDefined();
  });

  it('fails the in-flight request with INFERENCE_HOST_CRASHED when the process is killed, then serves the next', async () => {
    const host = startHost({ MOSAIC_EP: 'cpu' });
    const hello = await host.start();
    const inFlight = host.request({ op: 'debug.sleep', ms: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(hello.pid, 'SIGKILL');
    const started = Date.now();
    await expect(inFlight).rejects.toMatchObject({
      code: 'INFERENCE_HOST_CRASHED',
      message: expect.stringContaining('SIGKILL'),
    });
    expect(Date.now() - started).toBeLessThan(5_000);

    const next = await host.request({ op: 'probe', input: reference.input });
    expect(next.output[0]![0]).toBeCloseTo(reference.output[0]![0]!, 5);
    expect(host.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expect(host.status().pid).not.toBe(hello.pid);
  });
});
