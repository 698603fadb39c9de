// The inference host as the benchmarks run it: a real forked host process on CPU with one intra-op thread.
import { ForkedHostLauncher } from '../../main/platform/host-process.js';
import { silentLogger } from '../../main/platform/logger.js';
import { locateResources } from '../../main/platform/paths.js';
import { InferenceHostSupervisor } from '../../main/services/inference-host-supervisor/inference-host-supervisor.js';

/** Starts a host process; the caller stops it. */
export async function startBenchHost(): Promise<InferenceHostSupervisor> {
  const resources = locateResources();
  const host = new InferenceHostSupervisor({
    launcher: new ForkedHostLauncher(),
    entry: resources.inferenceHostEntry,
    env: {
      PATH: process.env.PATH,
      MOSAIC_PROBE_MODEL: resources.probeModel,
      MOSAIC_EP: 'cpu',
      MOSAIC_INTRA_OP_THREADS: '1',
    },
    logger: silentLogger,
  });
  await host.start();
  return host;
}
