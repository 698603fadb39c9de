// Generation jobs as main reports them (jobs.didChange): what runs, what waits, how far it is.
import type { StateCreator, StoreApi } from 'zustand';
import type { Job, MosaicBridge } from '../../../contract/index.js';
import type { StudioState } from './studio-store.js';

export interface JobsSlice {
  /** Known jobs by id, newest last; finished ones are kept so their outcome can be shown. */
  jobs: Record<string, Job>;
  loadJobs: () => Promise<void>;
  applyJob: (job: Job) => void;
  cancelJob: (id: string) => Promise<void>;
}

const keptFinished = 50;

export function createJobsSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], JobsSlice> {
  return (set, get) => ({
    jobs: {},
    loadJobs: async () => {
      const { jobs } = await bridge.call('jobs.list', {});
      set({ jobs: Object.fromEntries(jobs.reverse().map((job) => [job.id, job])) });
    },
    applyJob: (job) => {
      const jobs = { ...get().jobs, [job.id]: job };
      const finished = Object.values(jobs).filter((entry) => entry.finishedAt !== null);
      for (const old of finished.slice(0, Math.max(0, finished.length - keptFinished))) delete jobs[old.id];
      set({ jobs });
    },
    cancelJob: async (id) => {
      await bridge.call('jobs.cancel', { id });
    },
  });
}

/** The running or queued job of a kind (e.g. `levels.generate`), the most recent first. */
export function activeJobOf(state: Pick<StudioState, 'jobs'>, kinds: readonly string[]): Job | null {
  const active = Object.values(state.jobs).filter(
    (job) => kinds.includes(job.kind) && (job.state === 'running' || job.state === 'queued'),
  );
  return active.at(-1) ?? null;
}

/**
 * Numbers a slice's generations so that one it abandons (a recorded run was opened meanwhile) is recognised when its
 * answer — a result, or the cancel's error — arrives late, and dropped; and cancels the one in flight, even when the
 * cancel comes before main has announced its job.
 */
export class GenerationTickets {
  private latestTicket = 0;
  /** Stops waiting for the job of a generation cancelled before it was announced. */
  private stopWaiting: (() => void) | null = null;

  constructor(
    private readonly store: Pick<StoreApi<StudioState>, 'getState' | 'subscribe'>,
    private readonly kinds: readonly string[],
  ) {}

  /** A number for a generation that starts now. */
  take(): number {
    this.stopWaiting?.();
    return ++this.latestTicket;
  }

  /** Whether the generation holding `ticket` is still the one the slice shows. */
  isCurrent(ticket: number): boolean {
    return ticket === this.latestTicket;
  }

  /**
   * Cancels the running job of the slice's kinds. A key pressed right after Generate comes before main has announced
   * the job (the progress bar already shows "starting the model"): then the job is cancelled as soon as it is
   * announced, for as long as this generation is current and `inFlight` says it still runs — never a later one.
   */
  async cancel(inFlight: (state: StudioState) => boolean): Promise<void> {
    const state = this.store.getState();
    const job = activeJobOf(state, this.kinds);
    if (job) return state.cancelJob(job.id);
    if (!inFlight(state) || this.stopWaiting) return;
    const ticket = this.latestTicket;
    return new Promise<void>((resolve, reject) => {
      const stop = (): void => {
        unsubscribe();
        this.stopWaiting = null;
        resolve();
      };
      const unsubscribe = this.store.subscribe((next) => {
        if (ticket !== this.latestTicket || !inFlight(next)) return stop();
        const announced = activeJobOf(next, this.kinds);
        if (!announced) return;
        unsubscribe();
        this.stopWaiting = null;
        next.cancelJob(announced.id).then(resolve, reject);
      });
      this.stopWaiting = stop;
    });
  }

  /** Drops the generation in flight: its answer will be ignored, and its job is cancelled to free the queue. */
  abandon(): void {
    this.stopWaiting?.();
    this.latestTicket += 1;
    const job = activeJobOf(this.store.getState(), this.kinds);
    // Best effort: a job that finished meanwhile cannot be cancelled, and its answer is dropped all the same.
    if (job)
      this.store
        .getState()
        .cancelJob(job.id)
        .catch(() => undefined);
  }
}
