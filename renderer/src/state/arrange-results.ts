// Arrange's kept results (see persisted-results.ts): arranged songs are not in History, so the song itself is kept —
// every variation's takes (the undo stack, trimmed to fit), the pick and each variation's selection.
import { z } from 'zod';
import { drumStyles, melodyStyles, musicKeySchema, songCellSchema, songTrackSchema } from '../../../contract/index.js';
import { keptResults, type KeptResults } from './persisted-results.js';
import type { CellSelection } from './arrange-selection.js';
import type { ArrangeSong, VariationTakes } from './arrange-song.js';
import type { StudioState } from './studio-store.js';

/** A kept song larger than this (JSON characters, ~1.5 MB) keeps only each variation's current take. */
export const maxKeptSongChars = 1_500_000;

const takeSchema = z
  .object({
    id: z.string().min(1).max(300),
    tracks: z.array(songTrackSchema).max(4),
    bars: z.number().int().min(1).max(64),
    changed: z.array(songCellSchema).max(512),
    label: z.string().max(300),
  })
  .strict();
const pointSchema = z.object({ lane: z.number().int().min(0).max(3), bar: z.number().int().min(0).max(63) }).strict();
const selectionSchema = z
  .object({ variation: z.number().int().min(0), anchor: pointSchema, cursor: pointSchema })
  .strict();

const songSchema = z
  .object({
    id: z.string().min(1).max(300),
    origin: z.string().max(300),
    bars: z.number().int().min(1).max(64),
    tempo: z.number().min(30).max(300),
    key: musicKeySchema.optional(),
    style: z.enum(melodyStyles),
    drumStyle: z.enum(drumStyles),
    form: z.string().max(16).optional(),
    seed: z.number().int().optional(),
    model: z.string().max(200).optional(),
    timing: z.object({ totalMs: z.number(), tokensPerSecond: z.number() }).strict().optional(),
    variations: z
      .array(z.object({ takes: z.array(takeSchema).min(1).max(64), index: z.number().int().min(0) }).strict())
      .min(1)
      .max(16),
    selected: z.number().int().min(0),
  })
  .strict()
  .refine(
    (song) => song.variations.every((stack) => stack.index < stack.takes.length),
    'a take index is outside its stack',
  );

export const keptArrangeSchema = z
  .object({ song: songSchema, selections: z.record(z.string().regex(/^\d{1,2}$/), selectionSchema) })
  .strict() as unknown as z.ZodType<KeptArrange>;
export interface KeptArrange {
  song: ArrangeSong;
  selections: Record<number, CellSelection>;
}

/** Only the current take of each variation (what a reload must never lose). */
function currentOnly(stack: VariationTakes): VariationTakes {
  return { takes: [stack.takes[stack.index]!], index: 0 };
}

export function keptArrangeOf(state: StudioState): KeptArrange | null {
  const song = state.arrangeSong;
  if (!song) return null;
  const whole = { song, selections: state.arrangeSelections };
  if (JSON.stringify(whole).length <= maxKeptSongChars) return whole;
  return { song: { ...song, variations: song.variations.map(currentOnly) }, selections: state.arrangeSelections };
}

export function arrangeResults(): KeptResults<StudioState> {
  return keptResults<StudioState, KeptArrange>({
    key: 'mosaic-studio:arrange-results',
    version: 1,
    schema: keptArrangeSchema,
    sources: (state) => [state.arrangeSong, state.arrangeSelections],
    select: keptArrangeOf,
    restore: (kept, store) => {
      store.getState().restoreArrange(kept);
      return Promise.resolve();
    },
  });
}
