// Contract methods of the history domain: every finished generation with its recipe, listed, reopened and regenerated
// exactly (same model version and digest, same seeds).
import { z } from 'zod';
import { resolvedModelSchema } from './inference-methods.js';
import { levelRunSchema } from './level-methods.js';
import { defineMethod } from './method-spec.js';
import { musicRunSchema } from './music-methods.js';

/** The contract methods whose finished runs are recorded. */
export const historyMethodIds = [
  'levels.generate',
  'levels.regenerate',
  'music.generate',
  'music.continue',
  'music.drums',
] as const;
export type HistoryMethodId = (typeof historyMethodIds)[number];

export const historyKinds = ['level', 'music'] as const;
export type HistoryKind = (typeof historyKinds)[number];

export function historyKindOf(method: HistoryMethodId): HistoryKind {
  return method.startsWith('levels.') ? 'level' : 'music';
}

export const historySummarySchema = z.object({
  /** One line for lists, e.g. "8 bars in A minor" or "100 columns, “many pipes”". */
  label: z.string(),
  variations: z.number().int(),
  /** Levels: columns, levels found playable, the prompt as understood. */
  width: z.number().int().optional(),
  playable: z.number().int().optional(),
  prompt: z.string().optional(),
  /** Music: bars (primer included), notes of the first variation, key as "A minor", style. */
  bars: z.number().int().optional(),
  notes: z.number().int().optional(),
  key: z.string().optional(),
  style: z.string().optional(),
});
export type HistorySummary = z.infer<typeof historySummarySchema>;

/** What a thumbnail is drawn from: the first variation's tiles, or its notes as [pitch, start, duration] in ticks. */
export const historyPreviewSchema = z.object({
  rows: z.array(z.string()).optional(),
  notes: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])).optional(),
  /** Music: clip length in ticks (480 per beat). */
  ticks: z.number().int().optional(),
});
export type HistoryPreview = z.infer<typeof historyPreviewSchema>;

export const historyItemSchema = z.object({
  id: z.string(),
  kind: z.enum(historyKinds),
  method: z.enum(historyMethodIds),
  /** The validated request (defaults applied) with the seed actually used filled in: the recipe. */
  request: z.record(z.string(), z.unknown()),
  /** The exact model that ran (name, version, precision, graph sha256). */
  model: resolvedModelSchema,
  /** The seed used (variation i uses stream (seed, i)). */
  seed: z.number().int(),
  jobId: z.string(),
  /** ISO time the run finished. */
  createdAt: z.string(),
  /** Wall time of the call in milliseconds, queueing included. */
  durationMs: z.number(),
  /** The entry this one regenerated, when it came from history.regenerate. */
  regeneratedFrom: z.string().optional(),
  summary: historySummarySchema,
  preview: historyPreviewSchema,
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

/** An item with the run it produced, exactly as its method answered. */
export const historyEntrySchema = historyItemSchema.extend({ run: z.union([levelRunSchema, musicRunSchema]) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'cleared']),
  /** The entry added or removed. */
  id: z.string().nullable(),
});
export type HistoryChange = z.infer<typeof historyChangeSchema>;

const idSchema = z.string().min(1).max(100);

export const historyMethods = {
  'history.list': defineMethod({
    summary: 'Finished generations with their recipes, newest first, a page at a time, optionally of one kind.',
    request: z
      .object({
        kind: z.enum(historyKinds).optional(),
        /** Entries skipped from the newest. */
        offset: z.coerce.number().int().min(0).default(0),
        /** Up to the 500 entries the history keeps. */
        limit: z.coerce.number().int().min(1).max(500).default(50),
      })
      .strict(),
    response: z.object({ items: z.array(historyItemSchema), total: z.number().int() }),
    http: 'GET',
  }),
  'history.get': defineMethod({
    summary: 'One history entry with the result it produced.',
    request: z.object({ id: idSchema }).strict(),
    response: historyEntrySchema,
    http: 'POST',
  }),
  'history.regenerate': defineMethod({
    summary:
      'Reruns an entry’s recipe on the same model version and digest with the same seed; answers as its method does.',
    request: z.object({ id: idSchema }).strict(),
    response: z.union([levelRunSchema, musicRunSchema]),
    http: 'POST',
  }),
  'history.remove': defineMethod({
    summary: 'Forgets one history entry.',
    request: z.object({ id: idSchema }).strict(),
    response: z.object({ removed: z.boolean() }),
    http: 'POST',
  }),
  'history.clear': defineMethod({
    summary: 'Forgets every history entry.',
    request: z.object({}).strict(),
    response: z.object({ removed: z.number().int() }),
    http: 'POST',
  }),
};
