// Runs the music task pipelines in-process on a package folder (real onnxruntime, the registered pipelines): for the
// metrics generator, the benchmark and the end-to-end tests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MusicResult } from '../../contract/music.js';
import { InferenceRuntime } from '../../main/inference/inference-runtime.js';
import { pipelineFor } from '../../main/inference/tasks/task-registry.js';
import { locateResources } from '../../main/platform/paths.js';

export type MusicVariant = 'fp32' | 'int8';

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
    const resources = locateResources();
    this.runtime = new InferenceRuntime({
      probeModelPath: resources.probeModel,
      forcedProvider: 'cpu',
      platform: process.platform,
      debugOps: false,
      sessionBudgetBytes: 256 * 2 ** 20,
      intraOpThreads,
      postProgress: () => undefined,
      postTaskProgress: () => undefined,
      pipelineFor,
    });
  }

  static exists(packageDir: string): boolean {
    return existsSync(join(packageDir, 'manifest.json'));
  }

  async run(task: 'music.melody' | 'music.drums', params: unknown): Promise<MusicResult> {
    const result = await this.runtime.handle({
      id: this.nextId++,
      op: 'task',
      task,
      modelPath: join(this.packageDir, graphFile(this.variant)),
      modelDir: this.packageDir,
      maxPositions: this.maxPositions,
      params,
    });
    return result as MusicResult;
  }

  async dispose(): Promise<void> {
    await this.runtime.dispose();
  }
}
