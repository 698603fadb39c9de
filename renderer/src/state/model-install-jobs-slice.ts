// Install jobs of this session, as models.install answers and models.didProgressInstall reports them: start, cancel
// (what was downloaded is kept for a resume), and the notice or error each finished job leaves in the Models workspace.
import type { StateCreator } from 'zustand';
import type { InstallJob, MosaicBridge } from '../../../contract/index.js';
import { modelRef, toErrorPayload } from '../../../contract/index.js';
import { runningInstallOf } from './model-entries.js';
import type { StudioState } from './studio-store.js';

export interface ModelInstallJobsSlice {
  /** Install jobs of this session by id, as models.didProgressInstall reports them. */
  installJobs: Record<string, InstallJob>;
  applyInstallJob: (job: InstallJob) => void;
  /** Installs a version; `activate` makes it the active one once installed ("Install and use"). */
  installModel: (
    name: string,
    version: string | undefined,
    catalogId: string | undefined,
    activate: boolean,
  ) => Promise<void>;
  cancelModelInstall: (name: string) => Promise<void>;
}

export function createModelInstallJobsSlice(
  bridge: MosaicBridge,
): StateCreator<StudioState, [], [], ModelInstallJobsSlice> {
  return (set, get) => ({
    installJobs: {},
    applyInstallJob: (job) => {
      set({ installJobs: { ...get().installJobs, [job.jobId]: job } });
      if (job.state === 'failed') set({ modelsError: job.error });
      if (job.state === 'cancelled') {
        set({
          modelsNotice: `Install of ${job.requested} cancelled; what was downloaded is kept for a later resume.`,
        });
      }
      if (job.state === 'installed') {
        const version = job.version ? modelRef(job.name, job.version) : job.requested;
        const active = get().modelList?.models.find((model) => model.name === job.name)?.activeVersion;
        const note = job.activated
          ? ' and made it active'
          : active && active !== job.version
            ? `; ${active} stays active`
            : '';
        set({ modelsNotice: `Installed ${version}${note}.` });
      }
    },
    installModel: async (name, version, catalogId, activate) => {
      set({ modelsError: null, modelsNotice: null });
      try {
        const job = await bridge.call('models.install', { name, version, catalogId, activate });
        // The job's events may have overtaken this answer; keep whichever is further along.
        if (!get().installJobs[job.jobId]) get().applyInstallJob(job);
      } catch (error) {
        set({ modelsError: toErrorPayload(error) });
      }
    },
    cancelModelInstall: async (name) => {
      const job = runningInstallOf(get().installJobs, name);
      if (!job) return;
      try {
        get().applyInstallJob(await bridge.call('models.cancelInstall', { jobId: job.jobId }));
      } catch (error) {
        set({ modelsError: toErrorPayload(error) });
      }
    },
  });
}
