// Builds the gRPC front door over a composition root, for both shells (`mosaic serve --grpc-port` and the app).
import type { Logger } from '../platform/logger.js';
import type { MosaicCore } from '../services/mosaic-core.js';
import { OpenInferenceGrpcServer } from './open-inference-grpc-server.js';

export async function createCoreGrpcServer(core: MosaicCore, logger: Logger): Promise<OpenInferenceGrpcServer> {
  return new OpenInferenceGrpcServer({ service: core.openInference, token: await core.apiAccess.token(), logger });
}
