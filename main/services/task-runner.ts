// Runs a task pipeline (levels, music) for a front door: resolves the model, queues the job, runs it in the inference
// host with progress and cancel, and checks the result against the task's contract schema.
import type { z } from 'zod';
import type { ModelSelector, ResolvedModel } from '../../contract/index.js';
import { MosaicError } from '../../contract/index.js';
import type { CallContext } from './contract-dispatcher.js';
import type { GenerationQueue } from './generation-queue.js';
import type { InferenceHost } from './inference-host.js';
import type { ModelResolver } from './model-resolver.js';

export interface TaskRun<T> {
  model: ResolvedModel;
  jobId: string;
  result: T;
}

export class TaskRunner {
  constructor(
    private readonly host: InferenceHost,
    private readonly resolver: ModelResolver,
    private readonly queue: GenerationQueue,
  ) {}

  async run<S extends z.ZodType>(
    options: {
      /** The contract method, recorded as the job's kind. */
      kind: string;
      /** A short line for the jobs list, e.g. "8 bars, 4 variations". */
      label: string;
      selector: ModelSelector;
      /** The manifest task the model must serve. */
      task: string;
      params: unknown;
      resultSchema: S;
      keepAliveMs?: number;
    },
    context: CallContext,
  ): Promise<TaskRun<z.output<S>>> {
    const runnable = await this.resolver.resolve(options.selector);
    if (runnable.model.task !== options.task) {
      throw new MosaicError(
        'BAD_REQUEST',
        `${runnable.model.name}@${runnable.model.version} is a ${runnable.model.task} model, not ${options.task}.`,
      );
    }
    const label = `${runnable.model.name}@${runnable.model.version}: ${options.label}`;
    const submitted = this.queue.submit(
      options.kind,
      label,
      (job) =>
        this.host.request(
          {
            op: 'task',
            task: options.task,
            modelPath: runnable.graphPath,
            modelDir: runnable.modelDir,
            maxPositions: runnable.maxPositions,
            params: options.params,
            ...(options.keepAliveMs === undefined ? {} : { keepAliveMs: options.keepAliveMs }),
          },
          {
            signal: job.signal,
            onTaskProgress: ({ fraction, message }) =>
              job.reportProgress({
                ...(fraction === undefined ? {} : { fraction }),
                ...(message === undefined ? {} : { message }),
              }),
          },
        ),
      context.signal,
    );
    const raw = await submitted.result;
    const checked = options.resultSchema.safeParse(raw);
    if (!checked.success) {
      throw new MosaicError(
        'INTERNAL',
        `The ${options.task} pipeline answered outside its contract: ${checked.error.message}`,
      );
    }
    return { model: runnable.model, jobId: submitted.job.id, result: checked.data };
  }
}
