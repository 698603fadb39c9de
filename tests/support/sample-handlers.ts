// Canned contract answers for front-door tests that do not need the real engine.
import type { SystemInfo } from '../../contract/index.js';
import type { MethodHandlers } from '../../main/services/contract-dispatcher.js';

export const sampleInfo: SystemInfo = {
  app: { name: 'Mosaic Studio', version: '0.1.0' },
  runtime: { node: '20.0.0', electron: null, platform: 'linux', arch: 'x64' },
  inference: {
    state: 'ready',
    pid: 42,
    restarts: 0,
    onnxruntimeVersion: '1.30.0',
    executionProvider: { inUse: 'cpu', tried: [{ name: 'cpu', ok: true, elapsedMs: 3 }], reason: 'test' },
    lastExit: null,
  },
  dataFolder: '/tmp/mosaic',
};

export function sampleHandlers(overrides: Partial<MethodHandlers> = {}): MethodHandlers {
  return {
    'system.info': async () => sampleInfo,
    'system.doctor': async () => ({ ...sampleInfo, installedModels: [], checks: [] }),
    'inference.probe': async (request) => ({
      output: request.input.map((row) => row.map((value) => value * 2)),
      executionProvider: 'cpu',
      elapsedMs: 0.5,
      pid: 42,
    }),
    ...overrides,
  };
}
