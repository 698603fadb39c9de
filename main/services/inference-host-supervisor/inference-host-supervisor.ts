// Starts and supervises the inference host process: requests fail with a clear code when it dies, and it restarts,
// backing off (1 s, 2 s, 4 s … 30 s) through a crash storm instead of giving up. States: contract/system.ts.
import type {
  GenerationProgress,
  HelloResult,
  TaskProgressMessage,
  HostOp,
  HostRequestOf,
  HostResults,
  InferenceHostStatus,
} from '../../../contract/index.js';
import { MosaicError, hostMessageSchema } from '../../../contract/index.js';
import type { HostProcess, HostProcessExit, HostProcessLauncher } from '../../platform/host-process.js';
import type { Logger } from '../../platform/logger.js';
import { systemClock, type Clock, type TimerHandle } from '../../platform/clock.js';

export interface InferenceHostSupervisorOptions {
  launcher: HostProcessLauncher;
  /** Compiled entry file of the host process. */
  entry: string;
  /** Environment for the host (MOSAIC_PROBE_MODEL, MOSAIC_EP, ...). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Crashes inside `crashWindowMs` that get quick restarts; one more is a crash storm, answered by backing off. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** First quick restart delay; doubles per crash inside the window. */
  restartDelayMs?: number;
  /** First wait of a crash storm (default 1 s); doubles per further crash up to `maxBackoffMs` (default 30 s). */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** How long a request waits for a host that is starting before it fails. */
  startTimeoutMs?: number;
  /** Time and timers (tests pass a manual clock). */
  clock?: Clock;
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

export class InferenceHostSupervisor {
  private process: HostProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashTimes: number[] = [];
  private ready: Promise<HelloResult> | null = null;
  private restartTimer: TimerHandle | null = null;
  /** Waits taken in the current crash storm; 0 outside one. */
  private backoffStep = 0;
  private everStarted = false;
  private disposed = false;
  private readonly listeners = new Set<(status: InferenceHostStatus) => void>();
  private current: InferenceHostStatus = {
    state: 'stopped',
    pid: null,
    restarts: 0,
    recentCrashes: 0,
    nextRetryAt: null,
    onnxruntimeVersion: null,
    executionProvider: null,
    lastExit: null,
  };

  private readonly clock: Clock;

  constructor(private options: InferenceHostSupervisorOptions) {
    this.clock = options.clock ?? systemClock;
  }

  status(): InferenceHostStatus {
    return { ...this.current };
  }

  onDidChangeState(listener: (status: InferenceHostStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Why the host cannot answer now (for readiness probes and doctor), or null when it is ready. */
  notReadyReason(): string | null {
    const { state, lastExit } = this.current;
    if (state === 'ready') return null;
    if (state === 'backing-off') return this.backingOffError().message;
    if (state === 'restarting') return `The inference host is restarting after it stopped (${lastExit ?? 'unknown'}).`;
    if (state === 'failed') return `The inference host failed: ${lastExit ?? 'unknown reason'}.`;
    return state === 'starting' ? 'The inference host is starting.' : 'The inference host is not running.';
  }

  /** Spawns the host (if it is not running) and resolves once it has said hello. */
  async start(): Promise<HelloResult> {
    const { state } = this.current;
    if (state === 'backing-off') throw this.backingOffError();
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
    if (this.current.state === 'backing-off') throw this.backingOffError();
    if (this.current.state === 'stopped' || this.current.state === 'failed') {
      throw new MosaicError(
        'INFERENCE_HOST_UNAVAILABLE',
        `The inference host is ${this.current.state}${this.current.lastExit ? ` (${this.current.lastExit})` : ''}.`,
      );
    }
    await this.whenReady();
    return this.send(body, this.process, options);
  }

  /**
   * Changes the host's environment (`undefined` removes a variable): Settings → Inference chose another backend. A
   * running host is replaced at once (requests in flight fail with INFERENCE_HOST_UNAVAILABLE, saying why); a host
   * not started yet starts with it.
   */
  async reconfigure(change: Record<string, string | undefined>): Promise<void> {
    const env = { ...this.options.env };
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
    this.options = { ...this.options, env };
    if (
      this.disposed ||
      (!this.process && this.current.state !== 'restarting' && this.current.state !== 'backing-off')
    ) {
      return;
    }
    if (this.restartTimer !== null) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const running = this.process;
    this.process = null;
    this.failPending(
      'INFERENCE_HOST_UNAVAILABLE',
      'The inference backend changed in Settings; the host is restarting.',
    );
    running?.kill();
    this.crashTimes = [];
    await this.spawn().catch(() => undefined);
  }

  /** Stops the host for good; pending requests fail with INFERENCE_HOST_UNAVAILABLE. */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.restartTimer !== null) this.clock.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const running = this.process;
    this.process = null;
    this.failPending('INFERENCE_HOST_UNAVAILABLE', 'The inference host was stopped.');
    this.update({ state: 'stopped', pid: null });
    running?.kill();
  }

  /** Resolves when the host is ready; fails if it stops, fails, backs off, or takes longer than startTimeoutMs. */
  private whenReady(): Promise<void> {
    if (this.current.state === 'ready' && this.process) return Promise.resolve();
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: MosaicError): void => {
        this.clock.clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve();
      };
      const timer = this.clock.setTimeout(
        () =>
          finish(
            new MosaicError('INFERENCE_HOST_UNAVAILABLE', `The inference host did not start within ${timeoutMs} ms.`),
          ),
        timeoutMs,
      );
      const unsubscribe = this.onDidChangeState((status) => {
        if (status.state === 'ready') finish();
        else if (status.state === 'backing-off') finish(this.backingOffError());
        else if (status.state === 'failed' || status.state === 'stopped') {
          finish(new MosaicError('INFERENCE_HOST_UNAVAILABLE', `The inference host is ${status.state}.`));
        }
      });
    });
  }

  private spawn(): Promise<HelloResult> {
    const child = this.options.launcher.launch(this.options.entry, this.options.env);
    this.process = child;
    this.update({ state: 'starting', pid: child.pid, nextRetryAt: null });
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

    const now = this.clock.now();
    const windowMs = this.options.crashWindowMs ?? 60_000;
    const earlier = this.crashTimes.filter((time) => now - time < windowMs);
    // A host that stayed up for a whole window has recovered: its next crash starts over with quick restarts.
    if (earlier.length === 0) this.backoffStep = 0;
    this.crashTimes = [...earlier, now];
    const storm = this.backoffStep > 0 || this.crashTimes.length > (this.options.maxCrashes ?? 5);
    let delay: number;
    if (storm) {
      this.backoffStep += 1;
      const base = this.options.backoffBaseMs ?? 1_000;
      delay = Math.min(this.options.maxBackoffMs ?? 30_000, base * 2 ** (this.backoffStep - 1));
    } else {
      delay = (this.options.restartDelayMs ?? 100) * 2 ** (this.crashTimes.length - 1);
    }
    this.update({
      state: storm ? 'backing-off' : 'restarting',
      pid: null,
      lastExit: reason,
      restarts: this.current.restarts + 1,
      recentCrashes: this.crashTimes.length,
      nextRetryAt: new Date(now + delay).toISOString(),
    });
    if (storm) {
      this.options.logger.warn('inference host keeps crashing; backing off', {
        crashes: this.crashTimes.length,
        nextTryInMs: delay,
      });
    }
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = null;
      if (this.current.state === 'restarting' || this.current.state === 'backing-off') this.spawn();
    }, delay);
  }

  /** The retry-later answer while backing off: how often it crashed, why, and when the next try is. */
  private backingOffError(): MosaicError {
    const { recentCrashes, lastExit, nextRetryAt } = this.current;
    const retryAfterMs = Math.max(0, (nextRetryAt ? Date.parse(nextRetryAt) : 0) - this.clock.now());
    const windowS = Math.round((this.options.crashWindowMs ?? 60_000) / 1000);
    return new MosaicError(
      'INFERENCE_HOST_BACKING_OFF',
      `The inference host crashed ${recentCrashes} times in ${windowS} s (last: ${lastExit ?? 'unknown'}); ` +
        `it starts again at ${nextRetryAt ?? 'once it can'} (in ${Math.ceil(retryAfterMs / 1000)} s). Try again then.`,
      { retryAt: nextRetryAt, retryAfterMs, recentCrashes },
    );
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
