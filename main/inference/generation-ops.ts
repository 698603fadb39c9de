// The host's generation ops: raw token generation and task pipelines, with cancellation, progress and metrics.
import type { HostRequestOf, HostResults, TokenProgress } from '../../contract/index.js';
import { toErrorPayload } from '../../contract/index.js';
import { KvBufferPool } from './decoding/kv-buffer-pool.js';
import { generate, type GenerateOptions } from './decoding/kv-generator.js';
import { readKvGeometry, type KvGeometry } from './decoding/kv-graph.js';
import type { ModelMetricsRecorder } from './model-metrics.js';
import type { ModelSession } from './model-session.js';
import type { SessionLease } from './session-cache.js';
import { buildConstraint } from './tasks/constraint-registry.js';
import type { TaskContext, TaskPipeline, TaskProgress } from './tasks/task-pipeline.js';
import { pipelineFor, pipelineParams } from './tasks/task-registry.js';

export interface GenerationOpsOptions {
  acquire: (modelPath: string, keepAliveMs?: number) => Promise<SessionLease>;
  metrics: ModelMetricsRecorder;
  postProgress: (id: number, progress: TokenProgress) => void;
  postTaskProgress: (id: number, progress: TaskProgress) => void;
  /** Resolves a task name to its pipeline (the registry, or test pipelines). */
  pipelineFor?: (task: string) => TaskPipeline;
}

/** Where a running request is: the step it reached, and the step at which a cancel arrived (if one did). */
interface Running {
  step: number;
  cancelledAtStep: number | null;
}

export class GenerationOps {
  private readonly running = new Map<number, Running>();
  private readonly geometries = new WeakMap<ModelSession, KvGeometry>();
  /** KV cache buffers kept between generations (already-touched memory: see kv-buffer-pool.ts). */
  private readonly cacheBuffers = new KvBufferPool();

  constructor(private readonly options: GenerationOpsOptions) {}

  async generate(request: HostRequestOf<'generate'>): Promise<HostResults['generate']> {
    return this.withModel(request.id, request.modelPath, request.keepAliveMs, async (lease, geometry, running) => {
      // Each report sends only what the rows gained since the last one (see hostMessageSchema).
      let lengths: number[] = [];
      const result = await this.decode(request.modelPath, lease, running, {
        prompt: request.prompt,
        batch: request.batch,
        maxNewTokens: request.maxNewTokens,
        sampling: request.sampling,
        seed: request.seed,
        stopTokens: request.stopTokens,
        maxPositions: request.maxPositions,
        constraint: buildConstraint(request.constraint, geometry),
        progressEvery: request.progressEvery,
        onProgress: (rows, step) => {
          const newTokens = rows.map((row, index) => row.slice(lengths[index] ?? 0));
          lengths = rows.map((row) => row.length);
          this.options.postProgress(request.id, { step, newTokens, lengths });
        },
      });
      if (running.cancelledAtStep !== null) result.stats.cancelledAtStep = running.cancelledAtStep;
      return result;
    });
  }

  async task(request: HostRequestOf<'task'>): Promise<unknown> {
    const pipeline = (this.options.pipelineFor ?? pipelineFor)(request.task);
    // Refused before the model loads: a request outside its task's schema never costs a session.
    const params = pipelineParams(pipeline, request.params);
    return this.withModel(request.id, request.modelPath, request.keepAliveMs, (lease, geometry, running) => {
      const context: TaskContext = {
        modelPath: request.modelPath,
        modelDir: request.modelDir,
        maxPositions: request.maxPositions,
        modelDefaults: request.modelDefaults ?? {},
        geometry,
        generate: (options) =>
          this.decode(request.modelPath, lease, running, { ...options, maxPositions: request.maxPositions }),
        reportProgress: (progress) => this.options.postTaskProgress(request.id, progress),
        isCancelled: () => running.cancelledAtStep !== null,
      };
      return pipeline.run(context, params);
    });
  }

  /** Marks a running request cancelled; it stops at its next step boundary. */
  cancel(targetId: number): HostResults['cancel'] {
    const running = this.running.get(targetId);
    if (!running) return { cancelled: false };
    running.cancelledAtStep ??= running.step;
    return { cancelled: true };
  }

  private async withModel<T>(
    id: number,
    modelPath: string,
    keepAliveMs: number | undefined,
    work: (lease: SessionLease, geometry: KvGeometry, running: Running) => Promise<T>,
  ): Promise<T> {
    const lease = await this.options.acquire(modelPath, keepAliveMs);
    const running: Running = { step: 0, cancelledAtStep: null };
    this.running.set(id, running);
    try {
      let geometry = this.geometries.get(lease.session);
      if (!geometry) {
        geometry = readKvGeometry(lease.session);
        this.geometries.set(lease.session, geometry);
      }
      return await work(lease, geometry, running);
    } catch (error) {
      // A request the caller got wrong is not a fault of the model: only failures of the run are counted.
      const payload = toErrorPayload(error);
      if (payload.code !== 'BAD_REQUEST') this.options.metrics.recordError(modelPath, payload.message);
      throw error;
    } finally {
      this.running.delete(id);
      lease.release();
    }
  }

  private async decode(modelPath: string, lease: SessionLease, running: Running, options: GenerateOptions) {
    const geometry = this.geometries.get(lease.session) ?? readKvGeometry(lease.session);
    const result = await generate(lease.session, geometry, {
      ...options,
      onProgress: (rows, step) => {
        this.options.metrics.samplePeak();
        options.onProgress?.(rows, step);
      },
      onStep: (step) => (running.step = step),
      shouldStop: () => running.cancelledAtStep !== null,
      cacheBuffers: this.cacheBuffers,
    });
    this.options.metrics.recordGeneration(
      modelPath,
      result.stats.newTokens,
      result.stats.totalMs,
      result.stats.firstTokenMs,
    );
    return result;
  }
}
