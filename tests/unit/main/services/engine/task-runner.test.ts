// TaskRunner runs a row of the task table: the row's default model, its id to the host, its result schema on the answer.
import { describe, expect, it } from 'vitest';
import type { HostRequestOf, ModelSelector } from '../../../../../contract/index.js';
import { taskIds, taskTable } from '../../../../../contract/index.js';
import { GenerationQueue } from '../../../../../main/services/engine/generation-queue.js';
import type { RunnableModel } from '../../../../../main/services/model-library/model-resolver.js';
import { TaskRunner } from '../../../../../main/services/engine/task-runner.js';
import { musicRunFixture } from '../../../../support/studio-runs.js';

const context = { origin: 'internal' } as const;

/** A runner over a library whose every model serves `task`, and a host that answers `answer` to each task request. */
function runnerWith(task: string, answer: unknown = musicRunFixture().result) {
  const resolved: ModelSelector[] = [];
  const sent: Omit<HostRequestOf<'task'>, 'id'>[] = [];
  const resolver = {
    resolve: async (selector: ModelSelector): Promise<RunnableModel> => {
      resolved.push(selector);
      return {
        model: { name: selector.name, version: '1.0.0', precision: 'fp32', digest: 'cd'.repeat(32), task },
        graphPath: '/store/graph.onnx',
        modelDir: `/store/${selector.name}`,
        maxPositions: 256,
        defaults: {},
      };
    },
  };
  const host = {
    request: async (body: Omit<HostRequestOf<'task'>, 'id'>) => {
      sent.push(body);
      return answer;
    },
  };
  const runner = new TaskRunner(host as never, resolver, new GenerationQueue({ capacity: 4 }));
  return { runner, resolved, sent };
}

describe('TaskRunner', () => {
  it("runs a row with its default model, sends its id and params, and answers the row's typed result", async () => {
    const { runner, resolved, sent } = runnerWith('music.melody');
    const run = await runner.run(
      taskTable['music.melody'],
      { kind: 'music.generate', label: '1 × 1 bars', params: { bars: 1, seed: 3 } },
      context,
    );
    expect(resolved).toEqual([{ name: taskTable['music.melody'].defaultModel }]);
    expect(sent).toMatchObject([
      { op: 'task', task: 'music.melody', params: { bars: 1, seed: 3 }, modelDir: '/store/music-melody' },
    ]);
    expect(run.model).toMatchObject({ name: 'music-melody', task: 'music.melody' });
    // Typed by the row: a MusicResult's fields, without a cast.
    expect(run.result.variations[0]!.notes).toHaveLength(2);
  });

  it('runs music.arrange by its row the same way, typed by it', async () => {
    const arranged = {
      task: 'music.arrange',
      ticksPerBeat: 480,
      tempo: 96,
      timeSignature: [4, 4],
      bars: 8,
      style: 'pop',
      drumStyle: 'pop',
      form: 'AABA',
      conditioning: [],
      variations: [],
      timing: { totalMs: 1, tokensPerSecond: 1 },
    };
    const { runner, resolved, sent } = runnerWith('music.arrange', arranged);
    const run = await runner.run(
      taskTable['music.arrange'],
      { kind: 'music.arrange', label: '8 bars', params: { bars: 8, form: 'AABA', tracks: ['melody', 'bass'] } },
      context,
    );
    expect(resolved).toEqual([{ name: 'music-arrange' }]);
    expect(sent[0]).toMatchObject({ task: 'music.arrange', params: { form: 'AABA' } });
    const form: string | undefined = run.result.form;
    expect(form).toBe('AABA');
  });

  it('runs the model a request names instead of the default', async () => {
    const { runner, resolved } = runnerWith('music.melody');
    await runner.run(
      taskTable['music.melody'],
      { kind: 'music.generate', label: 'x', model: { name: 'my-melody', version: '2.0.0' }, params: {} },
      context,
    );
    expect(resolved).toEqual([{ name: 'my-melody', version: '2.0.0' }]);
  });

  it('refuses a model whose manifest names a task outside the table, saying which tasks exist, before queuing', async () => {
    const { runner, sent } = runnerWith('music.chords');
    const refused = runner.run(taskTable['music.melody'], { kind: 'music.generate', label: 'x', params: {} }, context);
    await expect(refused).rejects.toMatchObject({ code: 'INCOMPATIBLE_MODEL', details: { task: 'music.chords' } });
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toContain('"music.chords"');
    for (const task of taskIds) expect(message).toContain(task);
    expect(sent).toEqual([]);
  });

  it('refuses a model of another task of the table as a bad request', async () => {
    const { runner, sent } = runnerWith('level.platformer');
    await expect(
      runner.run(taskTable['music.drums'], { kind: 'music.drums', label: 'x', params: {} }, context),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('is a level.platformer model, not music.drums'),
    });
    expect(sent).toEqual([]);
  });

  it("checks the answer against the row's result schema", async () => {
    const { runner } = runnerWith('level.platformer', musicRunFixture().result);
    await expect(
      runner.run(
        taskTable['level.platformer'],
        { kind: 'levels.generate', label: 'x', params: { mode: 'generate' } },
        context,
      ),
    ).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('The level.platformer pipeline answered outside its contract'),
    });
  });
});
