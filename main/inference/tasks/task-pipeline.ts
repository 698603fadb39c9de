// What a task pipeline (levels, music, ...) gets from the host: its model, a decoder with cancel and metrics wired in,
// and a way to report progress. Adding a task is one pipeline file registered in task-registry.ts.
import type { GenerateOptions, GenerateResult } from '../decoding/kv-generator.js';
import type { KvGeometry } from '../decoding/kv-graph.js';

export interface TaskProgress {
  /** 0–1 when the pipeline knows how far it is. */
  fraction?: number;
  /** A short line for the user, e.g. "checking playability". */
  message?: string;
}

export interface TaskContext {
  /** The task model's graph file (mosaic-kv layout). */
  modelPath: string;
  /** The installed package's folder: tokenizer and vocabulary files the manifest lists sit here. */
  modelDir: string;
  /** The graph's learned-position limit, from the manifest. */
  maxPositions: number;
  geometry: KvGeometry;
  /** Decodes with this task's model; cancellation (a cancel naming the task request) stops it at a step boundary. */
  generate(options: Omit<GenerateOptions, 'maxPositions' | 'shouldStop' | 'onStep'>): Promise<GenerateResult>;
  reportProgress(progress: TaskProgress): void;
  /** True once the request was cancelled: long pipelines check it between their own stages. */
  isCancelled(): boolean;
}

export interface TaskPipeline {
  /** The manifest task it serves, e.g. `level.platformer`. */
  task: string;
  /** Validates `params` (with the task's contract schema) and returns a result matching the task's contract. */
  run(context: TaskContext, params: unknown): Promise<unknown>;
}
