// The Levels workspace's commands: generate, cancel, regenerate the selected columns, undo, variations, seed, exports
// (of the selected variation, or of all of them at once).
import { downloadFiles } from '../ui/download-files.js';
import { levelOriginAt, selectedLevel, shownLevelOrigin, type LevelExportFormat } from '../state/levels-slice.js';
import { fieldProblemIn } from '../state/field-problems-slice.js';
import type { StudioState, StudioStore } from '../state/studio-store.js';
import { displayOrder } from '../state/taste-slice.js';
import type { StudioCommand } from './command.js';

const inLevels = (state: StudioState): boolean => state.workspace === 'levels';
const idle = (state: StudioState): boolean => inLevels(state) && state.levelActivity.state === 'idle';
/** Bare-key shortcuts must not fire while the palette's input has the keyboard. */
const bareKeys = (state: StudioState): boolean => inLevels(state) && !state.paletteOpen && state.levels.length > 1;

function exportCommand(format: LevelExportFormat, label: string): StudioCommand {
  return {
    id: `levels.export.${format}`,
    label,
    enabled: (state) => idle(state) && state.levelRun !== null && selectedLevel(state) !== null,
    run: async (store) => {
      const files = await store.getState().exportLevel(format);
      if (!files) return;
      downloadFiles(files);
      const origin = shownLevelOrigin(store.getState());
      if (origin) void store.getState().sendTaste(origin.jobId, origin.variation, 'export');
    },
  };
}

function exportAllCommand(format: LevelExportFormat, label: string): StudioCommand {
  return {
    id: `levels.exportAll.${format}`,
    label,
    enabled: (state) => idle(state) && state.levelRun !== null && state.levels.length > 0,
    run: async (store) => {
      const files = await store.getState().exportAllLevels(format);
      if (!files) return;
      downloadFiles(files);
      const state = store.getState();
      for (const index of state.levels.keys()) {
        const origin = levelOriginAt(state, index);
        if (origin) void state.sendTaste(origin.jobId, origin.variation, 'export');
      }
    },
  };
}

/** Moves the selection by `by` cards as the strip shows them (For you order, or as generated). */
function stepLevel(store: StudioStore, by: number): void {
  const state = store.getState();
  const order = displayOrder(state, 'levels', state.levelRun?.jobId ?? null, state.levels.length);
  const position = Math.min(order.length - 1, Math.max(0, order.indexOf(state.selectedVariation) + by));
  state.selectVariation(order[position]!);
}

export const levelCommands: StudioCommand[] = [
  {
    id: 'levels.keep',
    label: 'Keep (star) the level shown',
    shortcut: 'F',
    enabled: (state) => inLevels(state) && !state.paletteOpen && shownLevelOrigin(state) !== null,
    run: async (store) => {
      const origin = shownLevelOrigin(store.getState());
      if (!origin) return;
      await store
        .getState()
        .toggleKept(origin.jobId, origin.variation)
        .catch((error: unknown) => store.getState().reportLevelError(error));
    },
  },
  {
    id: 'levels.generate',
    label: 'Generate levels',
    shortcut: 'Mod+Enter',
    enabled: (state) => idle(state) && fieldProblemIn(state, 'levels') === null,
    run: (store) => store.getState().generateLevels(),
  },
  {
    id: 'levels.cancel',
    label: 'Cancel level generation',
    shortcut: 'Mod+.',
    enabled: (state) =>
      inLevels(state) && (state.levelActivity.state === 'generating' || state.levelActivity.state === 'regenerating'),
    run: (store) => store.getState().cancelLevelWork(),
  },
  {
    id: 'levels.regenerate',
    label: 'Regenerate selected columns',
    shortcut: 'Mod+Shift+Enter',
    enabled: (state) => idle(state) && state.columnSelection !== null && selectedLevel(state) !== null,
    run: (store) => store.getState().regenerateColumns(),
  },
  {
    id: 'levels.undo',
    label: 'Undo level edit',
    shortcut: 'Mod+Z',
    enabled: (state) => idle(state) && state.levelUndo.length > 0,
    run: (store) => store.getState().undoLevelEdit(),
  },
  {
    id: 'levels.variation.previous',
    label: 'Previous level variation',
    shortcut: '[',
    enabled: bareKeys,
    run: (store) => stepLevel(store, -1),
  },
  {
    id: 'levels.variation.next',
    label: 'Next level variation',
    shortcut: ']',
    enabled: bareKeys,
    run: (store) => stepLevel(store, 1),
  },
  {
    id: 'levels.selection.clear',
    label: 'Clear column selection',
    enabled: (state) => inLevels(state) && state.columnSelection !== null,
    run: (store) => store.getState().selectColumns(null),
  },
  {
    id: 'levels.seed.new',
    label: 'New level seed',
    enabled: inLevels,
    run: (store) => store.getState().newLevelSeed(),
  },
  exportCommand('tmj', 'Export level as Tiled map'),
  exportCommand('ldtk', 'Export level as LDtk project'),
  exportCommand('png', 'Export level as PNG'),
  exportCommand('txt', 'Export level as VGLC text'),
  exportAllCommand('tmj', 'Export all variations as Tiled maps'),
  exportAllCommand('ldtk', 'Export all variations as LDtk projects'),
  exportAllCommand('png', 'Export all variations as PNGs'),
  exportAllCommand('txt', 'Export all variations as VGLC text'),
];
