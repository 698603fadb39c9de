import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../../contract/index.js';
import { GenerationQueue, type JobContext } from '../../../../../main/services/engine/generation-queue.js';

/** Work that finishes when the test says so, and notices its abort signal like a generation does. */
function controllable() {
  let finish: (value: string) => void = () => undefined;
  let context: JobContext | null = null;
  const run = (ctx: JobContext) =>
    new Promise<string>((resolve, reject) => {
      context = ctx;
      finish = resolve;
      ctx.signal.addEventListener('abort', () => reject(new Error('stopped at a step boundary')));
    });
  return { run, finish: (value: string) => finish(value), context: () => context };
}

describe('GenerationQueue', () => {
  it('runs jobs one at a time in order and reports positions', async () => {
    const queue = new GenerationQueue({ capacity: 5 });
    const a = controllable();
    const b = controllable();
    const first = queue.submit('test', 'a', a.run);
    const second = queue.submit('test', 'b', b.run);
    expect(queue.get(first.job.id)?.state).toBe('running');
    expect(queue.get(second.job.id)).toMatchObject({ state: 'queued', position: 0 });
    a.finish('A');
    await expect(first.result).resolves.toBe('A');
    expect(queue.get(second.job.id)?.state).toBe('running');
    b.finish('B');
    await expect(second.result).resolves.toBe('B');
    expect(queue.get(first.job.id)).toMatchObject({ state: 'succeeded', progress: { fraction: 1 } });
  });

  it('answers QUEUE_FULL at once when full, without queuing', () => {
    const queue = new GenerationQueue({ capacity: 2 });
    queue.submit('test', 'a', controllable().run);
    queue.submit('test', 'b', controllable().run);
    expect(() => queue.submit('test', 'c', controllable().run)).toThrow(
      expect.objectContaining({ code: 'QUEUE_FULL' }),
    );
    expect(queue.list()).toHaveLength(2);
  });

  it('cancels a queued job at once and a running one through its signal', async () => {
    const queue = new GenerationQueue({ capacity: 5 });
    const running = controllable();
    const first = queue.submit('test', 'running', running.run);
    const second = queue.submit('test', 'waiting', controllable().run);
    const third = queue.submit('test', 'last', controllable().run);
    expect(queue.cancel(second.job.id)).toBe(true);
    await expect(second.result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(queue.get(third.job.id)?.position).toBe(0);

    expect(queue.cancel(first.job.id)).toBe(true);
    expect(running.context()?.signal.aborted).toBe(true);
    await expect(first.result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(queue.get(first.job.id)?.state).toBe('cancelled');
    expect(queue.get(third.job.id)?.state).toBe('running');
    expect(queue.cancel('no-such-job')).toBe(false);
  });

  it('records a failure with its error code and moves on', async () => {
    const queue = new GenerationQueue({ capacity: 5 });
    const failing = queue.submit('test', 'bad', async () => {
      throw Object.assign(new Error('host died'), { code: 'INFERENCE_HOST_CRASHED' });
    });
    await expect(failing.result).rejects.toMatchObject({ code: 'INFERENCE_HOST_CRASHED' });
    expect(queue.get(failing.job.id)).toMatchObject({ state: 'failed', error: { code: 'INFERENCE_HOST_CRASHED' } });
    const next = queue.submit('test', 'good', async () => 'ok');
    await expect(next.result).resolves.toBe('ok');
  });

  it('emits every change, progress included', async () => {
    const queue = new GenerationQueue({ capacity: 5 });
    const seen: Pick<Job, 'state' | 'progress'>[] = [];
    queue.onDidChangeJob((job) => seen.push({ state: job.state, progress: job.progress }));
    const work = controllable();
    const job = queue.submit('test', 'a', work.run);
    work.context()?.reportProgress({ fraction: 0.5, message: 'half' });
    work.finish('done');
    await job.result;
    expect(seen.map((entry) => entry.state)).toEqual(['queued', 'running', 'running', 'succeeded']);
    expect(seen[2]?.progress).toEqual({ fraction: 0.5, message: 'half' });
  });

  it("cancels when the caller's own signal aborts (a client that went away)", async () => {
    const queue = new GenerationQueue({ capacity: 5 });
    const running = controllable();
    const caller = new AbortController();
    const job = queue.submit('test', 'a', running.run, caller.signal);
    const waitingCaller = new AbortController();
    const waiting = queue.submit('test', 'b', controllable().run, waitingCaller.signal);
    waitingCaller.abort();
    await expect(waiting.result).rejects.toMatchObject({ code: 'CANCELLED' });
    caller.abort();
    expect(running.context()?.signal.aborted).toBe(true);
    await expect(job.result).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
