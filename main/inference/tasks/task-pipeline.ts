// What a task pipeline (levels, music, ...) gets from the host: its model, a decoder with cancel and metrics wired in,
// and a way to report progress. Adding a task is a row in contract/task-table.ts and one pipeline file registered in
// task-registry.ts.
import type { PartialSong, TaskId, TaskParams, TaskResult } from '../../../contract/index.js';
import type { GenerateOptions, GenerateResult } from '../decoding/kv-generator.js';
import type { KvGeometry } from '../decoding/kv-graph.js';

export interface TaskProgress {
  /** 0–1 when the pipeline knows how far it is. */
  fraction?: number;
  /** A short line for the user, e.g. "checking playability". */
  message?: string;
  /** What the task has written so far, where it can tell (music.arrange: the song, cell by cell). */
  partial?: PartialSong;
}

export interface TaskContext {
  /** The task model's graph file (mosaic-kv layout). */
  modelPath: string;
  /** The installed package's folder: tokenizer and vocabulary files the manifest lists sit here. */
  modelDir: string;
  /** The graph's learned-position limit, from the manifest. */
  maxPositions: number;
  /** The manifest's `defaults` ({} when the caller sent none). */
  modelDefaults: Readonly<Record<string, unknown>>;
  geometry: KvGeometry;
  /** Decodes with this task's model; cancellation (a cancel naming the task request) stops it at a step boundary. */
  generate(options: Omit<GenerateOptions, 'maxPositions' | 'shouldStop' | 'onStep'>): Promise<GenerateResult>;
  reportProgress(progress: TaskProgress): void;
  /** True once the request was cancelled: long pipelines check it between their own stages. */
  isCancelled(): boolean;
}

/**
 * The pipeline of a task. For a row of the task table (`TaskPipeline<'music.arrange'>`) the host hands `run` the params
 * already parsed by the row's schema, and `run` answers the row's result; a task outside the table (a test's) gets
 * its params as sent and answers anything.
 */
export interface TaskPipeline<Id extends string = string> {
  /** The manifest task it serves, e.g. `level.platformer`. */
  readonly task: Id;
  run(context: TaskContext, params: PipelineParams<Id>): Promise<PipelineResult<Id>>;
}

type PipelineParams<Id extends string> = Id extends TaskId ? TaskParams<Id> : unknown;
type PipelineResult<Id extends string> = Id extends TaskId ? TaskResult<Id> : unknown;

/** A pipeline for some row of the task table: what the registry holds. */
export type TablePipeline = { [Id in TaskId]: TaskPipeline<Id> }[TaskId];
