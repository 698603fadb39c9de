// The Levels workspace's state: prompt settings, the generated variations, column selection, undo, and exports.
import type { StateCreator } from 'zustand';
import type {
  ErrorPayload,
  ExportedFile,
  GeneratedLevel,
  LevelRun,
  MosaicBridge,
  ResponseOf,
} from '../../../contract/index.js';
import type { LevelExportFormat } from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import { clampSelection, regionOf, type ColumnSelection } from './column-selection.js';
import { exportEveryVariation, underExportActivity } from './export-every-variation.js';
import { GenerationTickets } from './jobs-slice.js';
import {
  defaultLevelSettings,
  levelExportName,
  randomSeed,
  sanitizeLevelSettings,
  type LevelSettings,
} from './level-settings.js';
import type { StudioState } from './studio-store.js';

export type LevelTileset = ResponseOf<'levels.tileset'>;
export type { LevelExportFormat } from '../../../contract/index.js';
export const levelJobKinds = ['levels.generate', 'levels.regenerate'] as const;

/*
 * Level work (one thing at a time):
 *
 *   idle ──generate──▶ generating ──result──▶ idle (variations replaced)
 *     ├──regenerate──▶ regenerating ──result──▶ idle (variation replaced, undo step kept)
 *     └──export (one variation, or all: done counts them)──▶ exporting ──files──▶ idle
 *   any failure (or a cancel) ──▶ idle with levelError set; the next action clears it.
 *   generating | regenerating ──open a recorded run──▶ idle (the run shown; the job cancelled, its late answer ignored)
 */
export type LevelActivity =
  | { state: 'idle' }
  | { state: 'generating' }
  | { state: 'regenerating'; from: number; to: number }
  | { state: 'exporting'; format: LevelExportFormat; all?: { done: number; total: number } };

export interface LevelUndoStep {
  variation: number;
  level: GeneratedLevel;
  /** The job id of the region edit that made `level`, or null for the level as generated. */
  edit: string | null;
}

/** A level run put back after a reload (levels-results.ts): the run, its region edits per variation, the pick. */
export interface RestoredLevels {
  run: LevelRun;
  /** Per variation, the region-regenerate run whose level replaced it, when one did. */
  edits: Record<number, LevelRun>;
  selectedVariation: number;
}

export interface LevelsSlice {
  levelSettings: LevelSettings;
  levelTileset: LevelTileset | null;
  /** The last generate run: its model and result give the exports their provenance. */
  levelRun: LevelRun | null;
  /** The variations as they are now, region edits included. */
  levels: GeneratedLevel[];
  /** Per variation, the job id of the region edit shown (absent: the level as generated); what a reload finds again. */
  levelEdits: Record<number, string>;
  selectedVariation: number;
  /** Columns selected on the selected variation; cleared when another variation (or new levels) is shown. */
  columnSelection: ColumnSelection | null;
  levelUndo: LevelUndoStep[];
  levelActivity: LevelActivity;
  levelError: ErrorPayload | null;
  setLevelSettings: (patch: Partial<LevelSettings>) => void;
  newLevelSeed: () => void;
  loadLevelTileset: () => Promise<void>;
  generateLevels: () => Promise<void>;
  regenerateColumns: () => Promise<void>;
  cancelLevelWork: () => Promise<void>;
  /** Shows an error of work done beside the slice's own (a star that could not be set). */
  reportLevelError: (error: unknown) => void;
  /** Shows a recorded run (from History) as the variations, abandoning a generate or regenerate in flight. */
  openLevelRun: (run: LevelRun) => void;
  /** Puts back the levels kept over a reload unless levels were made or opened since. */
  restoreLevels: (restored: RestoredLevels) => void;
  selectVariation: (index: number) => void;
  selectColumns: (selection: ColumnSelection | null) => void;
  undoLevelEdit: () => void;
  exportLevel: (format: LevelExportFormat) => Promise<ExportedFile[] | null>;
  /**
   * Exports every variation in one format: each level's files, and a file several share (the tileset of Tiled maps and
   * LDtk projects) once.
   */
  exportAllLevels: (format: LevelExportFormat) => Promise<ExportedFile[] | null>;
}

/** Steps of undo kept; older ones are dropped. */
const undoDepth = 50;

export function createLevelsSlice(
  bridge: MosaicBridge,
  random: () => number = Math.random,
): StateCreator<StudioState, [], [], LevelsSlice> {
  return (set, get, store) => {
    // Each generation takes a ticket; opening a recorded run abandons the one in flight (see GenerationTickets).
    const generations = new GenerationTickets(store, levelJobKinds);
    const fail = (error: unknown): void => set({ levelActivity: { state: 'idle' }, levelError: toErrorPayload(error) });
    // An export that starts clears the last error; one that fails shows its own (fail).
    const showActivity = (levelActivity: LevelActivity): void =>
      set(levelActivity.state === 'exporting' ? { levelActivity, levelError: null } : { levelActivity });
    return {
      levelSettings: defaultLevelSettings,
      levelTileset: null,
      levelRun: null,
      levels: [],
      levelEdits: {},
      selectedVariation: 0,
      columnSelection: null,
      levelUndo: [],
      levelActivity: { state: 'idle' },
      levelError: null,
      setLevelSettings: (patch) => {
        // A value out of range leaves the current one (the field shows the limit), never a clamped guess.
        const current = get().levelSettings;
        set({ levelSettings: sanitizeLevelSettings({ ...current, ...patch }, current) });
      },
      newLevelSeed: () => get().setLevelSettings({ seed: randomSeed(random) }),
      loadLevelTileset: async () => {
        try {
          set({ levelTileset: await bridge.call('levels.tileset', {}) });
        } catch (error) {
          set({ levelError: toErrorPayload(error) });
        }
      },
      generateLevels: async () => {
        if (get().levelActivity.state !== 'idle') return;
        const { attributes, width, variations, seed, temperature } = get().levelSettings;
        set({ levelActivity: { state: 'generating' }, levelError: null });
        const ticket = generations.take();
        try {
          const run = await bridge.call('levels.generate', { attributes, width, variations, seed, temperature });
          if (!generations.isCurrent(ticket)) return;
          set({
            levelRun: run,
            levels: run.result.levels,
            levelEdits: {},
            selectedVariation: 0,
            columnSelection: null,
            levelUndo: [],
            levelActivity: { state: 'idle' },
          });
        } catch (error) {
          if (generations.isCurrent(ticket)) fail(error);
        }
      },
      regenerateColumns: async () => {
        const { levels, selectedVariation, columnSelection, levelActivity, levelSettings } = get();
        const level = levels[selectedVariation];
        if (!level || !columnSelection || levelActivity.state !== 'idle') return;
        const region = regionOf(columnSelection);
        set({ levelActivity: { state: 'regenerating', ...region }, levelError: null });
        const ticket = generations.take();
        try {
          const run = await bridge.call('levels.regenerate', {
            rows: level.rows,
            ...region,
            variations: 1,
            attributes: levelSettings.attributes,
            temperature: levelSettings.temperature,
            seed: randomSeed(random),
          });
          if (!generations.isCurrent(ticket)) return;
          const replacement = run.result.levels[0];
          if (!replacement) throw new Error('levels.regenerate returned no level');
          const current = get().levels;
          set({
            levels: current.map((entry, index) =>
              index === selectedVariation ? { ...replacement, variation: selectedVariation } : entry,
            ),
            levelEdits: { ...get().levelEdits, [selectedVariation]: run.jobId },
            levelUndo: [
              ...get().levelUndo,
              { variation: selectedVariation, level, edit: get().levelEdits[selectedVariation] ?? null },
            ].slice(-undoDepth),
            levelActivity: { state: 'idle' },
          });
        } catch (error) {
          if (generations.isCurrent(ticket)) fail(error);
        }
      },
      reportLevelError: (error) => set({ levelError: toErrorPayload(error) }),
      cancelLevelWork: async () => {
        try {
          await generations.cancel(
            ({ levelActivity }) => levelActivity.state === 'generating' || levelActivity.state === 'regenerating',
          );
        } catch (error) {
          set({ levelError: toErrorPayload(error) });
        }
      },
      openLevelRun: (run) => {
        const { levelActivity } = get();
        if (levelActivity.state === 'generating' || levelActivity.state === 'regenerating') generations.abandon();
        set({
          levelRun: run,
          levels: run.result.levels,
          levelEdits: {},
          selectedVariation: 0,
          columnSelection: null,
          levelUndo: [],
          // An export in flight carries its own copy of the level it writes, so it is left to finish.
          levelActivity: levelActivity.state === 'exporting' ? levelActivity : { state: 'idle' },
          levelError: null,
        });
      },
      restoreLevels: ({ run, edits, selectedVariation }) => {
        if (get().levelRun || get().levels.length > 0) return;
        const levels = run.result.levels.map((level, index) => {
          const edited = edits[index]?.result.levels[0];
          return edited ? { ...edited, variation: index } : level;
        });
        if (levels.length === 0) return;
        set({
          levelRun: run,
          levels,
          levelEdits: Object.fromEntries(Object.entries(edits).map(([index, edit]) => [index, edit.jobId])),
          selectedVariation: Math.min(levels.length - 1, Math.max(0, selectedVariation)),
        });
      },
      selectVariation: (index) => {
        const { levels } = get();
        if (levels.length === 0) return;
        const selectedVariation = Math.min(levels.length - 1, Math.max(0, index));
        // A selection belongs to the variation it was made on: another variation starts with none.
        if (selectedVariation !== get().selectedVariation) set({ selectedVariation, columnSelection: null });
      },
      selectColumns: (selection) => {
        const width = get().levels[get().selectedVariation]?.rows[0]?.length ?? 0;
        set({ columnSelection: clampSelection(selection, width) });
      },
      undoLevelEdit: () => {
        const steps = get().levelUndo;
        const step = steps.at(-1);
        if (!step || get().levelActivity.state !== 'idle') return;
        const levelEdits = { ...get().levelEdits };
        if (step.edit) levelEdits[step.variation] = step.edit;
        else delete levelEdits[step.variation];
        set({
          levels: get().levels.map((entry, index) => (index === step.variation ? step.level : entry)),
          levelEdits,
          levelUndo: steps.slice(0, -1),
          selectedVariation: step.variation,
          ...(step.variation === get().selectedVariation ? {} : { columnSelection: null }),
        });
      },
      exportLevel: async (format) => {
        const { levelRun, levels, selectedVariation, levelActivity } = get();
        const level = levels[selectedVariation];
        if (!levelRun || !level || levelActivity.state !== 'idle') return null;
        return underExportActivity(format, null, showActivity, fail, () =>
          exportOne(bridge, levelRun, level, selectedVariation, format),
        );
      },
      exportAllLevels: async (format) => {
        const { levelRun, levels, levelActivity } = get();
        if (!levelRun || levels.length === 0 || levelActivity.state !== 'idle') return null;
        return underExportActivity(format, levels.length, showActivity, fail, (onDone) =>
          exportEveryVariation(
            levels,
            (level, variation) => exportOne(bridge, levelRun, level, variation, format),
            onDone,
          ),
        );
      },
    };
  };
}

/** One variation's export files, with the run's provenance, named after its prompt, seed and variation. */
async function exportOne(
  bridge: MosaicBridge,
  run: LevelRun,
  level: GeneratedLevel,
  variation: number,
  format: LevelExportFormat,
): Promise<ExportedFile[]> {
  const { model, result } = run;
  const { files } = await bridge.call('levels.export', {
    level: { rows: level.rows, path: level.path, spawn: level.spawn, goal: level.goal, playable: level.playable },
    provenance: {
      model: `${model.name}@${model.version}`,
      digest: model.digest,
      prompt: result.prompt,
      seed: result.seed,
    },
    format,
    name: levelExportName(result.prompt, result.seed, variation),
  });
  return files;
}

/** The variation shown in the editor, or null before anything was generated. */
export function selectedLevel(state: Pick<StudioState, 'levels' | 'selectedVariation'>): GeneratedLevel | null {
  return state.levels[state.selectedVariation] ?? null;
}

/**
 * The run (job id) and its variation a level of the strip came from, to star it in History: its last region redraw
 * (a one-level run) when it has one, else the generation's variation; null where there is no such level.
 */
export function levelOriginAt(
  state: Pick<StudioState, 'levelRun' | 'levelEdits' | 'levels'>,
  index: number,
): { jobId: string; variation: number } | null {
  if (!state.levelRun || !state.levels[index]) return null;
  const edit = state.levelEdits[index];
  return edit ? { jobId: edit, variation: 0 } : { jobId: state.levelRun.jobId, variation: index };
}

/** The origin (levelOriginAt) of the level shown in the editor. */
export function shownLevelOrigin(
  state: Pick<StudioState, 'levelRun' | 'levelEdits' | 'levels' | 'selectedVariation'>,
): { jobId: string; variation: number } | null {
  return levelOriginAt(state, state.selectedVariation);
}
