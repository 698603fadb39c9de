// One piece of work several callers wait on: each may cancel its own wait; the work stops when the last one leaves.
import { MosaicError } from '../../../contract/index.js';

export class SharedTransfer<T, P> {
  readonly done: Promise<T>;
  private readonly controller = new AbortController();
  private readonly listeners = new Set<(progress: P) => void>();
  private waiters = 0;

  constructor(work: (signal: AbortSignal, report: (progress: P) => void) => Promise<T>) {
    this.done = work(this.controller.signal, (progress) => {
      for (const listener of this.listeners) listener(progress);
    });
    this.done.catch(() => undefined);
  }

  /** True once every waiter has left and the work was told to stop: new callers need a fresh transfer. */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  /** Waits for the work; rejects with CANCELLED at once if `signal` aborts, without stopping it for the others. */
  attach(signal?: AbortSignal, onProgress?: (progress: P) => void): Promise<T> {
    this.waiters += 1;
    if (onProgress) this.listeners.add(onProgress);
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = (): void => {
        if (left) return;
        left = true;
        this.waiters -= 1;
        if (onProgress) this.listeners.delete(onProgress);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        leave();
        const cancelled = (): void => reject(new MosaicError('CANCELLED', 'The install was cancelled.'));
        if (this.waiters > 0) return cancelled();
        // The last waiter leaves only once the work has stopped and let go of its files and locks.
        this.controller.abort();
        this.done.then(cancelled, cancelled);
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.done.then(
        (value) => {
          if (left) return;
          leave();
          resolve(value);
        },
        (error: unknown) => {
          if (left) return;
          leave();
          reject(error);
        },
      );
    });
  }
}
