// The table of task pipelines the inference host can run, keyed by the manifest's task name.
import { MosaicError } from '../../../contract/index.js';
import { LevelPipeline } from './level/level-pipeline.js';
import { ArrangePipeline } from './music/arrange/arrange-pipeline.js';
import { createMusicPipelines } from './music/music-pipelines.js';
import type { TaskPipeline } from './task-pipeline.js';

const pipelines: TaskPipeline[] = [...createMusicPipelines(), new LevelPipeline(), new ArrangePipeline()];

export const taskPipelines: ReadonlyMap<string, TaskPipeline> = new Map(
  pipelines.map((pipeline) => [pipeline.task, pipeline]),
);

export function pipelineFor(task: string): TaskPipeline {
  const pipeline = taskPipelines.get(task);
  if (!pipeline) {
    const known = [...taskPipelines.keys()].join(', ') || 'none';
    throw new MosaicError('BAD_REQUEST', `No pipeline for task "${task}" (known: ${known}).`);
  }
  return pipeline;
}
