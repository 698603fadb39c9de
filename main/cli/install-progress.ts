// Shows an install job's progress: a redrawn bar on a terminal, one line per state change elsewhere.
import type { InstallJob } from '../../contract/index.js';
import { formatBytes } from './models-format.js';

export interface ProgressOutput {
  write(text: string): void;
  /** True on an interactive terminal, where the bar is redrawn in place. */
  isTTY: boolean;
  columns?: number;
}

export class InstallProgress {
  private lastState: InstallJob['state'] | null = null;
  private drawn = false;

  constructor(private readonly output: ProgressOutput) {}

  update(job: InstallJob): void {
    if (this.output.isTTY && job.state === 'downloading') {
      this.output.write(`\r${this.bar(job)}\x1b[K`);
      this.drawn = true;
    } else if (job.state !== this.lastState) {
      this.endLine();
      const label = job.version ? `${job.name}@${job.version}` : job.requested;
      const size = job.totalBytes !== null ? ` (${formatBytes(job.totalBytes)})` : '';
      if (job.state === 'downloading') this.output.write(`downloading ${label}${size}\n`);
      if (job.state === 'verifying') this.output.write(`verifying ${label}\n`);
    }
    this.lastState = job.state;
  }

  /** Ends the redrawn line, so what follows starts on its own. */
  endLine(): void {
    if (this.drawn) this.output.write('\n');
    this.drawn = false;
  }

  private bar(job: InstallJob): string {
    const total = job.totalBytes ?? 0;
    const fraction = total > 0 ? Math.min(1, job.bytes / total) : 0;
    const rate = job.rateBytesPerSecond;
    const eta = rate > 0 && total > 0 ? ` ${Math.ceil((total - job.bytes) / rate)} s left` : '';
    const label = job.version ? `${job.name}@${job.version}` : job.requested;
    const tail = ` ${(fraction * 100).toFixed(0).padStart(3)}% ${formatBytes(job.bytes)}/${formatBytes(total)} ${formatBytes(rate)}/s${eta}`;
    const width = Math.max(10, Math.min(40, (this.output.columns ?? 80) - label.length - tail.length - 4));
    const filled = Math.round(fraction * width);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}`;
  }
}
