// The host's pipeline registry is typed by the task table: it names the tasks that exist and parses params by row.
import { describe, expect, it } from 'vitest';
import { isTaskId, taskIds } from '../../../contract/index.js';
import type { TaskPipeline } from '../../../main/inference/tasks/task-pipeline.js';
import { pipelineFor, pipelineParams, taskPipelines } from '../../../main/inference/tasks/task-registry.js';

describe('the task registry', () => {
  it('registers pipelines only for rows of the task table, among them the music and level tasks', () => {
    expect([...taskPipelines.keys()].every(isTaskId)).toBe(true);
    for (const task of ['music.melody', 'music.drums', 'level.platformer']) expect(pipelineFor(task).task).toBe(task);
  });

  it('has a pipeline for every row of the task table', () => {
    expect([...taskPipelines.keys()].sort()).toEqual([...taskIds].sort());
  });

  it('refuses a task outside the table with the tasks that exist', () => {
    expect(() => pipelineFor('music.chords')).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(taskIds.join(', ')) }),
    );
  });

  it('hands a table pipeline its params parsed by the row, and a pipeline outside the table its params as sent', () => {
    expect(pipelineParams(pipelineFor('level.platformer'), undefined)).toMatchObject({ mode: 'generate', width: 100 });
    expect(() => pipelineParams(pipelineFor('music.melody'), { bars: 40 })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('music.melody params: bars') }),
    );
    const outside: TaskPipeline = { task: 'test.count', run: async (_context, params) => params };
    const sent = { anything: true };
    expect(pipelineParams(outside, sent)).toBe(sent);
  });
});
