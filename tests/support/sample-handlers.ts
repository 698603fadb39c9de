// Canned contract answers for front-door tests that do not need the real engine.
import type { ModelMethodId, SystemInfo } from '../../contract/index.js';
import { MosaicError, methodIds } from '../../contract/index.js';
import type { MethodHandlers } from '../../main/services/engine/contract-dispatcher.js';

export const sampleInfo: SystemInfo = {
  app: { name: 'Mosaic Studio', version: '0.1.0' },
  runtime: { node: '20.0.0', electron: null, platform: 'linux', arch: 'x64' },
  inference: {
    state: 'ready',
    pid: 42,
    restarts: 0,
    recentCrashes: 0,
    nextRetryAt: null,
    onnxruntimeVersion: '1.30.0',
    executionProvider: { inUse: 'cpu', tried: [{ name: 'cpu', ok: true, elapsedMs: 3 }], reason: 'test' },
    lastExit: null,
  },
  dataFolder: '/tmp/mosaic',
};

export function sampleHandlers(overrides: Partial<MethodHandlers> = {}): MethodHandlers {
  // Every method answers NOT_FOUND unless the sample gives it an answer, so new contract methods need no stub here.
  const absent = Object.fromEntries(
    methodIds.map((id) => [
      id,
      async () => {
        throw new MosaicError('NOT_FOUND', `${id} is not part of this sample.`);
      },
    ]),
  ) as unknown as MethodHandlers;
  return {
    ...absent,
    'system.info': async () => sampleInfo,
    'system.doctor': async () => ({ ...sampleInfo, installedModels: [], checks: [] }),
    'inference.probe': async (request) => ({
      output: request.input.map((row) => row.map((value) => value * 2)),
      executionProvider: 'cpu',
      elapsedMs: 0.5,
      pid: 42,
    }),
    ...sampleModelHandlers(),
    ...overrides,
  };
}

/** An empty model library: lists answer nothing, everything that needs a model answers MODEL_NOT_FOUND. */
export function sampleModelHandlers(): Pick<MethodHandlers, ModelMethodId> {
  const missing = async (): Promise<never> => {
    throw new MosaicError('MODEL_NOT_FOUND', 'No models in this sample.');
  };
  return {
    'models.list': async () => ({ models: [], totalBytes: 0 }),
    'models.catalogs': async () => ({ catalogs: [] }),
    'models.jobs': async () => ({ jobs: [] }),
    'models.history': async () => ({ entries: [] }),
    'models.usage': async () => ({ totalBytes: 0, blobBytes: 0, partialBytes: 0, unreferencedBytes: 0, models: [] }),
    'models.gc': async (request) => ({ dryRun: request.dryRun, removedBlobs: [], removedPartials: 0, freedBytes: 0 }),
    'models.verify': async () => ({ ok: true, checkedBlobs: 0, checkedBytes: 0, damaged: [], elapsedMs: 0 }),
    'models.show': missing,
    'models.preview': missing,
    'models.addCatalog': missing,
    'models.removeCatalog': missing,
    'models.install': missing,
    'models.cancelInstall': missing,
    'models.activate': missing,
    'models.rollback': missing,
    'models.remove': missing,
    'models.export': missing,
    'models.exportTriton': missing,
    'models.import': missing,
    'models.publish': missing,
  };
}
