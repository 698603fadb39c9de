// Contract methods of the taste domain: a recommender that learns, on this machine and per data folder, which
// variations this user prefers from what they already do (star, export, play to the end, discard), and ranks new
// variations by it.
import { z } from 'zod';
import { defineMethod } from './method-spec.js';

/**
 * What the user did with a variation: kept it (starred), exported or dragged it out, played it to the end (positive),
 * or discarded it (negative).
 */
export const tasteSignals = ['keep', 'export', 'play', 'discard'] as const;
export type TasteSignal = (typeof tasteSignals)[number];

/** One model per kind of result: melodies, drum grooves, arranged songs, levels (each has its own features). */
export const tasteKinds = ['melody', 'drums', 'song', 'level'] as const;
export type TasteKind = (typeof tasteKinds)[number];

/** How a generate method orders its variations: as generated (variation i of seed s first) or by this user's taste. */
export const variationOrders = ['generated', 'taste'] as const;
export type VariationOrder = (typeof variationOrders)[number];

/** The request field of music.generate, music.drums, music.arrange and levels.generate. */
export const variationOrderField = {
  /**
   * "taste": return the variations best first by this data folder's taste model (each keeps its own seed stream, and
   * the run's `order` says which generated variation each one is); default "generated".
   */
  order: z.enum(variationOrders).optional(),
};

const featureWeightSchema = z.object({
  /** A feature's name, e.g. "notesPerBar" or "enemies". */
  feature: z.string(),
  /** In rank: this feature's share of the variation's score (weight × standardised value); in explain: the weight. */
  weight: z.number(),
});
export type FeatureWeight = z.infer<typeof featureWeightSchema>;

/** The order a generate method answered in, when the request asked for one. */
export const variationOrderSchema = z.object({
  /** "taste" when the variations were reordered; "generated" when they could not be (see `note`). */
  by: z.enum(variationOrders),
  /** For each variation returned, its generated index: the seed stream (seed, index) that regenerates it. */
  variations: z.array(z.number().int().min(0)),
  /** The taste score of each variation returned (higher: more to this user's taste). */
  scores: z.array(z.number()).optional(),
  /** Why the variations stayed in generated order: ranking is off, or no feedback for this kind yet. */
  note: z.string().optional(),
});
export type VariationOrderInfo = z.infer<typeof variationOrderSchema>;

const runRefFields = {
  /** The history entry of the run (history.list), or instead: */
  historyId: z.string().min(1).max(100).optional(),
  /** the job id the run answered with (what a workspace showing the run knows). */
  jobId: z.string().min(1).max(100).optional(),
};
const hasRunRef = (request: { historyId?: string; jobId?: string }) =>
  (request.historyId === undefined) !== (request.jobId === undefined);
const runRefMessage = 'give historyId or jobId (one of them)';

export const rankedVariationSchema = z.object({
  /** The variation's index in the run as generated (and as history holds it). */
  variation: z.number().int().min(0),
  score: z.number(),
  /** The features that moved this score most, largest share first (at most 3). */
  why: z.array(featureWeightSchema),
});
export type RankedVariation = z.infer<typeof rankedVariationSchema>;

export const tasteKindStatusSchema = z.object({
  kind: z.enum(tasteKinds),
  /** Feedback events recorded for this kind (since the last reset). */
  events: z.number().int(),
  /** Runs those events came from. */
  runs: z.number().int(),
  /** Preference pairs the model was fitted on (kept ≻ discarded and kept ≻ unrated ≻ discarded within a run). */
  pairs: z.number().int(),
  /** Whether a model is fitted (at least one pair): only then can this kind be ranked. */
  fitted: z.boolean(),
  /** Milliseconds the last refit took, and when it ran (ISO). */
  fitMs: z.number().optional(),
  fittedAt: z.string().optional(),
});
export type TasteKindStatus = z.infer<typeof tasteKindStatusSchema>;

export const tasteStatusSchema = z.object({
  /** Off: feedback is not recorded and nothing is reordered (the recorded events are kept). */
  enabled: z.boolean(),
  kinds: z.array(tasteKindStatusSchema),
  /** Where the events and fitted weights live (inside the data folder, so copying the folder takes them along). */
  folder: z.string(),
});
export type TasteStatus = z.infer<typeof tasteStatusSchema>;

export const tasteMethods = {
  'taste.feedback': defineMethod({
    summary:
      'Records what the user did with one variation of a run (keep, export, play to the end, discard) and refits that kind’s taste model.',
    request: z
      .object({
        ...runRefFields,
        /** The variation's index as generated (0-based). */
        variation: z.number().int().min(0).max(15),
        signal: z.enum(tasteSignals),
      })
      .strict()
      .refine(hasRunRef, runRefMessage),
    response: z.object({
      /** False when taste ranking is off: nothing was written. */
      recorded: z.boolean(),
      historyId: z.string(),
      kind: z.enum(tasteKinds),
      status: tasteKindStatusSchema,
    }),
    http: 'POST',
  }),
  'taste.rank': defineMethod({
    summary:
      'Scores every variation of a recorded run by this user’s taste, best first, with the features that weighed most.',
    request: z
      .object({ ...runRefFields })
      .strict()
      .refine(hasRunRef, runRefMessage),
    response: z.object({
      historyId: z.string(),
      kind: z.enum(tasteKinds),
      /** Best first; scores are all 0 (and the order generated) when this kind has no fitted model yet. */
      ranked: z.array(rankedVariationSchema),
      fitted: z.boolean(),
    }),
    http: 'POST',
  }),
  'taste.explain': defineMethod({
    summary: 'The features each taste model weighs, heaviest first (weights on standardised features).',
    request: z.object({ kind: z.enum(tasteKinds).optional() }).strict(),
    response: z.object({
      models: z.array(tasteKindStatusSchema.extend({ features: z.array(featureWeightSchema) })),
    }),
    http: 'POST',
  }),
  'taste.status': defineMethod({
    summary: 'Whether taste ranking is on, and how much feedback each kind’s model has learnt from.',
    request: z.object({}).strict(),
    response: tasteStatusSchema,
    http: 'GET',
  }),
  'taste.reset': defineMethod({
    summary: 'Forgets the recorded feedback and fitted weights of one kind, or of all.',
    request: z.object({ kind: z.enum(tasteKinds).optional() }).strict(),
    response: tasteStatusSchema,
    http: 'POST',
  }),
  'taste.configure': defineMethod({
    summary: 'Turns taste ranking on or off (off: no feedback recorded, nothing reordered; what was learnt is kept).',
    request: z.object({ enabled: z.union([z.boolean(), z.stringbool()]) }).strict(),
    response: tasteStatusSchema,
    http: 'POST',
  }),
};
