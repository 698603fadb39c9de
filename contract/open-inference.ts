// The Open Inference Protocol v2 (KServe / Triton REST) as the HTTP API serves it under /v2: one forward pass of an
// installed model's graph, with tensors as flat row-major JSON arrays. Errors on /v2 are `{ "error": "message" }`.
import { z } from 'zod';
import { MosaicError } from './errors.js';
import type { TensorType } from './inference-host-protocol.js';

/** The protocol's datatypes this server accepts and returns (FP16 travels as numbers, converted both ways). */
export const oipDatatypes = ['BOOL', 'UINT8', 'INT8', 'INT32', 'INT64', 'FP16', 'FP32'] as const;
export type OipDatatype = (typeof oipDatatypes)[number];

export const oipDatatypeOf: Record<TensorType, OipDatatype> = {
  bool: 'BOOL',
  uint8: 'UINT8',
  int8: 'INT8',
  int32: 'INT32',
  int64: 'INT64',
  float16: 'FP16',
  float32: 'FP32',
};

export const tensorTypeOf: Record<OipDatatype, TensorType> = {
  BOOL: 'bool',
  UINT8: 'uint8',
  INT8: 'int8',
  INT32: 'int32',
  INT64: 'int64',
  FP16: 'float16',
  FP32: 'float32',
};

/**
 * Triton's version of a package version: Triton versions are positive integers, so semver 1.2.3 becomes 1002003
 * (`mosaic models export --triton` writes that folder; the remote backend asks for it). Pre-releases have none.
 */
export function tritonVersionOf(version: string): number {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new MosaicError('BAD_REQUEST', `Triton needs a release version; ${version} is a pre-release.`);
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  if (minor > 999 || patch > 999) throw new MosaicError('BAD_REQUEST', `${version} does not fit Triton's numbering.`);
  return major * 1_000_000 + minor * 1_000 + patch;
}

/** `platform` in model metadata: Triton's name for ONNX graphs run by onnxruntime. */
export const oipPlatform = 'onnxruntime_onnx';

const parametersSchema = z.record(z.string().max(128), z.union([z.string().max(1024), z.number(), z.boolean()]));

export const oipTensorMetadataSchema = z.object({
  name: z.string(),
  datatype: z.enum(oipDatatypes),
  /** -1 for a symbolic dimension (batch, sequence, …). */
  shape: z.array(z.number().int()),
});

export const oipServerMetadataSchema = z.object({
  name: z.string(),
  version: z.string(),
  extensions: z.array(z.string()),
});

export const oipModelMetadataSchema = z.object({
  name: z.string(),
  /** Installed versions of the model package; the active one serves requests that name none. */
  versions: z.array(z.string()),
  platform: z.string(),
  inputs: z.array(oipTensorMetadataSchema),
  outputs: z.array(oipTensorMetadataSchema),
  parameters: parametersSchema.optional(),
});

export const oipInferInputSchema = z.object({
  name: z.string().min(1).max(128),
  shape: z
    .array(
      z
        .number()
        .int()
        .nonnegative()
        .max(2 ** 31),
    )
    .max(8),
  datatype: z.enum(oipDatatypes),
  parameters: parametersSchema.optional(),
  /** Flat, row-major; numbers (booleans for BOOL). */
  data: z.array(z.union([z.number(), z.boolean()])),
});

export const oipInferRequestSchema = z.object({
  id: z.string().max(256).optional(),
  /** `precision` picks a variant of the package (e.g. "int8"); the package's default otherwise. */
  parameters: parametersSchema.optional(),
  inputs: z.array(oipInferInputSchema).min(1).max(64),
  /** Outputs to return (all when absent). */
  outputs: z
    .array(z.object({ name: z.string().min(1).max(128), parameters: parametersSchema.optional() }))
    .max(64)
    .optional(),
});
export type OipInferRequest = z.infer<typeof oipInferRequestSchema>;

export const oipInferOutputSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int()),
  datatype: z.enum(oipDatatypes),
  data: z.array(z.union([z.number(), z.boolean()])),
});

export const oipInferResponseSchema = z.object({
  model_name: z.string(),
  model_version: z.string(),
  id: z.string(),
  parameters: parametersSchema.optional(),
  outputs: z.array(oipInferOutputSchema),
});
export type OipInferResponse = z.infer<typeof oipInferResponseSchema>;

export const oipErrorSchema = z.object({ error: z.string() });

/** Where a remote Open Inference Protocol server listens: `host:port`, `grpc://host:port` or `grpcs://host:port` (TLS). */
export function parseOipServerUrl(url: string): { address: string; tls: boolean } {
  const match = /^(?:(grpcs?):\/\/)?([^/\s:]+:\d+|\[[^\]\s]+\]:\d+)\/?$/.exec(url.trim());
  if (!match?.[2]) {
    throw new MosaicError(
      'BAD_REQUEST',
      `"${url}" is not an Open Inference Protocol gRPC address: give host:port, grpc://host:port or grpcs://host:port.`,
    );
  }
  return { address: match[2], tls: match[1] === 'grpcs' };
}

/** Settings → Inference: onnxruntime on this machine, or every forward pass on an Open Inference Protocol server. */
export const inferenceBackendSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }).strict(),
  z
    .object({
      kind: z.literal('oip'),
      /** host:port, grpc://host:port or grpcs://host:port (Triton's gRPC port is 8001). */
      url: z.string().min(1).max(512),
      /** Sent as `authorization: Bearer …`; empty for a server without one (Triton's default). */
      token: z.string().max(1024).default(''),
    })
    .strict(),
]);
export type InferenceBackend = z.infer<typeof inferenceBackendSchema>;

/** The service's own settings, kept in MOSAIC_HOME/settings.json. */
export const serviceSettingsSchema = z.object({
  inference: inferenceBackendSchema,
  /** The desktop app serves the Open Inference Protocol over gRPC on this port (0 = any free one); null: not at all. */
  grpcPort: z.number().int().min(0).max(65535).nullable(),
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

export const serviceSettingsViewSchema = serviceSettingsSchema.extend({
  /** host:port where this process serves gRPC now (the app from grpcPort, `mosaic serve` from --grpc-port), or null. */
  grpcAddress: z.string().nullable(),
});

/** Whether an input of a mosaic-kv decoder is (part of) its cache: `kv_cache` (v1) or `past_key_<i>` / `past_value_<i>` (v2). */
export function isCacheInput(name: string): boolean {
  return name === 'kv_cache' || /^past_(key|value)_\d+$/.test(name);
}

/**
 * The server metadata extension saying that a server keeps a mosaic-kv decoder's cache per sequence: a request with
 * the `sequence_id` parameter (and `sequence_start` on its first step, `sequence_end` on its last) leaves the cache
 * inputs out, and each step's keys and values stay on the server for the next (docs/remote-inference.md).
 */
export const heldKvCacheExtension = 'mosaic_kv_sequence';
