// A whole engine (composition root, real inference host process) on a throwaway MOSAIC_HOME, for front-door tests.
import { join } from 'node:path';
import type { MethodId, RequestOf, ResponseOf } from '../../contract/index.js';
import { ForkedHostLauncher } from '../../main/platform/host-process.js';
import { silentLogger } from '../../main/platform/logger.js';
import { locateResources } from '../../main/platform/paths.js';
import { createMosaicCore, type MosaicCore, type MosaicCoreOptions } from '../../main/services/mosaic-core.js';
import { createTempHome } from './temp-home.js';

export interface CoreFixture {
  core: MosaicCore;
  /** The temporary folder; the data folder is `<home>/data`. */
  home: string;
  /** Calls a contract method as the CLI would, with an unvalidated request (the dispatcher validates it). */
  call<M extends MethodId>(method: M, request: RequestOf<M> | Record<string, unknown>): Promise<ResponseOf<M>>;
  dispose(): Promise<void>;
}

/**
 * `env` is passed to the engine (MOSAIC_EP=cpu is set); `bundledCatalogFolder` replaces models/packages;
 * `hostSupervision` sets the inference host's restart policy and clock.
 */
export async function createCoreFixture(
  options: {
    env?: NodeJS.ProcessEnv;
    bundledCatalogFolder?: (home: string) => Promise<string>;
    hostSupervision?: MosaicCoreOptions['hostSupervision'];
  } = {},
): Promise<CoreFixture> {
  const temp = await createTempHome();
  const bundled = options.bundledCatalogFolder ? await options.bundledCatalogFolder(temp.path) : undefined;
  const core = createMosaicCore({
    resources: locateResources(),
    dataFolder: join(temp.path, 'data'),
    launcher: new ForkedHostLauncher(),
    logger: silentLogger,
    // No app catalog unless a test names one: the engine would otherwise ask package.json's catalog URL.
    env: { PATH: process.env.PATH, MOSAIC_EP: 'cpu', MOSAIC_APP_CATALOG: '', ...options.env },
    ...(bundled ? { bundledCatalogFolder: bundled } : {}),
    ...(options.hostSupervision ? { hostSupervision: options.hostSupervision } : {}),
  });
  return {
    core,
    home: temp.path,
    call: (method, request) => core.dispatcher.call(method, request, { origin: 'internal' }),
    dispose: async () => {
      await core.dispose();
      await temp.remove();
    },
  };
}
