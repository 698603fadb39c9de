// An InferenceRuntime inside the calling process — no host process, CPU only, onnxruntime quiet — for the tools,
// benchmarks and tests that drive task pipelines directly. The app itself always runs the runtime in the host.
import { InferenceRuntime } from './inference-runtime.js';
import type { TaskPipeline, TaskProgress } from './tasks/task-pipeline.js';
import { locateResources } from '../platform/paths.js';
import type { OipServerTarget } from './remote/oip-grpc-client.js';

export interface InProcessRuntimeOptions {
  /** The pipelines it serves; by default those of the task registry. */
  pipelines?: readonly TaskPipeline[];
  /** Threads per session (0 = onnxruntime's default of one per core). */
  intraOpThreads?: number;
  /** Receives every task's progress. */
  onTaskProgress?: (id: number, progress: TaskProgress) => void;
  /** Run every graph on this Open Inference Protocol server over gRPC (the remote backend). */
  remote?: OipServerTarget;
}

export function createInProcessRuntime(options: InProcessRuntimeOptions = {}): InferenceRuntime {
  const { pipelines } = options;
  return new InferenceRuntime({
    probeModelPath: locateResources().probeModel,
    forcedProvider: 'cpu',
    platform: process.platform,
    debugOps: false,
    sessionBudgetBytes: 256 * 2 ** 20,
    ...(options.intraOpThreads !== undefined ? { intraOpThreads: options.intraOpThreads } : {}),
    postProgress: () => undefined,
    postTaskProgress: options.onTaskProgress ?? (() => undefined),
    ...(options.remote ? { remote: options.remote } : {}),
    ...(pipelines
      ? {
          pipelineFor: (task: string) => {
            const pipeline = pipelines.find((candidate) => candidate.task === task);
            if (!pipeline) throw Object.assign(new Error(`No pipeline for task ${task}.`), { code: 'BAD_REQUEST' });
            return pipeline;
          },
        }
      : {}),
  });
}
