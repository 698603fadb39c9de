// A bounded, cancellable queue for heavy work: a full queue answers QUEUE_FULL at once; cancel aborts via a signal.
import type { Job, JobProgress } from '../../../contract/index.js';
import { MosaicError, toErrorPayload } from '../../../contract/index.js';

export interface JobContext {
  signal: AbortSignal;
  reportProgress(progress: JobProgress): void;
}

export interface QueueOptions {
  /** Jobs allowed to wait or run at once; one more is refused with QUEUE_FULL. */
  capacity: number;
  /** Jobs run at the same time (the inference host runs one generation at a time). */
  concurrency?: number;
  now?: () => number;
  newId?: () => string;
  /** Finished jobs kept for `list()`. */
  keepFinished?: number;
}

interface Entry {
  job: Job;
  run: (context: JobContext) => Promise<unknown>;
  controller: AbortController;
  settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void };
}

export interface SubmittedJob<T> {
  job: Job;
  /** Settles with the work's result; rejects with CANCELLED when cancelled, or the work's error. */
  result: Promise<T>;
}

export class GenerationQueue {
  private readonly waiting: Entry[] = [];
  private readonly running = new Map<string, Entry>();
  private readonly finished: Job[] = [];
  private readonly listeners = new Set<(job: Job) => void>();
  private counter = 0;

  constructor(private readonly options: QueueOptions) {}

  /**
   * Queues work; throws QUEUE_FULL (without queuing) when `capacity` jobs are already waiting or running. The work's
   * signal aborts on cancel, and also when `callerSignal` does (the HTTP client went away, Ctrl-C in the CLI).
   */
  submit<T>(
    kind: string,
    label: string,
    run: (context: JobContext) => Promise<T>,
    callerSignal?: AbortSignal,
  ): SubmittedJob<T> {
    if (this.waiting.length + this.running.size >= this.options.capacity) {
      throw new MosaicError(
        'QUEUE_FULL',
        `The generation queue is full (${this.options.capacity} jobs); try again shortly.`,
      );
    }
    const id = this.options.newId?.() ?? `job-${Date.now().toString(36)}-${(this.counter++).toString(36)}`;
    let settle!: Entry['settle'];
    const result = new Promise<T>(
      (resolve, reject) => (settle = { resolve: resolve as (value: unknown) => void, reject }),
    );
    const entry: Entry = {
      job: {
        id,
        kind,
        label,
        state: 'queued',
        progress: {},
        position: this.waiting.length,
        createdAt: this.timestamp(),
        startedAt: null,
        finishedAt: null,
        error: null,
      },
      run,
      controller: new AbortController(),
      settle,
    };
    callerSignal?.addEventListener('abort', () => this.cancel(id), { once: true });
    this.waiting.push(entry);
    this.emit(entry.job);
    this.pump();
    return { job: { ...entry.job }, result };
  }

  /** Cancels a queued job at once, or asks a running one to stop; false when the id is unknown or finished. */
  cancel(id: string): boolean {
    const index = this.waiting.findIndex((entry) => entry.job.id === id);
    if (index >= 0) {
      const [entry] = this.waiting.splice(index, 1);
      this.finish(entry!, 'cancelled', new MosaicError('CANCELLED', 'The job was cancelled before it started.'));
      this.renumber();
      return true;
    }
    const running = this.running.get(id);
    if (!running) return false;
    running.controller.abort();
    return true;
  }

  get(id: string): Job | undefined {
    const live = [...this.running.values(), ...this.waiting].find((entry) => entry.job.id === id);
    return live ? { ...live.job } : this.finished.find((job) => job.id === id);
  }

  /** Running first, then queued in order, then recently finished (newest first). */
  list(): Job[] {
    return [
      ...[...this.running.values()].map((entry) => ({ ...entry.job })),
      ...this.waiting.map((entry) => ({ ...entry.job })),
      ...this.finished,
    ];
  }

  onDidChangeJob(listener: (job: Job) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels everything (shutdown). */
  cancelAll(): void {
    for (const entry of [...this.waiting]) this.cancel(entry.job.id);
    for (const entry of this.running.values()) entry.controller.abort();
  }

  private pump(): void {
    while (this.running.size < (this.options.concurrency ?? 1) && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.running.set(entry.job.id, entry);
      entry.job = { ...entry.job, state: 'running', position: null, startedAt: this.timestamp() };
      this.emit(entry.job);
      this.renumber();
      void this.execute(entry);
    }
  }

  private async execute(entry: Entry): Promise<void> {
    const context: JobContext = {
      signal: entry.controller.signal,
      reportProgress: (progress) => {
        if (entry.job.state !== 'running') return;
        entry.job = { ...entry.job, progress };
        this.emit(entry.job);
      },
    };
    try {
      const value = await entry.run(context);
      this.running.delete(entry.job.id);
      if (entry.controller.signal.aborted) {
        this.finish(entry, 'cancelled', new MosaicError('CANCELLED', 'The job was cancelled.'), value);
      } else this.finish(entry, 'succeeded', null, value);
    } catch (error) {
      this.running.delete(entry.job.id);
      const cancelled = entry.controller.signal.aborted;
      this.finish(
        entry,
        cancelled ? 'cancelled' : 'failed',
        cancelled ? new MosaicError('CANCELLED', 'The job was cancelled.') : error,
      );
    }
    this.pump();
  }

  private finish(entry: Entry, state: Job['state'], error: unknown, value?: unknown): void {
    const payload = error === null ? null : toErrorPayload(error);
    // A finished job's result (or its previous take) is what counts: the song it was writing is not kept with it.
    const { partial: _written, ...progress } = entry.job.progress;
    entry.job = { ...entry.job, state, progress, position: null, finishedAt: this.timestamp(), error: payload };
    if (state === 'succeeded') entry.job.progress = { ...entry.job.progress, fraction: 1 };
    this.finished.unshift({ ...entry.job });
    this.finished.splice(this.options.keepFinished ?? 100);
    this.emit(entry.job);
    if (state === 'succeeded') entry.settle.resolve(value);
    else entry.settle.reject(error instanceof MosaicError ? error : MosaicError.from(payload!));
  }

  private renumber(): void {
    this.waiting.forEach((entry, position) => {
      if (entry.job.position === position) return;
      entry.job = { ...entry.job, position };
      this.emit(entry.job);
    });
  }

  private emit(job: Job): void {
    const snapshot = { ...job };
    for (const listener of this.listeners) listener(snapshot);
  }

  private timestamp(): string {
    return new Date((this.options.now ?? Date.now)()).toISOString();
  }
}
