// Values typed outside their limits, per field, so a workspace's Generate waits and says why while one is shown.
import { useCallback } from 'react';
import type { StateCreator } from 'zustand';
import { useStudio } from './store-context.js';
import type { StudioState } from './studio-store.js';

export interface FieldProblemsSlice {
  /** Field id (e.g. "music.bars") → the field's label and its limit, e.g. { label: "Bars", limit: "1–32 bars" }. */
  fieldProblems: Record<string, { label: string; limit: string }>;
  /** Records what is wrong with a field, or forgets it (null) once it holds a value again or goes away. */
  setFieldProblem: (field: string, problem: { label: string; limit: string } | null) => void;
}

export const createFieldProblemsSlice: StateCreator<StudioState, [], [], FieldProblemsSlice> = (set, get) => ({
  fieldProblems: {},
  setFieldProblem: (field, problem) => {
    const current = get().fieldProblems[field];
    if (problem === null ? !current : current?.label === problem.label && current.limit === problem.limit) return;
    const fieldProblems = { ...get().fieldProblems };
    if (problem) fieldProblems[field] = problem;
    else delete fieldProblems[field];
    set({ fieldProblems });
  },
});

/** Why a workspace's fields cannot run yet, e.g. "Bars must be 1–32 bars", or null when every field holds a value. */
export function fieldProblemIn(
  state: Pick<StudioState, 'fieldProblems'>,
  workspace: 'music' | 'arrange' | 'levels' | 'dungeons',
): string | null {
  const found = Object.entries(state.fieldProblems).find(([field]) => field.startsWith(`${workspace}.`));
  return found ? `${found[1].label} must be ${found[1].limit}` : null;
}

/** A NumberField's onValidity that records the field's problem under `field` (e.g. "music.bars"). */
export function useFieldValidity(field: string, label: string): (limit: string | null) => void {
  const setFieldProblem = useStudio((state) => state.setFieldProblem);
  return useCallback(
    (limit) => setFieldProblem(field, limit === null ? null : { label, limit }),
    [setFieldProblem, field, label],
  );
}
