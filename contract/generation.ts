// Token generation as the inference host runs it: sampling, constraints, keep-alive, results, sessions and metrics.
import { z } from 'zod';

export const samplingSchema = z.object({
  /** 0 is greedy; higher is more adventurous. */
  temperature: z.number().min(0).max(5).default(1),
  /** Keep the k most likely tokens (0 = all). */
  topK: z.number().int().min(0).max(4096).default(0),
  /** Nucleus: keep the smallest set reaching this probability (1 = all). */
  topP: z.number().gt(0).max(1).default(1),
});
export type Sampling = z.output<typeof samplingSchema>;

/** A named per-task state machine the host builds to mask illegal next tokens (key lock, level structure, ...). */
export const constraintSpecSchema = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/),
  params: z.unknown().optional(),
});
export type ConstraintSpec = z.infer<typeof constraintSpecSchema>;

/**
 * How long a model stays loaded after its last use, in milliseconds (Ollama's keep_alive): 0 unloads as soon as the
 * request ends; a negative value keeps it until it is unloaded explicitly.
 */
export const keepAliveMsSchema = z
  .number()
  .int()
  .min(-1)
  .max(7 * 24 * 3600 * 1000);
export const defaultKeepAliveMs = 5 * 60 * 1000;

export const finishReasons = ['stop-token', 'max-tokens', 'constraint', 'cancelled', 'no-allowed-token'] as const;
export type FinishReasonName = (typeof finishReasons)[number];

export const tokenGenerationSchema = z.object({
  /** Absolute path of a mosaic-kv-v1 graph. */
  modelPath: z.string().min(1),
  keepAliveMs: keepAliveMsSchema.optional(),
  /** Tokens every row starts from. */
  prompt: z.array(z.number().int().nonnegative()).min(1).max(8192),
  /** Rows decoded together (variations). */
  batch: z.number().int().min(1).max(64),
  maxNewTokens: z.number().int().min(1).max(8192),
  sampling: samplingSchema,
  /** Unsigned 32-bit seed; row r uses the stream (seed, r). */
  seed: z.number().int().min(0).max(0xffffffff),
  stopTokens: z.array(z.number().int().nonnegative()).max(64).default([]),
  /** The graph's learned-position limit (from the model's manifest). */
  maxPositions: z.number().int().positive(),
  constraint: constraintSpecSchema.optional(),
  /** Send a progress message every this many steps. */
  progressEvery: z.number().int().min(1).max(4096).default(16),
});
export type TokenGeneration = z.output<typeof tokenGenerationSchema>;

export const generationStatsSchema = z.object({
  promptTokens: z.number().int(),
  steps: z.number().int(),
  /** Tokens generated across all rows. */
  newTokens: z.number().int(),
  prefillMs: z.number(),
  /** From the start until every row had its first token, in milliseconds. */
  firstTokenMs: z.number(),
  totalMs: z.number(),
  /** newTokens per second of totalMs. */
  tokensPerSecond: z.number(),
  /** Size of the KV cache buffer, in bytes. */
  cacheBytes: z.number().int(),
  /** The step at which a cancel request reached the host, when one did (the run stops within one step of it). */
  cancelledAtStep: z.number().int().optional(),
});

export const tokenGenerationResultSchema = z.object({
  /** Generated tokens per row (the prompt excluded). */
  rows: z.array(z.array(z.number().int())),
  finish: z.array(z.enum(finishReasons)),
  stats: generationStatsSchema,
});
export type TokenGenerationResult = z.infer<typeof tokenGenerationResultSchema>;

export const sessionInfoSchema = z.object({
  modelPath: z.string(),
  executionProvider: z.string(),
  /** Memory attributed to the session (graph size or measured RSS growth at load, the larger), in bytes. */
  bytes: z.number().int().nonnegative(),
  loadMs: z.number(),
  loadedAt: z.string(),
  lastUsedAt: z.string(),
  /** When it will be unloaded if unused; null when kept until unloaded explicitly. */
  expiresAt: z.string().nullable(),
  /** Requests using it right now. */
  inUse: z.number().int().nonnegative(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const sessionsReportSchema = z.object({
  sessions: z.array(sessionInfoSchema),
  /** Resident memory of the inference process, in bytes. */
  rssBytes: z.number().int(),
  /** Memory budget for loaded sessions, in bytes. */
  budgetBytes: z.number().int(),
});
export type SessionsReport = z.infer<typeof sessionsReportSchema>;

export const modelMetricsSchema = z.object({
  modelPath: z.string(),
  loads: z.number().int(),
  generations: z.number().int(),
  tokens: z.number().int(),
  /** Tokens per second over all generations of this model. */
  tokensPerSecond: z.number(),
  /** Median time to the first token over recent generations, in milliseconds. */
  firstTokenMsMedian: z.number().nullable(),
  lastLoadMs: z.number().nullable(),
  errors: z.number().int(),
  lastError: z.string().nullable(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

export const metricsReportSchema = z.object({
  models: z.array(modelMetricsSchema),
  rssBytes: z.number().int(),
  /** Peak resident memory of the inference process since it started, in bytes. */
  peakRssBytes: z.number().int(),
  /** Decoder caches this process keeps for remote clients' sequences (the Open Inference Protocol's sequence_id). */
  kvSequences: z.object({
    /** Sequences started since the process started. */
    started: z.number().int(),
    /** Sequences held now (until their sequence_end, or idle for a minute). */
    held: z.number().int(),
    heldBytes: z.number().int(),
  }),
});
export type MetricsReport = z.infer<typeof metricsReportSchema>;
