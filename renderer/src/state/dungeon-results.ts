// Dungeons' kept results (see persisted-results.ts): the run shown, every variation's takes, the picks.
//
// Unlike Levels this record keeps the dungeons themselves rather than only History's job ids (a dungeon is ~5 K
// characters of JSON at 12 rooms, ~13 K at 32, as level-dungeon@1.0.0 draws them): a reload then finds every take
// without a History lookup per redraw, and survives History being cleared. When the takes would pass
// `keptCharacters` (8 variations × 20 takes of 32 rooms could), only each variation's shown take is kept.
import { z } from 'zod';
import { dungeonRunSchema, dungeonSchema } from '../../../contract/index.js';
import { dungeonVariationsRange } from './dungeon-settings.js';
import { dungeonTakeDepth, type DungeonTakes } from './dungeons-slice.js';
import { keptResults, type KeptResults } from './persisted-results.js';
import type { StudioState } from './studio-store.js';

/** Characters of JSON the record may take in storage (localStorage holds about 5 M per origin, shared). */
export const keptCharacters = 1_500_000;

export const keptDungeonsSchema = z
  .object({
    /** The generate run, its dungeons left out (they are the first take of each variation). */
    run: dungeonRunSchema,
    variations: z
      .array(
        z
          .object({
            takes: z.array(dungeonSchema).min(1).max(dungeonTakeDepth),
            edits: z.array(z.string().min(1).max(200).nullable()).min(1).max(dungeonTakeDepth),
            at: z.number().int().min(0),
          })
          .strict(),
      )
      .min(1)
      .max(dungeonVariationsRange.max),
    selectedDungeon: z
      .number()
      .int()
      .min(0)
      .max(dungeonVariationsRange.max - 1),
    selectedRoom: z.number().int().min(0).nullable(),
  })
  .strict();
export type KeptDungeons = z.infer<typeof keptDungeonsSchema>;

/** What Dungeons keeps: the run's provenance, the takes (trimmed to the shown ones when large), the picks. */
export function keptDungeonsOf(state: StudioState): KeptDungeons | null {
  if (!state.dungeonRun || state.dungeonTakes.length === 0) return null;
  const run = { ...state.dungeonRun, result: { ...state.dungeonRun.result, dungeons: [] } };
  const whole: KeptDungeons = {
    run,
    variations: state.dungeonTakes,
    selectedDungeon: state.selectedDungeon,
    selectedRoom: state.selectedRoom,
  };
  if (JSON.stringify(whole).length <= keptCharacters) return whole;
  const shown = state.dungeonTakes.map((entry): DungeonTakes => ({
    takes: [entry.takes[entry.at]!],
    edits: [entry.edits[entry.at] ?? null],
    at: 0,
  }));
  return { ...whole, variations: shown };
}

export function dungeonResults(): KeptResults<StudioState> {
  return keptResults<StudioState, KeptDungeons>({
    key: 'mosaic-studio:dungeon-results',
    version: 1,
    schema: keptDungeonsSchema,
    sources: (state) => [state.dungeonRun, state.dungeonTakes, state.selectedDungeon, state.selectedRoom],
    select: keptDungeonsOf,
    restore: async (kept, store) => {
      store.getState().restoreDungeons({
        run: kept.run,
        takes: kept.variations,
        selectedDungeon: kept.selectedDungeon,
        selectedRoom: kept.selectedRoom,
      });
    },
  });
}
