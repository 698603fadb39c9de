// The inference host's task pipelines, one per row of the task table (contract/task-table.ts), keyed by task name:
// the registry parses a request's params with the row's schema, so a pipeline receives them typed.
import { MosaicError, isTaskId, parseTaskParams, taskEntry, taskTable } from '../../../contract/index.js';
import { DungeonPipeline } from './dungeon/dungeon-pipeline.js';
import { LevelPipeline } from './level/level-pipeline.js';
import { createMusicPipelines } from './music/music-pipelines.js';
import type { TablePipeline, TaskPipeline } from './task-pipeline.js';

const pipelines: readonly TablePipeline[] = [...createMusicPipelines(), new LevelPipeline(), new DungeonPipeline()];

export const taskPipelines: ReadonlyMap<string, TablePipeline> = new Map(
  pipelines.map((pipeline) => [pipeline.task, pipeline]),
);

/** The pipeline of a task; a name outside the table, or a row this build has no pipeline for, is refused. */
export function pipelineFor(task: string): TaskPipeline {
  const entry = taskEntry(task);
  const pipeline = taskPipelines.get(entry.id);
  if (!pipeline) {
    const known = [...taskPipelines.keys()].join(', ') || 'none';
    throw new MosaicError('BAD_REQUEST', `This build has no pipeline for task "${task}" yet (it runs: ${known}).`);
  }
  return pipeline;
}

/**
 * A request's params as its pipeline takes them: parsed by the pipeline's row of the task table (BAD_REQUEST names the
 * field), or as sent for a pipeline outside the table (a test's).
 */
export function pipelineParams(pipeline: TaskPipeline, params: unknown): unknown {
  return isTaskId(pipeline.task) ? parseTaskParams(taskTable[pipeline.task], params) : params;
}
