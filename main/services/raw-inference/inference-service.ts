// Token generation on installed models for the front doors: resolves the model, queues the work, runs it in the host.
import { randomInt } from 'node:crypto';
import type { ParsedRequestOf, ResponseOf } from '../../../contract/index.js';
import type { CallContext } from '../engine/contract-dispatcher.js';
import type { GenerationQueue } from '../engine/generation-queue.js';
import type { InferenceHostSupervisor } from '../inference-host-supervisor/inference-host-supervisor.js';
import type { ModelResolver } from '../model-library/model-resolver.js';

export class InferenceService {
  constructor(
    private readonly host: InferenceHostSupervisor,
    private readonly resolver: ModelResolver,
    private readonly queue: GenerationQueue,
  ) {}

  async generate(
    request: ParsedRequestOf<'inference.generate'>,
    context: CallContext,
  ): Promise<ResponseOf<'inference.generate'>> {
    const runnable = await this.resolver.resolve(request.model);
    const seed = request.seed ?? randomInt(0, 2 ** 32);
    const label = `${runnable.model.name}@${runnable.model.version}: ${request.variations} × ${request.maxNewTokens} tokens`;
    const submitted = this.queue.submit(
      'inference.generate',
      label,
      (job) =>
        this.host.request(
          {
            op: 'generate',
            modelPath: runnable.graphPath,
            prompt: request.prompt,
            batch: request.variations,
            maxNewTokens: request.maxNewTokens,
            sampling: request.sampling,
            seed,
            stopTokens: request.stopTokens,
            maxPositions: runnable.maxPositions,
            progressEvery: 16,
            ...(request.keepAliveMs === undefined ? {} : { keepAliveMs: request.keepAliveMs }),
          },
          {
            signal: job.signal,
            onProgress: (progress) => {
              const longest = Math.max(...progress.lengths);
              job.reportProgress({
                fraction: Math.min(1, longest / request.maxNewTokens),
                message: `${longest} of ${request.maxNewTokens} tokens`,
              });
            },
          },
        ),
      context.signal,
    );
    const result = await submitted.result;
    return {
      model: runnable.model,
      seed,
      tokens: result.rows,
      finish: result.finish,
      stats: result.stats,
      jobId: submitted.job.id,
    };
  }

  async load(request: ParsedRequestOf<'inference.load'>): Promise<ResponseOf<'inference.load'>> {
    const runnable = await this.resolver.resolve(request.model);
    const session = await this.host.request({
      op: 'session.load',
      modelPath: runnable.graphPath,
      ...(request.keepAliveMs === undefined ? {} : { keepAliveMs: request.keepAliveMs }),
    });
    return { ...session, model: runnable.model };
  }

  async unload(request: ParsedRequestOf<'inference.unload'>): Promise<ResponseOf<'inference.unload'>> {
    const runnable = await this.resolver.resolve(request.model);
    return this.host.request({ op: 'session.unload', modelPath: runnable.graphPath });
  }

  async sessions(): Promise<ResponseOf<'inference.sessions'>> {
    const report = await this.host.request({ op: 'sessions.list' });
    const sessions = await Promise.all(
      report.sessions.map(async (session) => ({ ...session, model: await this.resolver.identify(session.modelPath) })),
    );
    return { ...report, sessions };
  }

  async metrics(): Promise<ResponseOf<'inference.metrics'>> {
    const report = await this.host.request({ op: 'metrics' });
    const models = await Promise.all(
      report.models.map(async (entry) => ({ ...entry, model: await this.resolver.identify(entry.modelPath) })),
    );
    return { ...report, models };
  }
}
