// Contract methods of the inference domain: raw token generation on any installed model, loaded sessions, metrics, jobs.
import { z } from 'zod';
import {
  generationStatsSchema,
  finishReasons,
  keepAliveMsSchema,
  metricsReportSchema,
  samplingSchema,
  sessionInfoSchema,
} from './generation.js';
import { jobSchema } from './jobs.js';
import { defineMethod } from './method-spec.js';
import { modelNameSchema, precisionSchema, semverSchema } from './model-manifest.js';

/** Which installed model to use: the active version unless one is named; the package's default precision unless asked. */
export const modelSelectorSchema = z
  .object({
    name: modelNameSchema,
    version: semverSchema.optional(),
    precision: precisionSchema.optional(),
  })
  .strict();
export type ModelSelector = z.infer<typeof modelSelectorSchema>;

/** The exact model a result came from: enough to regenerate it bit for bit. */
export const resolvedModelSchema = z.object({
  name: modelNameSchema,
  version: semverSchema,
  precision: precisionSchema,
  /** sha256 of the graph that ran. */
  digest: z.string(),
  task: z.string(),
});
export type ResolvedModel = z.infer<typeof resolvedModelSchema>;

export const tokenRequestSchema = z
  .object({
    model: modelSelectorSchema,
    /** Tokens every variation starts from (the model's vocabulary ids). */
    prompt: z.array(z.number().int().nonnegative()).min(1).max(4096),
    variations: z.number().int().min(1).max(16).default(1),
    maxNewTokens: z.number().int().min(1).max(4096).default(64),
    sampling: samplingSchema.default({ temperature: 1, topK: 0, topP: 1 }),
    /** Unsigned 32-bit; a random one is chosen (and returned) when absent. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    stopTokens: z.array(z.number().int().nonnegative()).max(64).default([]),
    keepAliveMs: keepAliveMsSchema.optional(),
  })
  .strict();

export const tokenResponseSchema = z.object({
  model: resolvedModelSchema,
  seed: z.number().int(),
  /** Generated tokens per variation (the prompt excluded). */
  tokens: z.array(z.array(z.number().int())),
  finish: z.array(z.enum(finishReasons)),
  stats: generationStatsSchema,
  jobId: z.string(),
});

const modelSessionSchema = sessionInfoSchema.extend({
  /** The installed model this graph belongs to, when it is one. */
  model: resolvedModelSchema.nullable(),
});

export const inferenceMethods = {
  'inference.generate': defineMethod({
    summary: 'Generates tokens with an installed model (batched variations, seeded sampling); queued, cancellable.',
    request: tokenRequestSchema,
    response: tokenResponseSchema,
    http: 'POST',
  }),
  'inference.load': defineMethod({
    summary: 'Loads a model into the inference host ahead of use and sets how long it stays loaded.',
    request: z.object({ model: modelSelectorSchema, keepAliveMs: keepAliveMsSchema.optional() }).strict(),
    response: modelSessionSchema,
    http: 'POST',
  }),
  'inference.unload': defineMethod({
    summary: 'Unloads a model from the inference host now.',
    request: z.object({ model: modelSelectorSchema }).strict(),
    response: z.object({ unloaded: z.boolean() }),
    http: 'POST',
  }),
  'inference.sessions': defineMethod({
    summary: 'Models loaded in the inference host: provider, memory, keep-alive (like `ollama ps`).',
    request: z.object({}).strict(),
    response: z.object({
      sessions: z.array(modelSessionSchema),
      rssBytes: z.number().int(),
      budgetBytes: z.number().int(),
    }),
    http: 'GET',
  }),
  'inference.metrics': defineMethod({
    summary: 'Per-model figures: loads, generations, tokens/s, first-token latency, errors; host memory.',
    request: z.object({}).strict(),
    response: metricsReportSchema.extend({
      models: z.array(metricsReportSchema.shape.models.element.extend({ model: resolvedModelSchema.nullable() })),
    }),
    http: 'GET',
  }),
  'jobs.list': defineMethod({
    summary: 'Running, queued and recently finished generation jobs.',
    request: z.object({}).strict(),
    response: z.object({ jobs: z.array(jobSchema) }),
    http: 'GET',
  }),
  'jobs.cancel': defineMethod({
    summary: 'Cancels a queued job at once, or stops a running one at its next step.',
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
    http: 'POST',
  }),
};
