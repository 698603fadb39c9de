// The inference front door end to end: a bundled package installed on first use, queued generation in the real host,
// reproducible seeds, sessions and metrics that name the model, QUEUE_FULL and cancel.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contract/index.js';
import { locateResources } from '../../main/platform/paths.js';
import { createCoreFixture, type CoreFixture } from '../support/core-fixture.js';
import { writeTinyCounterPackage } from '../support/model-packages.js';

const fixtureFolder = join(locateResources().root, 'models', 'fixtures', 'tiny-decoder');
const expected = JSON.parse(await readFile(join(fixtureFolder, 'expected.json'), 'utf8')) as {
  prompt: number[];
  greedy: number[];
};
let fixture: CoreFixture;

beforeAll(async () => {
  fixture = await createCoreFixture({
    env: { MOSAIC_QUEUE_CAPACITY: '2' },
    bundledCatalogFolder: async (home) => {
      await writeTinyCounterPackage(join(home, 'bundled'));
      return join(home, 'bundled');
    },
  });
});

afterAll(async () => {
  await fixture.dispose();
});

const call: CoreFixture['call'] = (method, request) => fixture.call(method, request);

describe('inference API', () => {
  it('installs the bundled package on first use and generates with it', async () => {
    const result = await call('inference.generate', {
      model: { name: 'tiny-counter' },
      prompt: expected.prompt,
      maxNewTokens: 16,
      sampling: { temperature: 0 },
    });
    expect(result.tokens).toEqual([expected.greedy]);
    expect(result.model).toMatchObject({
      name: 'tiny-counter',
      version: '1.0.0',
      precision: 'fp32',
      task: 'test.count',
    });
    expect(result.model.digest).toMatch(/^[a-f0-9]{64}$/);
    const list = await call('models.list', {});
    expect(list.models.map((model) => model.name)).toContain('tiny-counter');
  });

  it('gives the same tokens for the same seed, and returns the seed it chose', async () => {
    const request = {
      model: { name: 'tiny-counter' },
      prompt: [1],
      variations: 3,
      maxNewTokens: 20,
      sampling: { temperature: 2 },
    };
    const first = await call('inference.generate', { ...request, seed: 42 });
    const again = await call('inference.generate', { ...request, seed: 42 });
    expect(again.tokens).toEqual(first.tokens);
    const unseeded = await call('inference.generate', request);
    expect(unseeded.seed).toBeGreaterThanOrEqual(0);
    const replay = await call('inference.generate', { ...request, seed: unseeded.seed });
    expect(replay.tokens).toEqual(unseeded.tokens);
  });

  it('reports sessions and metrics by model, and unloads', async () => {
    const sessions = await call('inference.sessions', {});
    expect(sessions.sessions[0]?.model).toMatchObject({ name: 'tiny-counter', version: '1.0.0' });
    const metrics = await call('inference.metrics', {});
    const entry = metrics.models.find((model) => model.model?.name === 'tiny-counter');
    expect(entry?.generations).toBeGreaterThanOrEqual(4);
    expect(entry?.tokensPerSecond).toBeGreaterThan(0);
    expect(await call('inference.unload', { model: { name: 'tiny-counter' } })).toEqual({ unloaded: true });
    expect((await call('inference.sessions', {})).sessions).toHaveLength(0);
  });

  it('answers QUEUE_FULL at once beyond the queue capacity, and cancels through jobs.cancel', async () => {
    const long = {
      model: { name: 'tiny-counter' },
      prompt: [1],
      maxNewTokens: 60,
      sampling: { temperature: 1 },
      variations: 16,
    };
    const running = call('inference.generate', long);
    const waiting = call('inference.generate', long);
    await expect(call('inference.generate', long)).rejects.toMatchObject({ code: 'QUEUE_FULL' });
    const { jobs } = await call('jobs.list', {});
    const queued = jobs.find((job) => job.state === 'queued');
    expect(queued).toBeDefined();
    expect(await call('jobs.cancel', { id: queued!.id })).toEqual({ cancelled: true });
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    const done = (await running) as ResponseOf<'inference.generate'>;
    expect(done.tokens).toHaveLength(16);
  });

  it('refuses an unknown model and an absent precision with coded errors', async () => {
    await expect(call('inference.generate', { model: { name: 'no-such-model' }, prompt: [1] })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
    });
    await expect(
      call('inference.generate', { model: { name: 'tiny-counter', precision: 'int8' }, prompt: [1] }),
    ).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });
});
