// Contract methods of the history domain: every finished generation with its recipe, listed, reopened and regenerated
// exactly (same model version and digest, same seeds).
import { z } from 'zod';
import { arrangeTracks } from './arrange.js';
import { arrangeRunSchema } from './arrange-methods.js';
import { dungeonRunSchema } from './dungeon-methods.js';
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
  'music.arrange',
  'music.infill',
  'music.harmonize',
  'music.humanize',
  'dungeons.generate',
  'dungeons.regenerateRoom',
] as const;
export type HistoryMethodId = (typeof historyMethodIds)[number];

/** Levels, single-part music clips, arranged songs (several parts: arrange, infill, harmonize, humanize), dungeons. */
export const historyKinds = ['level', 'music', 'song', 'dungeon'] as const;
export type HistoryKind = (typeof historyKinds)[number];

const songMethods: readonly HistoryMethodId[] = ['music.arrange', 'music.infill', 'music.harmonize', 'music.humanize'];

export function historyKindOf(method: HistoryMethodId): HistoryKind {
  if (method.startsWith('levels.')) return 'level';
  if (method.startsWith('dungeons.')) return 'dungeon';
  return songMethods.includes(method) ? 'song' : 'music';
}

export const historySummarySchema = z.object({
  /** One line for lists, e.g. "8 bars in A minor" or "100 columns, “many pipes”". */
  label: z.string(),
  variations: z.number().int(),
  /** Levels: columns, levels found playable, the prompt as understood. Dungeons: playable counts the connected ones. */
  width: z.number().int().optional(),
  playable: z.number().int().optional(),
  prompt: z.string().optional(),
  /** Music and songs: bars (primer included), notes of the first variation, key as "A minor", style. */
  bars: z.number().int().optional(),
  notes: z.number().int().optional(),
  key: z.string().optional(),
  style: z.string().optional(),
  /** Songs: the parts the first variation has, in lane order. */
  tracks: z.array(z.enum(arrangeTracks)).optional(),
  /** Dungeons: rooms of the first variation. */
  rooms: z.number().int().optional(),
});
export type HistorySummary = z.infer<typeof historySummarySchema>;

const previewNoteSchema = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

/**
 * What a thumbnail is drawn from: the first variation's tiles (a dungeon's: its whole map, 16 × 11 per room, '-' void), its notes as [pitch, start, duration] in ticks, or a
 * song's lanes (each part's notes).
 */
export const historyPreviewSchema = z.object({
  rows: z.array(z.string()).optional(),
  notes: z.array(previewNoteSchema).optional(),
  /** Songs: per part, in lane order, its notes as [pitch, start, duration] in ticks. */
  lanes: z.array(z.object({ track: z.enum(arrangeTracks), notes: z.array(previewNoteSchema) })).optional(),
  /** Music and songs: length in ticks (480 per beat). */
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
  /** Starred by the user (history.keep): a result to keep; absent or false otherwise. */
  kept: z.boolean().optional(),
  /** The variations starred (0-based), when stars were set on variations rather than on the whole entry. */
  keptVariations: z.array(z.number().int().min(0)).optional(),
  summary: historySummarySchema,
  preview: historyPreviewSchema,
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

/** An item with the run it produced, exactly as its method answered. */
export const historyEntrySchema = historyItemSchema.extend({
  run: z.union([levelRunSchema, musicRunSchema, arrangeRunSchema, dungeonRunSchema]),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'cleared', 'kept']),
  /** The entry added, removed or (un)starred. */
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
        /** Only starred entries (history.keep); `true` or `false` in a query string. */
        kept: z.union([z.boolean(), z.stringbool()]).optional(),
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
    response: z.union([levelRunSchema, musicRunSchema, arrangeRunSchema, dungeonRunSchema]),
    http: 'POST',
  }),
  'history.keep': defineMethod({
    summary:
      'Stars an entry (by id, or by the job that made it) as a result to keep, or one of its variations; kept: false unstars.',
    request: z
      .object({
        id: idSchema.optional(),
        /** Instead of id: the job id a run answered with (what a workspace showing the run knows). */
        jobId: idSchema.optional(),
        /** Star only this variation (0-based); the entry counts as kept while any of its variations is. */
        variation: z.number().int().min(0).max(15).optional(),
        kept: z.boolean().default(true),
      })
      .strict()
      .refine(
        (request) => (request.id === undefined) !== (request.jobId === undefined),
        'give exactly one of id or jobId',
      ),
    response: z.object({
      id: z.string(),
      kept: z.boolean(),
      /** Variations starred one by one (empty when the star is on the whole entry, or off). */
      keptVariations: z.array(z.number().int()),
    }),
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
