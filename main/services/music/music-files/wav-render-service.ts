// Renders WAV audio in a worker thread (started on first use, restarted if it dies), one render at a time.
import { Worker } from 'node:worker_threads';
import { MosaicError } from '../../../../contract/index.js';

interface Pending {
  resolve: (wav: Uint8Array) => void;
  reject: (error: MosaicError) => void;
}

export class WavRenderService {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** `workerEntry`: the compiled wav-render-worker.js. */
  constructor(private readonly workerEntry: string) {}

  /** WAV bytes of a MIDI file rendered for `seconds`: exactly that long with the release folded in ("loop"), or plus 1 s of it. */
  render(midi: Uint8Array, seconds: number, end: 'loop' | 'tail' = 'loop'): Promise<Uint8Array> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, midi, seconds, end });
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll('The audio renderer was stopped.');
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerEntry);
    worker.unref();
    worker.on('message', (message: { id: number; wav?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.wav) waiting.resolve(message.wav);
      else waiting.reject(new MosaicError('INTERNAL', `Audio render failed: ${message.error ?? 'unknown error'}`));
    });
    const onEnd = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(`The audio renderer stopped (${reason}); try again.`);
    };
    worker.on('error', (error) => onEnd(error.message));
    worker.on('exit', (code) => onEnd(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(new MosaicError('INTERNAL', message));
    }
  }
}
