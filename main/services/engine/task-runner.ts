// Runs a task of the task table (contract/task-table.ts) for a front door: resolves the model, queues the job, runs it
// in the inference host with progress and cancel, and checks the result against the task's row.
import type {
  ModelSelector,
  ResolvedModel,
  TaskId,
  TaskParamsInput,
  TaskResult,
  TaskSpec,
} from '../../../contract/index.js';
import { MosaicError, isTaskId, summarizeIssues, taskIds } from '../../../contract/index.js';
import type { CallContext } from './contract-dispatcher.js';
import type { GenerationQueue } from './generation-queue.js';
import type { InferenceHostSupervisor } from '../inference-host-supervisor/inference-host-supervisor.js';
import type { ModelResolver } from '../model-library/model-resolver.js';

export interface TaskRun<T> {
  model: ResolvedModel;
  jobId: string;
  result: T;
}

/** One run of a task: what the job is called, which model runs it and the params it is given. */
export interface TaskRequest<Id extends TaskId> {
  /** The contract method, recorded as the job's kind. */
  kind: string;
  /** A short line for the jobs list, e.g. "8 bars, 4 variations". */
  label: string;
  /** The model to run; by default the active version of the task's default model. */
  model?: ModelSelector;
  params: TaskParamsInput<Id>;
  keepAliveMs?: number;
}

export class TaskRunner {
  constructor(
    private readonly host: Pick<InferenceHostSupervisor, 'request'>,
    private readonly resolver: Pick<ModelResolver, 'resolve'>,
    private readonly queue: GenerationQueue,
  ) {}

  /** Runs `task` (a row: `taskTable['music.arrange']`) and answers its typed, checked result. */
  async run<Id extends TaskId>(
    task: TaskSpec<Id>,
    request: TaskRequest<Id>,
    context: CallContext,
  ): Promise<TaskRun<TaskResult<Id>>> {
    const runnable = await this.resolver.resolve(request.model ?? { name: task.defaultModel });
    checkServes(runnable.model, task);
    const label = `${runnable.model.name}@${runnable.model.version}: ${request.label}`;
    const submitted = this.queue.submit(
      request.kind,
      label,
      (job) =>
        this.host.request(
          {
            op: 'task',
            task: task.id,
            modelPath: runnable.graphPath,
            modelDir: runnable.modelDir,
            maxPositions: runnable.maxPositions,
            modelDefaults: runnable.defaults,
            params: request.params,
            ...(request.keepAliveMs === undefined ? {} : { keepAliveMs: request.keepAliveMs }),
          },
          {
            signal: job.signal,
            onTaskProgress: ({ fraction, message, partial }) =>
              job.reportProgress({
                ...(fraction === undefined ? {} : { fraction }),
                ...(message === undefined ? {} : { message }),
                ...(partial === undefined ? {} : { partial }),
              }),
          },
        ),
      context.signal,
    );
    const raw = await submitted.result;
    const checked = task.result.safeParse(raw);
    if (!checked.success) {
      throw new MosaicError(
        'INTERNAL',
        `The ${task.id} pipeline answered outside its contract: ${summarizeIssues(checked.error.issues)}`,
      );
    }
    return { model: runnable.model, jobId: submitted.job.id, result: checked.data as TaskResult<Id> };
  }
}

/**
 * Refuses a model whose manifest names another task: INCOMPATIBLE_MODEL (with the tasks this app runs) for a task
 * outside the table, such as one made for a newer app; BAD_REQUEST for a model of another task of the table.
 */
function checkServes(model: ResolvedModel, task: TaskSpec): void {
  if (model.task === task.id) return;
  const label = `${model.name}@${model.version}`;
  if (!isTaskId(model.task)) {
    throw new MosaicError(
      'INCOMPATIBLE_MODEL',
      `${label} is a model for task "${model.task}", which this app has no pipeline for (its tasks: ` +
        `${taskIds.join(', ')}). Choose a ${task.id} model, such as ${task.defaultModel}, or update the app.`,
      { task: model.task, tasks: taskIds },
    );
  }
  throw new MosaicError(
    'BAD_REQUEST',
    `${label} is a ${model.task} model, not ${task.id}. Choose a ${task.id} model, such as ${task.defaultModel}.`,
  );
}
