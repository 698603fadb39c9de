// Generation through the real inference host process: sessions, streamed progress, cancel, metrics.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationProgress } from '../../contract/index.js';
import { ForkedHostLauncher } from '../../main/platform/host-process.js';
import { silentLogger } from '../../main/platform/logger.js';
import { locateResources } from '../../main/platform/paths.js';
import { InferenceHostSupervisor } from '../../main/services/inference-host-supervisor/inference-host-supervisor.js';

const resources = locateResources();
const modelPath = `${resources.root}/models/fixtures/tiny-decoder/model.onnx`;
const expected = JSON.parse(readFileSync(`${resources.root}/models/fixtures/tiny-decoder/expected.json`, 'utf8')) as {
  prompt: number[];
  greedy: number[];
};
let host: InferenceHostSupervisor;

beforeAll(async () => {
  host = new InferenceHostSupervisor({
    launcher: new ForkedHostLauncher(),
    entry: resources.inferenceHostEntry,
    env: { PATH: process.env.PATH, MOSAIC_PROBE_MODEL: resources.probeModel, MOSAIC_EP: 'cpu' },
    logger: silentLogger,
  });
  await host.start();
});
afterAll(async () => {
  await host.dispose();
});

const request = {
  op: 'generate' as const,
  modelPath,
  prompt: expected.prompt,
  batch: 1,
  maxNewTokens: 16,
  sampling: { temperature: 0, topK: 0, topP: 1 },
  seed: 0,
  stopTokens: [],
  maxPositions: 64,
  progressEvery: 4,
};

describe('generation in the inference host', () => {
  it('loads a session once and lists it with its keep-alive', async () => {
    const first = await host.request({ op: 'session.load', modelPath, keepAliveMs: 60_000 });
    const second = await host.request({ op: 'session.load', modelPath });
    expect(second.loadedAt).toBe(first.loadedAt);
    const report = await host.request({ op: 'sessions.list' });
    expect(report.sessions).toHaveLength(1);
    expect(report.sessions[0]).toMatchObject({ modelPath, executionProvider: 'cpu', inUse: 0 });
    expect(report.sessions[0]!.bytes).toBeGreaterThan(100_000);
    expect(report.rssBytes).toBeGreaterThan(report.sessions[0]!.bytes);
  });

  it('generates the greedy continuation and streams progress every 4 steps', async () => {
    const progress: GenerationProgress[] = [];
    const result = await host.request(request, { onProgress: (update) => progress.push(update) });
    expect(result.rows).toEqual([expected.greedy]);
    expect(progress.map((update) => update.step)).toEqual([4, 8, 12, 16]);
    // Each report carries only the tokens gained since the previous one.
    expect(progress.map((update) => update.newTokens[0])).toEqual(
      [0, 4, 8, 12].map((from) => expected.greedy.slice(from, from + 4)),
    );
    expect(progress.map((update) => update.lengths)).toEqual([[4], [8], [12], [16]]);
  });

  it('streams only the tokens each row gained, which add up to the rows of the result', async () => {
    const progress: GenerationProgress[] = [];
    const result = await host.request(
      { ...request, batch: 3, maxNewTokens: 11, progressEvery: 3, sampling: { temperature: 1, topK: 0, topP: 1 } },
      { onProgress: (update) => progress.push(update) },
    );
    expect(progress.map((update) => update.step)).toEqual([3, 6, 9]);
    const streamed = [0, 1, 2].map((row) => progress.flatMap((update) => update.newTokens[row]!));
    expect(streamed).toEqual(result.rows.map((row) => row.slice(0, 9)));
    expect(progress.at(-1)!.lengths).toEqual([9, 9, 9]);
  });

  it('applies a token-set constraint requested by name', async () => {
    const allowed = [0, 5, 10, 15, 20, 25, 30];
    const result = await host.request({
      ...request,
      batch: 3,
      sampling: { temperature: 1, topK: 0, topP: 1 },
      constraint: { kind: 'token-set', params: { allowed } },
    });
    expect(result.rows.flat().every((token) => allowed.includes(token))).toBe(true);
    await expect(host.request({ ...request, constraint: { kind: 'nonsense' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('stops within one step of receiving a cancel', async () => {
    const controller = new AbortController();
    const result = await host.request(
      { ...request, maxNewTokens: 60, prompt: [1], progressEvery: 1 },
      {
        signal: controller.signal,
        onProgress: (update) => {
          if (update.step === 3) controller.abort();
        },
      },
    );
    expect(result.finish).toEqual(['cancelled']);
    const receivedAt = result.stats.cancelledAtStep;
    expect(receivedAt).toBeGreaterThanOrEqual(3);
    expect(result.rows[0]!.length).toBeLessThanOrEqual(receivedAt! + 1);
    expect(result.rows[0]!.length).toBeLessThan(60);
  });

  it('counts generations, tokens and first-token latency per model', async () => {
    const metrics = await host.request({ op: 'metrics' });
    const model = metrics.models.find((entry) => entry.modelPath === modelPath);
    expect(model).toMatchObject({ loads: 1, errors: 0 });
    expect(model!.generations).toBeGreaterThanOrEqual(3);
    expect(model!.tokens).toBeGreaterThanOrEqual(16 + 48);
    expect(model!.tokensPerSecond).toBeGreaterThan(0);
    expect(model!.firstTokenMsMedian).toBeGreaterThan(0);
    expect(metrics.peakRssBytes).toBeGreaterThanOrEqual(metrics.rssBytes);
  });

  it('unloads on request and records a failed load as an error', async () => {
    expect(await host.request({ op: 'session.unload', modelPath })).toEqual({ unloaded: true });
    expect((await host.request({ op: 'sessions.list' })).sessions).toHaveLength(0);
    await expect(host.request({ ...request, modelPath: '/missing/model.onnx' })).rejects.toMatchObject({
      code: 'MODEL_LOAD_FAILED',
    });
    const metrics = await host.request({ op: 'metrics' });
    expect(metrics.models.find((entry) => entry.modelPath === '/missing/model.onnx')?.errors).toBe(1);
  });
});
