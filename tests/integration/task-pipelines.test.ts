// The host's task op: a pipeline gets its model, a decoder with cancel wired in, and a progress channel.
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessRuntime } from '../../main/inference/in-process-runtime.js';
import type { TaskPipeline, TaskProgress } from '../../main/inference/tasks/task-pipeline.js';
import { locateResources } from '../../main/platform/paths.js';

const resources = locateResources();
const modelDir = `${resources.root}/models/fixtures/tiny-decoder`;

/** A miniature task: count on from a start token, in two stages, reporting progress between them. */
const countingPipeline: TaskPipeline = {
  task: 'test.count',
  async run(context, params) {
    const { start, length } = params as { start: number; length: number };
    context.reportProgress({ fraction: 0, message: 'decoding' });
    const first = await context.generate({
      prompt: [start, start + 1],
      batch: 1,
      maxNewTokens: length,
      sampling: { temperature: 0, topK: 0, topP: 1 },
      seed: 0,
    });
    context.reportProgress({ fraction: 0.5, message: 'second half' });
    if (context.isCancelled()) return { tokens: first.rows[0], cancelled: true };
    const second = await context.generate({
      prompt: first.rows[0]!.slice(-2),
      batch: 1,
      maxNewTokens: length,
      sampling: { temperature: 0, topK: 0, topP: 1 },
      seed: 0,
    });
    return {
      tokens: [...first.rows[0]!, ...second.rows[0]!],
      cancelled: second.finish[0] === 'cancelled',
      model: context.modelDir,
    };
  },
};

const progress: TaskProgress[] = [];
const runtime = createInProcessRuntime({
  pipelines: [countingPipeline],
  onTaskProgress: (_, update) => progress.push(update),
});

afterAll(async () => {
  await runtime.dispose();
});

const taskRequest = (id: number, params: unknown) => ({
  id,
  op: 'task' as const,
  task: 'test.count',
  modelPath: `${modelDir}/model.onnx`,
  modelDir,
  maxPositions: 64,
  params,
});

describe('task pipelines in the inference runtime', () => {
  it('runs a pipeline with its model and forwards its progress', async () => {
    progress.length = 0;
    const result = (await runtime.handle(taskRequest(1, { start: 3, length: 4 }))) as {
      tokens: number[];
      model: string;
    };
    // The tiny decoder counts: 3, 4 → 5, 6, 7, 8 then 7, 8 → 9, 10, 11, 12.
    expect(result.tokens).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.model).toBe(modelDir);
    expect(progress).toEqual([
      { fraction: 0, message: 'decoding' },
      { fraction: 0.5, message: 'second half' },
    ]);
    const metrics = await runtime.handle({ id: 2, op: 'metrics' });
    expect((metrics as { models: { generations: number }[] }).models[0]?.generations).toBe(2);
  });

  it('stops a running pipeline when cancelled', async () => {
    const running = runtime.handle(taskRequest(3, { start: 1, length: 50 }));
    // Cancel as soon as the request is running (the decoder yields to the event loop between steps).
    await new Promise((resolve) => setImmediate(resolve));
    expect(await runtime.handle({ id: 4, op: 'cancel', targetId: 3 })).toEqual({ cancelled: true });
    const result = (await running) as { tokens: number[]; cancelled: boolean };
    expect(result.cancelled).toBe(true);
    expect(result.tokens.length).toBeLessThan(50);
  });

  it('refuses an unknown task with a coded error', async () => {
    await expect(runtime.handle({ ...taskRequest(5, {}), task: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
