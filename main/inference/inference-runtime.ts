// Answers the host protocol's ops: hello (versions + provider choice), probe, run, and test-only debug ops.
import * as ort from 'onnxruntime-node';
import type {
  ExecutionProviderReport,
  HostOp,
  HostRequest,
  HostRequestOf,
  HostResults,
  TensorPayload,
} from '../../contract/index.js';
import { MosaicError } from '../../contract/index.js';
import { planProviders, selectProvider } from './execution-providers.js';
import { SessionCache } from './session-cache.js';
import { fromOrtTensor, toOrtTensor } from './tensor-codec.js';

export interface InferenceRuntimeOptions {
  probeModelPath: string;
  /** MOSAIC_EP, when the user forces a provider. */
  forcedProvider: string | undefined;
  platform: NodeJS.Platform;
  /** Enables ops that exist only for tests (debug.sleep). */
  debugOps: boolean;
  ortLogLevel?: 'verbose' | 'info' | 'warning' | 'error' | 'fatal';
}

export class InferenceRuntime {
  private providerReport: Promise<ExecutionProviderReport> | null = null;
  private chosenProvider: ExecutionProviderReport['inUse'] = 'cpu';
  private readonly sessions = new SessionCache(() => this.chosenProvider);

  constructor(private readonly options: InferenceRuntimeOptions) {
    // onnxruntime prints every refused provider as an error; those are expected and reported through the contract.
    // MOSAIC_ORT_LOG_LEVEL (verbose|info|warning|error|fatal) brings its own log back when diagnosing.
    ort.env.logLevel = options.ortLogLevel ?? 'fatal';
  }

  handle(request: HostRequest): Promise<HostResults[HostOp]> {
    switch (request.op) {
      case 'hello':
        return this.hello();
      case 'probe':
        return this.probe(request);
      case 'run':
        return this.run(request);
      case 'debug.sleep':
        return this.sleep(request);
    }
  }

  async dispose(): Promise<void> {
    await this.sessions.disposeAll();
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
        const session = await ort.InferenceSession.create(this.options.probeModelPath, {
          executionProviders: [name],
        });
        await session.release();
      });
      this.chosenProvider = report.inUse;
      return report;
    })();
    return this.providerReport;
  }

  private async probe(request: HostRequestOf<'probe'>): Promise<HostResults['probe']> {
    await this.executionProvider();
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
    await this.executionProvider();
    const session = await this.sessions.get(request.modelPath);
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, payload] of Object.entries(request.feeds)) feeds[name] = toOrtTensor(name, payload);
    const started = performance.now();
    let results: ort.InferenceSession.OnnxValueMapType;
    try {
      results = request.outputs ? await session.run(feeds, request.outputs) : await session.run(feeds);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new MosaicError('INFERENCE_FAILED', message);
    }
    const elapsedMs = performance.now() - started;
    const outputs: Record<string, TensorPayload> = {};
    for (const [name, value] of Object.entries(results)) outputs[name] = fromOrtTensor(value as ort.Tensor);
    return { outputs, elapsedMs };
  }

  private async sleep(request: HostRequestOf<'debug.sleep'>): Promise<HostResults['debug.sleep']> {
    if (!this.options.debugOps) throw new MosaicError('BAD_REQUEST', 'debug ops are disabled in this build.');
    await new Promise((resolve) => setTimeout(resolve, request.ms));
    return { sleptMs: request.ms };
  }
}
