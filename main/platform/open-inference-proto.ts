// Loads the project's Open Inference Protocol service definition (contract/grpc/open-inference.proto) for the gRPC
// server and client. In a checkout it is read from contract/; the build copies it beside the bundles (out/main), which
// is all a packaged app ships.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { findPackageRoot } from './paths.js';

export const openInferenceProtoFile = 'open-inference.proto';

/** contract/grpc/open-inference.proto in a checkout, else the copy the build put in out/main. */
export function openInferenceProtoPath(root: string = findPackageRoot()): string {
  const source = join(root, 'contract', 'grpc', openInferenceProtoFile);
  return existsSync(source) ? source : join(root, 'out', 'main', openInferenceProtoFile);
}

/**
 * Field names as written (raw_input_contents, not rawInputContents); int64 as JS numbers (shapes, and INT64 tensor
 * values within ±2^53, as /v2's JSON has them); bytes as Buffers; no defaults filled in, so an absent `contents` is
 * told from an empty one.
 */
export const protoLoaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: false,
  oneofs: true,
};

let loaded: grpc.ServiceDefinition | null = null;

/** `inference.GRPCInferenceService`, loaded once. */
export function openInferenceServiceDefinition(): grpc.ServiceDefinition {
  if (!loaded) {
    const definition = protoLoader.loadSync(openInferenceProtoPath(), protoLoaderOptions);
    const service = definition['inference.GRPCInferenceService'];
    if (!service) throw new Error('open-inference.proto does not declare inference.GRPCInferenceService.');
    loaded = service as grpc.ServiceDefinition;
  }
  return loaded;
}

/** A client constructor for `inference.GRPCInferenceService` (the remote backend and the tests use it). */
export function openInferenceClientConstructor(): grpc.ServiceClientConstructor {
  return grpc.makeClientConstructor(openInferenceServiceDefinition(), 'GRPCInferenceService');
}

/** Largest message either side accepts: a batch-8 decoding step sends its whole KV cache (tens of MB). */
export const maxGrpcMessageBytes = 512 * 1024 * 1024;
