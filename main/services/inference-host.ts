// Starts and supervises the inference host process: requests fail with a clear code when it dies, and it restarts.
import type {
  GenerationProgress,
  HelloResult,
  TaskProgressMessage,
  HostOp,
  HostRequestOf,
  HostResults,
  InferenceHostStatus,
} from '../../contract/index.js';
import { MosaicError, hostMessageSchema } from '../../contract/index.js';
import type { HostProcess, HostProcessExit, HostProcessLauncher } from '../platform/host-process.js';
import type { Logger } from '../platform/logger.js';

export interface InferenceHostOptions {
  launcher: HostProcessLauncher;
  /** Compiled entry file of the host process. */
  entry: string;
  /** Environment for the host (MOSAIC_PROBE_MODEL, MOSAIC_EP, ...). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Crashes tolerated inside `crashWindowMs` before the host is declared failed. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** First restart delay; doubles per crash inside the window. */
  restartDelayMs?: number;
  /** How long a request waits for a host that is starting before it fails. */
  startTimeoutMs?: number;
}

interface Pending {
  op: HostOp;
  resolve: (value: unknown) => void;
  reject: (error: MosaicError) => void;
  onProgress?: (progress: GenerationProgress) => void;
  onTaskProgress?: (progress: TaskProgressMessage) => void;
}

/** Per-request options: a progress listener (generations) and a signal that cancels the request in the host. */
export interface RequestOptions {
  onProgress?: (progress: GenerationProgress) => void;
  onTaskProgress?: (progress: TaskProgressMessage) => void;
  signal?: AbortSignal;
}

type RequestBody<Op extends HostOp> = Omit<HostRequestOf<Op>, 'id'> & { op: Op };

export class InferenceHost {
  private process: HostProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashTimes: number[] = [];
  private ready: Promise<HelloResult> | null = null;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private everStarted = false;
  private disposed = false;
  private readonly listeners = new Set<(status: InferenceHostStatus) => void>();
  private current: InferenceHostStatus = {
    state: 'stopped',
    pid: null,
    restarts: 0,
    onnxruntimeVersion: null,
    executionProvider: null,
    lastExit: null,
  };

  constructor(private readonly options: InferenceHostOptions) {}

  status(): InferenceHostStatus {
    return { ...this.current };
  }

  onDidChangeState(listener: (status: InferenceHostStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Spawns the host (if it is not running) and resolves once it has said hello. */
  async start(): Promise<HelloResult> {
    const { state } = this.current;
    if (state === 'stopped' || state === 'failed') {
      if (this.disposed) throw new MosaicError('INFERENCE_HOST_UNAVAILABLE', 'The inference host was stopped.');
      this.everStarted = true;
      this.crashTimes = [];
      return this.spawn();
    }
    if (state === 'restarting') await this.whenReady();
    if (!this.ready) throw new MosaicError('INFERENCE_HOST_UNAVAILABLE', 'The inference host is not running.');
    return this.ready;
  }

  /** Sends one request; rejects with INFERENCE_HOST_CRASHED if the process dies before answering. */
  async request<Op extends HostOp>(body: RequestBody<Op>, options: RequestOptions = {}): Promise<HostResults[Op]> {
    options.signal?.throwIfAborted();
    // Started lazily by the first request, so commands that never infer never spawn a process.
    if (!this.everStarted && !this.disposed) this.start().catch(() => undefined);
    if (this.current.state === 'stopped' || this.current.state === 'failed') {
      throw new MosaicError(
        'INFERENCE_HOST_UNAVAILABLE',
        `The inference host is ${this.current.state}${this.current.lastExit ? ` (${this.current.lastExit})` : ''}.`,
      );
    }
    await this.whenReady();
    return this.send(body, this.process, options);
  }

  /** Stops the host for good; pending requests fail with INFERENCE_HOST_UNAVAILABLE. */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const running = this.process;
    this.process = null;
    this.failPending('INFERENCE_HOST_UNAVAILABLE', 'The inference host was stopped.');
    this.update({ state: 'stopped', pid: null });
    running?.kill();
  }

  /** Resolves when the host is ready; fails if it stops, fails, or takes longer than startTimeoutMs. */
  private whenReady(): Promise<void> {
    if (this.current.state === 'ready' && this.process) return Promise.resolve();
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: MosaicError): void => {
        clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () =>
          finish(
            new MosaicError('INFERENCE_HOST_UNAVAILABLE', `The inference host did not start within ${timeoutMs} ms.`),
          ),
        timeoutMs,
      );
      const unsubscribe = this.onDidChangeState((status) => {
        if (status.state === 'ready') finish();
        else if (status.state === 'failed' || status.state === 'stopped') {
          finish(new MosaicError('INFERENCE_HOST_UNAVAILABLE', `The inference host is ${status.state}.`));
        }
      });
    });
  }

  private spawn(): Promise<HelloResult> {
    const child = this.options.launcher.launch(this.options.entry, this.options.env);
    this.process = child;
    this.update({ state: 'starting', pid: child.pid });
    child.onMessage((message) => this.receive(child, message));
    child.onExit((exit) => this.handleExit(child, exit));
    this.ready = this.send({ op: 'hello' }, child).then(
      (hello) => {
        if (this.process === child) {
          this.update({
            state: 'ready',
            pid: hello.pid,
            onnxruntimeVersion: hello.onnxruntimeVersion,
            executionProvider: hello.executionProvider,
          });
          this.options.logger.info('inference host ready', { pid: hello.pid, provider: hello.executionProvider.inUse });
        }
        return hello;
      },
      (error: unknown) => {
        // A host that is alive but cannot say hello (no provider loads the probe) is unusable: stop, don't loop.
        const crashed = error instanceof MosaicError && error.code === 'INFERENCE_HOST_CRASHED';
        if (!crashed && this.process === child) {
          const message = error instanceof Error ? error.message : String(error);
          this.process = null;
          this.update({ state: 'failed', pid: null, lastExit: `start-up failed: ${message}` });
          child.kill();
        }
        throw error;
      },
    );
    // Nobody may be waiting on this attempt; a crash during start is handled by handleExit.
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private send<Op extends HostOp>(
    body: RequestBody<Op>,
    target = this.process,
    options: RequestOptions = {},
  ): Promise<HostResults[Op]> {
    if (!target) {
      return Promise.reject(new MosaicError('INFERENCE_HOST_UNAVAILABLE', 'The inference host is not running.'));
    }
    const id = this.nextId++;
    const { signal, onProgress, onTaskProgress } = options;
    return new Promise<HostResults[Op]>((resolve, reject) => {
      // Aborting asks the host to stop at its next step; the request still settles with the host's answer.
      const abort = (): void => target.send({ op: 'cancel', targetId: id, id: this.nextId++ });
      signal?.addEventListener('abort', abort, { once: true });
      const settle =
        <T>(finish: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', abort);
          finish(value);
        };
      this.pending.set(id, {
        op: body.op,
        resolve: settle(resolve as (value: unknown) => void),
        reject: settle(reject),
        ...(onProgress ? { onProgress } : {}),
        ...(onTaskProgress ? { onTaskProgress } : {}),
      });
      target.send({ ...body, id });
    });
  }

  private receive(from: HostProcess, message: unknown): void {
    if (from !== this.process) return;
    const parsed = hostMessageSchema.safeParse(message);
    if (!parsed.success) {
      this.options.logger.warn('ignored a malformed message from the inference host');
      return;
    }
    const reply = parsed.data;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'progress') {
      waiting.onProgress?.(reply);
      return;
    }
    if (reply.kind === 'task-progress') {
      waiting.onTaskProgress?.(reply);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(MosaicError.from(reply.error));
  }

  private handleExit(child: HostProcess, exit: HostProcessExit): void {
    if (child !== this.process) return;
    this.process = null;
    const reason = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
    this.options.logger.warn('inference host exited', { reason });
    this.failPending(
      'INFERENCE_HOST_CRASHED',
      `The inference process stopped (${reason}) before answering; it is being restarted.`,
    );

    const now = Date.now();
    const windowMs = this.options.crashWindowMs ?? 60_000;
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < windowMs), now];
    if (this.crashTimes.length > (this.options.maxCrashes ?? 5)) {
      this.update({ state: 'failed', pid: null, lastExit: `${reason}; too many crashes, not restarting` });
      return;
    }
    this.update({ state: 'restarting', pid: null, lastExit: reason, restarts: this.current.restarts + 1 });
    const delay = (this.options.restartDelayMs ?? 100) * 2 ** (this.crashTimes.length - 1);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.current.state === 'restarting') this.spawn();
    }, delay);
  }

  private failPending(code: 'INFERENCE_HOST_CRASHED' | 'INFERENCE_HOST_UNAVAILABLE', message: string): void {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(new MosaicError(code, `${message} (request: ${waiting.op})`));
    }
  }

  private update(change: Partial<InferenceHostStatus>): void {
    this.current = { ...this.current, ...change };
    const snapshot = this.status();
    for (const listener of this.listeners) listener(snapshot);
  }
}
