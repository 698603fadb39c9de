// `mosaic serve`: the engine plus the HTTP front door on loopback, until interrupted.
import type { Logger } from '../platform/logger.js';
import { MosaicHttpServer } from '../http/http-server.js';
import type { MosaicCore } from '../services/mosaic-core.js';

export const defaultPort = 7523;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStudio(core: MosaicCore, port: number, logger: Logger): Promise<RunningServer> {
  const server = new MosaicHttpServer({
    dispatcher: core.dispatcher,
    events: core.events,
    logger: logger.child('http'),
    rendererDir: core.resources.rendererDir,
  });
  // Start the inference host alongside, so the first request does not pay for its start-up.
  core.host.start().catch((error: unknown) => logger.error('inference host failed to start', { error: String(error) }));
  const url = await server.listen(port);
  return { url, close: () => server.close() };
}
