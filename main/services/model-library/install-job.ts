// One install job's state (the machine drawn in contract/model-library.ts), its progress and rate, and its events.
import type { ErrorPayload, InstallJob, InstallJobStateName } from '../../../contract/index.js';

type Listener = (job: InstallJob) => void;

/** Allowed moves; anything else is a bug in the installer. */
const transitions: Record<InstallJobStateName, readonly InstallJobStateName[]> = {
  queued: ['downloading', 'failed', 'cancelled'],
  downloading: ['verifying', 'failed', 'cancelled'],
  verifying: ['installed', 'failed', 'cancelled'],
  installed: [],
  failed: [],
  cancelled: [],
};

export class InstallJobRecord {
  private state: InstallJobStateName = 'queued';
  private version: string | null = null;
  private catalogId: string | null = null;
  private totalBytes: number | null = null;
  private doneBytes = 0;
  private currentFileBytes = 0;
  private currentFile: string | null = null;
  private transferred = 0;
  private activated = false;
  private error: ErrorPayload | null = null;
  private readonly startedAt: Date;
  private updatedAt: Date;
  private lastEmit = 0;
  /** (time, transferred) samples of the last few seconds, for the rate. */
  private samples: [number, number][] = [];

  constructor(
    readonly jobId: string,
    readonly requested: string,
    readonly name: string,
    private readonly emit: Listener,
    private readonly now: () => Date = () => new Date(),
    private readonly emitEveryMs = 200,
  ) {
    this.startedAt = this.updatedAt = now();
    this.emit(this.snapshot());
  }

  get finished(): boolean {
    return transitions[this.state].length === 0;
  }

  target(version: string, catalogId: string | null): void {
    this.version = version;
    this.catalogId = catalogId;
  }

  startDownloading(totalBytes: number): void {
    this.totalBytes = totalBytes;
    this.move('downloading');
  }

  fileStarted(path: string): void {
    this.currentFile = path;
    this.currentFileBytes = 0;
  }

  /** Progress inside the current file; emitted at most every `emitEveryMs`. */
  fileProgress(bytes: number, received: number): void {
    this.currentFileBytes = bytes;
    this.transferred += received;
    const time = this.now().getTime();
    if (time - this.lastEmit >= this.emitEveryMs) this.publish();
  }

  fileDone(size: number): void {
    this.doneBytes += size;
    this.currentFileBytes = 0;
    this.currentFile = null;
  }

  verifying(): void {
    this.move('verifying');
  }

  installed(activated: boolean): void {
    this.activated = activated;
    this.move('installed');
  }

  failed(error: ErrorPayload): void {
    if (this.finished) return;
    this.error = error;
    this.move(error.code === 'CANCELLED' ? 'cancelled' : 'failed');
  }

  snapshot(): InstallJob {
    const base = {
      jobId: this.jobId,
      requested: this.requested,
      name: this.name,
      version: this.version,
      catalogId: this.catalogId,
      bytes: this.doneBytes + this.currentFileBytes,
      totalBytes: this.totalBytes,
      transferredBytes: this.transferred,
      rateBytesPerSecond: this.rate(),
      startedAt: this.startedAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
    switch (this.state) {
      case 'downloading':
        return { ...base, state: 'downloading', file: this.currentFile };
      case 'installed':
        return { ...base, state: 'installed', activated: this.activated };
      case 'failed':
        return { ...base, state: 'failed', error: this.error ?? { code: 'INTERNAL', message: 'unknown failure' } };
      default:
        return { ...base, state: this.state };
    }
  }

  private move(next: InstallJobStateName): void {
    if (!transitions[this.state].includes(next)) throw new Error(`install job: ${this.state} → ${next} is not allowed`);
    this.state = next;
    this.publish();
  }

  private publish(): void {
    const time = this.now();
    this.updatedAt = time;
    this.lastEmit = time.getTime();
    this.samples.push([time.getTime(), this.transferred]);
    this.samples = this.samples.filter(([at]) => time.getTime() - at <= 3_000);
    this.emit(this.snapshot());
  }

  private rate(): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last[0] - first[0] <= 0) return 0;
    return Math.max(0, ((last[1] - first[1]) * 1000) / (last[0] - first[0]));
  }
}
