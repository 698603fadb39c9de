// `mosaic serve`: the engine plus the HTTP front door (loopback unless told otherwise), until interrupted.
import { createCoreGrpcServer } from '../grpc/core-grpc-server.js';
import { serveGrpcFromSettings, type SettingsGrpcFrontDoor } from '../grpc/settings-grpc-front-door.js';
import { createCoreHttpServer } from '../http/core-http-server.js';
import type { Logger } from '../platform/logger.js';
import type { MosaicCore } from '../services/mosaic-core.js';

export { defaultPort } from './running-service.js';

export interface ServeOptions {
  port: number;
  /** Address to bind: 127.0.0.1 (default), a specific address, or 0.0.0.0 / :: for every interface. */
  host?: string;
  corsOrigins?: readonly string[];
  allowHosts?: readonly string[];
  /**
   * Serve the Open Inference Protocol over gRPC on this port of the same host (0 = any free port); without it, on the
   * port Settings gives (MOSAIC_HOME/settings.json `grpcPort`), following its changes.
   */
  grpcPort?: number;
}

export interface RunningServer {
  url: string;
  /** The Studio's URL with the API token in its fragment (`/#token=…`): what a browser opens. */
  studioUrl: string;
  token: string;
  /** host:port of the gRPC front door, when --grpc-port asked for one. */
  grpcAddress: string | null;
  close(): Promise<void>;
}

export async function serveStudio(
  core: MosaicCore,
  options: ServeOptions | number,
  logger: Logger,
): Promise<RunningServer> {
  const {
    port,
    host = '127.0.0.1',
    corsOrigins = [],
    allowHosts = [],
    grpcPort,
  } = typeof options === 'number' ? { port: options } : options;
  const server = await createCoreHttpServer(core, logger.child('http'), {
    rendererDir: core.resources.rendererDir,
    corsOrigins,
    allowHosts,
  });
  const url = await server.listen(port, host);
  let grpc: Awaited<ReturnType<typeof createCoreGrpcServer>> | null = null;
  let fromSettings: SettingsGrpcFrontDoor | null = null;
  let grpcAddress: string | null = null;
  if (grpcPort === undefined) {
    fromSettings = serveGrpcFromSettings(core, logger.child('grpc'), host);
    await fromSettings.settled();
    grpcAddress = core.apiAccess.grpc();
  } else {
    grpc = await createCoreGrpcServer(core, logger.child('grpc'));
    const bound = await grpc.listen(grpcPort, host).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    grpcAddress = `${host.includes(':') ? `[${host}]` : host}:${bound}`;
  }
  // Start the inference host now (not at the first request), once the port is ours: a taken port ends the command.
  // A start cut short because the service is closing is no failure.
  let closing = false;
  core.host.start().catch((error: unknown) => {
    if (!closing) logger.error('inference host failed to start', { error: String(error) });
  });
  if (grpc) await core.apiAccess.announceGrpc(grpcAddress);
  await core.apiAccess.announce(url);
  const token = await core.apiAccess.token();
  return {
    url,
    studioUrl: `${url}/#token=${encodeURIComponent(token)}`,
    token,
    grpcAddress,
    close: async () => {
      closing = true;
      await core.apiAccess.withdraw();
      await Promise.all([server.close(), grpc?.close(), fromSettings?.close()]);
    },
  };
}
