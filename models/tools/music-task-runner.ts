// Runs the music task pipelines in-process on a package folder (real onnxruntime, the registered pipelines): for the
// metrics generator, the benchmark and the end-to-end tests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskId, TaskResult } from '../../contract/index.js';
import { createInProcessRuntime } from '../../main/inference/in-process-runtime.js';
import type { InferenceRuntime } from '../../main/inference/inference-runtime.js';

export type MusicVariant = 'fp32' | 'int8';
/** The music rows of the task table. */
export type MusicTaskId = Extract<TaskId, `music.${string}`>;

/** The graph file of a variant inside a music package. */
export function graphFile(variant: MusicVariant): string {
  return variant === 'int8' ? 'model.int8.onnx' : 'model.onnx';
}

export class MusicTaskRunner {
  private readonly runtime: InferenceRuntime;
  private readonly maxPositions: number;
  private nextId = 1;

  constructor(
    readonly packageDir: string,
    readonly variant: MusicVariant = 'int8',
    intraOpThreads = 1,
  ) {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'manifest.json'), 'utf8')) as { maxPositions?: number };
    if (!manifest.maxPositions) throw new Error(`${packageDir}/manifest.json has no maxPositions`);
    this.maxPositions = manifest.maxPositions;
    this.runtime = createInProcessRuntime({ intraOpThreads });
  }

  static exists(packageDir: string): boolean {
    return existsSync(join(packageDir, 'manifest.json'));
  }

  /** Runs a music task; `params` go as given (the host parses them with the task's row, as in the app). */
  async run<Id extends MusicTaskId>(task: Id, params: unknown): Promise<TaskResult<Id>> {
    const result = await this.runtime.handle({
      id: this.nextId++,
      op: 'task',
      task,
      modelPath: join(this.packageDir, graphFile(this.variant)),
      modelDir: this.packageDir,
      maxPositions: this.maxPositions,
      params,
    });
    return result as TaskResult<Id>;
  }

  async dispose(): Promise<void> {
    await this.runtime.dispose();
  }
}
