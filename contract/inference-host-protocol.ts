// The inference host protocol: the messages between main's InferenceHostSupervisor and the inference host process (the
// only process that loads onnxruntime), which answers them with an InferenceRuntime.
import { z } from 'zod';
import { partialSongSchema } from './arrange.js';
import { errorPayloadSchema } from './errors.js';
import type { MetricsReport, SessionInfo, SessionsReport, TokenGenerationResult } from './generation.js';
import { keepAliveMsSchema, tokenGenerationSchema } from './generation.js';
import { executionProviderReportSchema } from './system.js';

export const tensorTypes = ['float32', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool'] as const;
export type TensorType = (typeof tensorTypes)[number];

/** Typed-array storage per tensor type (float16 travels as its raw 16-bit words). */
export type TensorData = Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array | Uint16Array;

const tensorDataSchema = z.custom<TensorData>(
  (value) => ArrayBuffer.isView(value) && !(value instanceof DataView),
  'expected a typed array',
);

export const tensorPayloadSchema = z.object({
  type: z.enum(tensorTypes),
  /** Shape, outermost first. */
  dims: z.array(z.number().int().nonnegative()),
  data: tensorDataSchema,
});
export type TensorPayload = z.infer<typeof tensorPayloadSchema>;

const requestId = z.number().int().nonnegative();

export const hostRequestSchema = z.discriminatedUnion('op', [
  /** Sent once after spawn; the reply carries versions and the execution provider chosen. */
  z.object({ id: requestId, op: z.literal('hello') }),
  /** Runs the bundled probe graph on rows of 4 numbers. */
  z.object({ id: requestId, op: z.literal('probe'), input: z.array(z.array(z.number())) }),
  /** Runs one forward pass of a graph file (absolute path), loading it into the session cache. */
  z.object({
    id: requestId,
    op: z.literal('run'),
    modelPath: z.string().min(1),
    feeds: z.record(z.string(), tensorPayloadSchema),
    /** Output names to fetch; all outputs when absent. */
    outputs: z.array(z.string()).optional(),
    /**
     * A mosaic-kv decoder's step on a cache the host keeps between requests (the Open Inference Protocol's sequence
     * parameters): `feeds` leaves the cache inputs out, and the step's new positions are kept for the next.
     */
    sequence: z
      .object({
        id: z.string().min(1).max(256),
        start: z.boolean(),
        end: z.boolean(),
        /** The most positions the sequence may hold (the manifest's maxPositions). */
        maxPositions: z.number().int().positive(),
      })
      .optional(),
  }),
  /** Loads a graph into the session cache (no-op if loaded) and sets its keep-alive. */
  z.object({
    id: requestId,
    op: z.literal('session.load'),
    modelPath: z.string().min(1),
    keepAliveMs: keepAliveMsSchema.optional(),
  }),
  z.object({ id: requestId, op: z.literal('session.unload'), modelPath: z.string().min(1) }),
  z.object({ id: requestId, op: z.literal('sessions.list') }),
  /** Decodes tokens; progress messages carry this request's id; a `cancel` naming it stops it at the next step. */
  tokenGenerationSchema.extend({ id: requestId, op: z.literal('generate') }),
  /** Runs a task pipeline (prompt → tokens → constrained decoding → post-processing) with the task's model. */
  z.object({
    id: requestId,
    op: z.literal('task'),
    /** The manifest's task, e.g. `level.platformer`: a row of the task table (task-table.ts), or a test's pipeline. */
    task: z.string().min(1),
    modelPath: z.string().min(1),
    /** The installed package's folder (tokenizer and vocabulary files). */
    modelDir: z.string().min(1),
    maxPositions: z.number().int().positive(),
    /** The manifest's `defaults` (free-form JSON): what a package says of itself, e.g. the parts a model writes. */
    modelDefaults: z.record(z.string(), z.unknown()).optional(),
    keepAliveMs: keepAliveMsSchema.optional(),
    /** Task-specific: the host parses them with the task's row of the task table before the pipeline runs. */
    params: z.unknown(),
  }),
  z.object({ id: requestId, op: z.literal('cancel'), targetId: requestId }),
  z.object({ id: requestId, op: z.literal('metrics') }),
  /** Test-only (enabled by MOSAIC_INFERENCE_DEBUG=1): answer after a delay, to hold a request in flight. */
  z.object({ id: requestId, op: z.literal('debug.sleep'), ms: z.number().int().nonnegative().max(60_000) }),
]);
export type HostRequest = z.infer<typeof hostRequestSchema>;
export type HostOp = HostRequest['op'];
export type HostRequestOf<Op extends HostOp> = Extract<HostRequest, { op: Op }>;

export const helloResultSchema = z.object({
  pid: z.number().int(),
  onnxruntimeVersion: z.string(),
  executionProvider: executionProviderReportSchema,
});
export type HelloResult = z.infer<typeof helloResultSchema>;

export const probeHostResultSchema = z.object({
  output: z.array(z.array(z.number())),
  elapsedMs: z.number(),
});

export const runResultSchema = z.object({
  outputs: z.record(z.string(), tensorPayloadSchema),
  elapsedMs: z.number(),
});
export type RunResult = z.infer<typeof runResultSchema>;

/** What each op answers with. */
export interface HostResults {
  hello: HelloResult;
  probe: z.infer<typeof probeHostResultSchema>;
  run: RunResult;
  'session.load': SessionInfo;
  'session.unload': { unloaded: boolean };
  'sessions.list': SessionsReport;
  generate: TokenGenerationResult;
  /** Task-specific: the caller checks it with the task's row of the task table (TaskRunner does). */
  task: unknown;
  cancel: { cancelled: boolean };
  metrics: MetricsReport;
  'debug.sleep': { sleptMs: number };
}

/**
 * What the host sends: a reply to a request, or progress of a running generation. Generation progress carries only
 * the tokens each row gained since the request's previous progress message (and each row's length so far), so a
 * generation's progress costs O(tokens) to send and validate, not O(tokens²) as resending every row would.
 */
export const hostMessageSchema = z.union([
  z.object({ kind: z.literal('reply'), id: requestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('reply'), id: requestId, ok: z.literal(false), error: errorPayloadSchema }),
  z.object({
    kind: z.literal('progress'),
    id: requestId,
    step: z.number().int(),
    /** Per row, the tokens chosen since the previous progress message (empty for a row that has finished). */
    newTokens: z.array(z.array(z.number().int())),
    /** Per row, the tokens chosen so far. */
    lengths: z.array(z.number().int().nonnegative()),
  }),
  z.object({
    kind: z.literal('task-progress'),
    id: requestId,
    fraction: z.number().min(0).max(1).optional(),
    message: z.string().optional(),
    /** An arrange task's song as written so far. */
    partial: partialSongSchema.optional(),
  }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
export type GenerationProgress = Extract<HostMessage, { kind: 'progress' }>;
/** A generation's progress as the host's generation loop reports it (GenerationProgress less the routing fields). */
export type TokenProgress = Pick<GenerationProgress, 'step' | 'newTokens' | 'lengths'>;
export type TaskProgressMessage = Extract<HostMessage, { kind: 'task-progress' }>;
