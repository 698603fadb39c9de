// Levels' kept results (see persisted-results.ts): the run shown, its region edits and the pick, as history job ids.
import { z } from 'zod';
import type { LevelRun, MosaicBridge } from '../../../contract/index.js';
import { levelVariationsRange } from './level-settings.js';
import { keptResults, keptRuns, type KeptResults } from './persisted-results.js';
import type { StudioState } from './studio-store.js';

const jobId = z.string().min(1).max(200);
export const keptLevelsSchema = z
  .object({
    /** The job id of the run shown (a generate, or a regenerate opened from History). */
    jobId,
    selectedVariation: z
      .number()
      .int()
      .min(0)
      .max(levelVariationsRange.max - 1),
    /** Per variation (as a string key), the job id of the region edit shown instead of the level as generated. */
    edits: z.record(z.string().regex(/^[0-7]$/), jobId),
  })
  .strict();
export type KeptLevels = z.infer<typeof keptLevelsSchema>;

/** What Levels keeps: references to runs that History holds, never the levels themselves. */
export function keptLevelsOf(state: StudioState): KeptLevels | null {
  if (!state.levelRun || state.levels.length === 0) return null;
  const edits = Object.fromEntries(Object.entries(state.levelEdits).map(([index, edit]) => [String(index), edit]));
  return { jobId: state.levelRun.jobId, selectedVariation: state.selectedVariation, edits };
}

export function levelsResults(bridge: MosaicBridge): KeptResults<StudioState> {
  return keptResults<StudioState, KeptLevels>({
    key: 'mosaic-studio:levels-results',
    version: 1,
    schema: keptLevelsSchema,
    sources: (state) => [state.levelRun, state.levelEdits, state.selectedVariation],
    select: keptLevelsOf,
    restore: async (kept, store) => {
      const runs = await keptRuns(bridge, 'level', [kept.jobId, ...Object.values(kept.edits)]);
      const run = runs.get(kept.jobId);
      if (!run) return;
      const edits: Record<number, LevelRun> = {};
      for (const [index, edit] of Object.entries(kept.edits)) {
        const editRun = runs.get(edit);
        if (editRun) edits[Number(index)] = editRun;
      }
      store.getState().restoreLevels({ run, edits, selectedVariation: kept.selectedVariation });
    },
  });
}
