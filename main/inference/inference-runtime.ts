// Answers the inference host protocol (contract/inference-host-protocol.ts): hello (provider choice), probe, run,
// sessions, generate with progress and cancel, metrics. It runs inside the inference host process, or in the caller's
// process through in-process-runtime.ts (tools, benchmarks, tests).
import * as ort from 'onnxruntime-node';
import type {
  ExecutionProviderReport,
  HostOp,
  HostRequest,
  HostRequestOf,
  HostResults,
  TensorPayload,
} from '../../contract/index.js';
import { MosaicError, toErrorPayload, type TokenProgress } from '../../contract/index.js';
import { planProviders, selectProvider } from './execution-providers.js';
import { ModelMetricsRecorder } from './model-metrics.js';
import { SessionCache, type SessionLease } from './session-cache.js';
import { GenerationOps } from './generation-ops.js';
import type { TaskPipeline, TaskProgress } from './tasks/task-pipeline.js';
import { fromOrtTensor, toOrtTensor } from './tensor-codec.js';
import type { ModelSession } from './model-session.js';
import { identifyInstalledGraph } from './remote/installed-graph.js';
import { OipGrpcClient, type OipServerTarget } from './remote/oip-grpc-client.js';
import { RemoteOipSession } from './remote/remote-oip-session.js';
import { KvSequenceStore } from './decoding/kv-sequence-store.js';
import { readKvGeometry } from './decoding/kv-graph.js';
import { isCacheInput } from '../../contract/open-inference.js';

export interface InferenceRuntimeOptions {
  probeModelPath: string;
  /** MOSAIC_EP, when the user forces a provider. */
  forcedProvider: string | undefined;
  platform: NodeJS.Platform;
  /** Enables ops that exist only for tests (debug.sleep). */
  debugOps: boolean;
  ortLogLevel?: 'verbose' | 'info' | 'warning' | 'error' | 'fatal';
  /** Soft memory limit for loaded sessions, in bytes. */
  sessionBudgetBytes: number;
  /** Threads per session for intra-op parallelism (0 = onnxruntime's default). */
  intraOpThreads?: number;
  /** Sends a generation's progress (the tokens each row gained since the last report) to main. */
  postProgress: (id: number, progress: TokenProgress) => void;
  /** Sends a task pipeline's progress to main. */
  postTaskProgress: (id: number, progress: TaskProgress) => void;
  /** Task pipelines by name (the registry unless a test injects its own). */
  pipelineFor?: (task: string) => TaskPipeline;
  /**
   * Run every graph on this Open Inference Protocol server over gRPC instead of onnxruntime here (Settings → Inference):
   * decoding stays in this process, each forward pass is one ModelInfer.
   */
  remote?: OipServerTarget;
}

export class InferenceRuntime {
  private providerReport: Promise<ExecutionProviderReport> | null = null;
  private chosenProvider: ExecutionProviderReport['inUse'] = 'cpu';
  private readonly sessions: SessionCache;
  private readonly metrics = new ModelMetricsRecorder();
  private readonly generation: GenerationOps;
  private readonly remote: OipGrpcClient | null;
  /** Decoder caches kept between `run` requests, per sequence (remote clients' steps). */
  private readonly kvSequences = new KvSequenceStore();

  constructor(private readonly options: InferenceRuntimeOptions) {
    // onnxruntime prints every refused provider as an error; those are expected and reported through the contract.
    ort.env.logLevel = options.ortLogLevel ?? 'fatal';
    this.remote = options.remote ? new OipGrpcClient(options.remote) : null;
    this.sessions = new SessionCache({
      createSession: (modelPath) => this.createSession(modelPath),
      provider: () => this.chosenProvider,
      budgetBytes: options.sessionBudgetBytes,
    });
    this.sessions.startSweeping();
    this.generation = new GenerationOps({
      acquire: (modelPath, keepAliveMs) => this.acquire(modelPath, keepAliveMs),
      metrics: this.metrics,
      postProgress: options.postProgress,
      postTaskProgress: options.postTaskProgress,
      ...(options.pipelineFor ? { pipelineFor: options.pipelineFor } : {}),
    });
  }

  handle(request: HostRequest): Promise<HostResults[HostOp]> {
    switch (request.op) {
      case 'hello':
        return this.hello();
      case 'probe':
        return this.probe(request);
      case 'run':
        return this.run(request);
      case 'session.load':
        return this.load(request);
      case 'session.unload':
        return this.sessions.unload(request.modelPath).then((unloaded) => ({ unloaded }));
      case 'sessions.list':
        return Promise.resolve({
          sessions: this.sessions.list(),
          rssBytes: this.metrics.samplePeak(),
          budgetBytes: this.sessions.budgetBytes,
        });
      case 'generate':
        return this.generation.generate(request);
      case 'task':
        return this.generation.task(request);
      case 'cancel':
        return Promise.resolve(this.generation.cancel(request.targetId));
      case 'metrics':
        return Promise.resolve({ ...this.metrics.report(), kvSequences: this.kvSequences.report() });
      case 'debug.sleep':
        return this.sleep(request);
    }
  }

  async dispose(): Promise<void> {
    this.kvSequences.dispose();
    await this.sessions.dispose();
    this.remote?.close();
  }

  /** onnxruntime's session of the graph file, or, with a remote backend, the server's model it was installed as. */
  private async createSession(modelPath: string): Promise<ModelSession> {
    if (this.remote) return RemoteOipSession.open(this.remote, await identifyInstalledGraph(modelPath));
    return ort.InferenceSession.create(modelPath, {
      executionProviders: [this.chosenProvider],
      graphOptimizationLevel: 'all',
      ...(this.options.intraOpThreads ? { intraOpNumThreads: this.options.intraOpThreads } : {}),
    });
  }

  private async hello(): Promise<HostResults['hello']> {
    return {
      pid: process.pid,
      onnxruntimeVersion: ort.env.versions.node ?? ort.env.versions.common,
      executionProvider: await this.executionProvider(),
    };
  }

  /** Chosen once per process, by loading the probe graph with each candidate in turn. */
  private executionProvider(): Promise<ExecutionProviderReport> {
    this.providerReport ??= (async () => {
      const plan = planProviders(this.options.platform, this.options.forcedProvider);
      const report = await selectProvider(plan, async (name) => {
        const session = await ort.InferenceSession.create(this.options.probeModelPath, { executionProviders: [name] });
        await session.release();
      });
      this.chosenProvider = report.inUse;
      return report;
    })();
    return this.providerReport;
  }

  private async probe(request: HostRequestOf<'probe'>): Promise<HostResults['probe']> {
    const rows = request.input.length;
    const data = Float32Array.from(request.input.flat());
    if (data.length !== rows * 4) throw new MosaicError('BAD_REQUEST', 'Each probe row must hold 4 numbers.');
    const { outputs, elapsedMs } = await this.run({
      id: request.id,
      op: 'run',
      modelPath: this.options.probeModelPath,
      feeds: { x: { type: 'float32', dims: [rows, 4], data } },
    });
    const y = Object.values(outputs)[0];
    if (!y) throw new MosaicError('INFERENCE_FAILED', 'The probe graph returned no output.');
    const width = y.dims[1] ?? 0;
    const values = Array.from(y.data as Float32Array);
    const output = Array.from({ length: rows }, (_, row) => values.slice(row * width, (row + 1) * width));
    return { output, elapsedMs };
  }

  private async run(request: HostRequestOf<'run'>): Promise<HostResults['run']> {
    const lease = await this.acquire(request.modelPath);
    try {
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, payload] of Object.entries(request.feeds)) feeds[name] = toOrtTensor(name, payload);
      const started = performance.now();
      const results = request.sequence
        ? await this.runInSequence(lease.session, request, feeds)
        : await runGraph(lease.session, feeds, request.outputs);
      const elapsedMs = performance.now() - started;
      const outputs: Record<string, TensorPayload> = {};
      for (const [name, value] of Object.entries(results)) outputs[name] = fromOrtTensor(value as ort.Tensor);
      return { outputs, elapsedMs };
    } finally {
      lease.release();
    }
  }

  /**
   * A decoder step on the cache this host keeps for the request's sequence: the feeds are input_ids and past_length,
   * the cache inputs come from the sequence, and kv_new goes into it (answered only when asked for by name).
   */
  private async runInSequence(
    session: ModelSession,
    request: HostRequestOf<'run'>,
    feeds: Record<string, ort.Tensor>,
  ): Promise<ort.InferenceSession.OnnxValueMapType> {
    const sequence = request.sequence!;
    const sent = Object.keys(feeds).filter((name) => isCacheInput(name));
    if (sent.length > 0) {
      throw new MosaicError(
        'BAD_REQUEST',
        `The cache of sequence ${sequence.id} is held here: leave ${sent.join(', ')} out of its steps.`,
      );
    }
    const ids = feeds.input_ids;
    const pastLength = feeds.past_length;
    if (!ids || ids.dims.length !== 2 || !pastLength || pastLength.type !== 'int64' || pastLength.size !== 1) {
      throw new MosaicError(
        'BAD_REQUEST',
        `A step of sequence ${sequence.id} needs input_ids [batch, tokens] and past_length [1].`,
      );
    }
    const [batch, newTokens] = ids.dims as [number, number];
    const step = {
      ...sequence,
      batch,
      pastLength: Number((pastLength.data as BigInt64Array)[0]),
    };
    const key = `${request.modelPath}\u0000${sequence.id}`;
    return this.kvSequences.step(
      key,
      () => readKvGeometry(session),
      step,
      newTokens,
      async (cache) => {
        const results = await runGraph(session, { ...cache.feeds, ...feeds });
        const kvNew = results.kv_new;
        if (!kvNew) throw new MosaicError('INFERENCE_FAILED', 'The graph did not return kv_new.');
        const wanted = request.outputs ?? Object.keys(results);
        const unknown = wanted.filter((name) => !results[name]);
        if (unknown.length > 0) throw new MosaicError('INFERENCE_FAILED', `The graph has no ${unknown.join(', ')}.`);
        return {
          kvNew: (kvNew as ort.Tensor).data as Float32Array,
          result: Object.fromEntries(wanted.map((name) => [name, results[name]!])),
        };
      },
    );
  }

  private async load(request: HostRequestOf<'session.load'>): Promise<HostResults['session.load']> {
    const lease = await this.acquire(request.modelPath, request.keepAliveMs);
    lease.release();
    const info = this.sessions.list().find((session) => session.modelPath === request.modelPath);
    if (!info) throw new MosaicError('MODEL_LOAD_FAILED', `${request.modelPath} was unloaded right after loading.`);
    return info;
  }

  private async acquire(modelPath: string, keepAliveMs?: number): Promise<SessionLease> {
    await this.executionProvider();
    const lease = await this.sessions.acquire(modelPath, keepAliveMs).catch((error: unknown) => {
      this.metrics.recordError(modelPath, toErrorPayload(error).message);
      throw error;
    });
    if (lease.loaded) this.metrics.recordLoad(modelPath, lease.loadMs);
    return lease;
  }

  private async sleep(request: HostRequestOf<'debug.sleep'>): Promise<HostResults['debug.sleep']> {
    if (!this.options.debugOps) throw new MosaicError('BAD_REQUEST', 'debug ops are disabled in this build.');
    await new Promise((resolve) => setTimeout(resolve, request.ms));
    return { sleptMs: request.ms };
  }
}

/** One forward pass; what onnxruntime refuses (sizes, indices) is an INFERENCE_FAILED with its words. */
async function runGraph(
  session: ModelSession,
  feeds: Record<string, ort.Tensor>,
  outputs?: readonly string[],
): Promise<ort.InferenceSession.OnnxValueMapType> {
  try {
    return outputs ? await session.run(feeds, outputs) : await session.run(feeds);
  } catch (error) {
    if (error instanceof MosaicError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new MosaicError('INFERENCE_FAILED', message);
  }
}
