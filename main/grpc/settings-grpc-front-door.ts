// The desktop app's gRPC front door, driven by Settings (MOSAIC_HOME/settings.json `grpcPort`): served on loopback
// when a port is set, moved when it changes, stopped when it is cleared; where it listens goes into service.json.
import type { Logger } from '../platform/logger.js';
import type { MosaicCore } from '../services/mosaic-core.js';
import { createCoreGrpcServer } from './core-grpc-server.js';
import type { OpenInferenceGrpcServer } from './open-inference-grpc-server.js';

export interface SettingsGrpcFrontDoor {
  /** Settles once the current setting is applied (tests and shutdown wait for it). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function serveGrpcFromSettings(core: MosaicCore, logger: Logger, host = '127.0.0.1'): SettingsGrpcFrontDoor {
  let server: OpenInferenceGrpcServer | null = null;
  let servedPort: number | null = null;
  let queue: Promise<void> = Promise.resolve();

  const apply = (port: number | null): Promise<void> => {
    queue = queue.then(async () => {
      if (port === servedPort && (port === null || server)) return;
      await server?.close();
      server = null;
      servedPort = null;
      if (port === null) {
        await core.apiAccess.announceGrpc(null);
        return;
      }
      const next = await createCoreGrpcServer(core, logger);
      try {
        const bound = await next.listen(port, host);
        server = next;
        servedPort = port;
        const address = `${host.includes(':') ? `[${host}]` : host}:${bound}`;
        await core.apiAccess.announceGrpc(address);
        logger.info('Open Inference Protocol over gRPC listening', { address });
      } catch (error) {
        await core.apiAccess.announceGrpc(null);
        logger.warn('gRPC front door not started', { port, error: String(error) });
      }
    });
    return queue;
  };

  void apply(core.settings.get().grpcPort);
  const unsubscribe = core.settings.onDidChange((settings) => apply(settings.grpcPort));
  return {
    settled: () => queue,
    close: async () => {
      unsubscribe();
      await apply(null);
    },
  };
}
