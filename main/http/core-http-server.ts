// Builds the HTTP front door over a composition root, for both shells (`mosaic serve` and the Electron app).
import { join } from 'node:path';
import type { Logger } from '../platform/logger.js';
import type { MosaicCore } from '../services/mosaic-core.js';
import { MosaicHttpServer } from './http-server.js';

export interface CoreHttpServerOptions {
  rendererDir?: string;
  /** Added to MOSAIC_CORS_ORIGINS (comma-separated). */
  corsOrigins?: readonly string[];
  allowHosts?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** Origins from MOSAIC_CORS_ORIGINS (comma-separated) and the given list, without blanks. */
export function corsOriginsFrom(env: NodeJS.ProcessEnv, extra: readonly string[] = []): string[] {
  const fromEnv = (env.MOSAIC_CORS_ORIGINS ?? '').split(',');
  return [...fromEnv, ...extra].map((origin) => origin.trim()).filter((origin) => origin.length > 0);
}

export async function createCoreHttpServer(
  core: MosaicCore,
  logger: Logger,
  options: CoreHttpServerOptions = {},
): Promise<MosaicHttpServer> {
  return new MosaicHttpServer({
    dispatcher: core.dispatcher,
    events: core.events,
    logger,
    token: await core.apiAccess.token(),
    corsOrigins: corsOriginsFrom(options.env ?? process.env, options.corsOrigins),
    allowHosts: options.allowHosts ?? [],
    openInference: core.openInference,
    appVersion: core.resources.packageVersion,
    transferFolder: join(core.dataFolder, 'transfers'),
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
  });
}
