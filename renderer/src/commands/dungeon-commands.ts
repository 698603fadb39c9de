// The Dungeons workspace's commands: show it, generate, cancel, select and redraw a room, undo/redo through the takes,
// variations, overlays, zoom, seed, exports (of the dungeon shown, or of every variation).
import type { DungeonExportFormat, DungeonSide } from '../../../contract/index.js';
import { canMoveTake, dungeonOriginAt, shownDungeon } from '../state/dungeons-slice.js';
import { fieldProblemIn } from '../state/field-problems-slice.js';
import type { StudioState } from '../state/studio-store.js';
import { downloadFiles } from '../ui/download-files.js';
import type { StudioCommand } from './command.js';

const inDungeons = (state: StudioState): boolean => state.workspace === 'dungeons';
const idle = (state: StudioState): boolean => inDungeons(state) && state.dungeonActivity.state === 'idle';
const busy = (state: StudioState): boolean =>
  state.dungeonActivity.state === 'generating' || state.dungeonActivity.state === 'regenerating';
/** Bare-key shortcuts must not fire while the palette's input has the keyboard. */
const bareKeys = (state: StudioState): boolean => inDungeons(state) && !state.paletteOpen;
const hasDungeon = (state: StudioState): boolean => shownDungeon(state) !== null;

/**
 * Arrow keys move the room selection unless the focused element uses them itself: a text or number field, a slider,
 * a radio group (segmented controls), a list box.
 */
export function arrowKeysFree(
  focused: Element | null = typeof document === 'undefined' ? null : document.activeElement,
) {
  if (!focused || focused === document.body) return true;
  if (focused.closest('[data-arrow-keys="rooms"]')) return true;
  const tag = focused.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || (focused as HTMLElement).isContentEditable)
    return false;
  return !focused.closest('[role="radiogroup"], [role="listbox"], [role="slider"], [role="menu"], [role="dialog"]');
}

function moveCommand(side: DungeonSide, key: string): StudioCommand {
  return {
    id: `dungeons.room.${side}`,
    label: `Select the room to the ${side}`,
    shortcut: key,
    enabled: (state) => bareKeys(state) && hasDungeon(state) && arrowKeysFree(),
    run: (store) => store.getState().moveRoomSelection(side),
  };
}

function exportCommand(format: DungeonExportFormat, label: string): StudioCommand {
  return {
    id: `dungeons.export.${format}`,
    label,
    enabled: (state) => idle(state) && state.dungeonRun !== null && hasDungeon(state),
    run: async (store) => {
      const files = await store.getState().exportDungeon(format);
      if (files) downloadFiles(files);
    },
  };
}

function exportAllCommand(format: DungeonExportFormat, label: string): StudioCommand {
  return {
    id: `dungeons.exportAll.${format}`,
    label,
    enabled: (state) => idle(state) && state.dungeonRun !== null && state.dungeonTakes.length > 0,
    run: async (store) => {
      const files = await store.getState().exportAllDungeons(format);
      if (files) downloadFiles(files);
    },
  };
}

export const dungeonCommands: StudioCommand[] = [
  {
    id: 'workspace.dungeons',
    label: 'Show Dungeons',
    shortcut: 'Mod+6',
    run: (store) => store.getState().showWorkspace('dungeons'),
  },
  {
    id: 'dungeons.keep',
    label: 'Keep (star) the dungeon shown',
    shortcut: 'F',
    enabled: (state) => bareKeys(state) && dungeonOriginAt(state, state.selectedDungeon) !== null,
    run: async (store) => {
      const origin = dungeonOriginAt(store.getState(), store.getState().selectedDungeon);
      if (!origin) return;
      await store
        .getState()
        .toggleKept(origin.jobId, origin.variation)
        .catch((error: unknown) => store.getState().reportDungeonError(error));
    },
  },
  {
    id: 'dungeons.generate',
    label: 'Generate dungeons',
    shortcut: 'Mod+Enter',
    enabled: (state) => idle(state) && fieldProblemIn(state, 'dungeons') === null,
    run: (store) => store.getState().generateDungeons(),
  },
  {
    id: 'dungeons.cancel',
    label: 'Cancel dungeon generation',
    // A text field or the palette keeps its own Escape (use-shortcuts.ts).
    shortcut: 'Escape / Mod+.',
    enabled: (state) => inDungeons(state) && busy(state),
    run: (store) => store.getState().cancelDungeonWork(),
  },
  {
    id: 'dungeons.room.regenerate',
    label: 'Regenerate the selected room',
    shortcut: 'R',
    enabled: (state) => bareKeys(state) && idle(state) && hasDungeon(state) && state.selectedRoom !== null,
    run: (store) => store.getState().regenerateSelectedRoom(),
  },
  {
    id: 'dungeons.undo',
    label: 'Undo room redraw (previous take)',
    shortcut: 'Mod+Z',
    enabled: (state) => idle(state) && canMoveTake(state, -1),
    run: (store) => store.getState().undoDungeonTake(),
  },
  {
    id: 'dungeons.redo',
    label: 'Redo room redraw (next take)',
    shortcut: 'Mod+Shift+Z',
    enabled: (state) => idle(state) && canMoveTake(state, 1),
    run: (store) => store.getState().redoDungeonTake(),
  },
  moveCommand('north', 'ArrowUp'),
  moveCommand('east', 'ArrowRight'),
  moveCommand('south', 'ArrowDown'),
  moveCommand('west', 'ArrowLeft'),
  {
    id: 'dungeons.room.clear',
    label: 'Clear the room selection',
    enabled: (state) => inDungeons(state) && state.selectedRoom !== null,
    run: (store) => store.getState().selectRoom(null),
  },
  {
    id: 'dungeons.variation.previous',
    label: 'Previous dungeon variation',
    shortcut: '[',
    enabled: (state) => bareKeys(state) && state.dungeonTakes.length > 1,
    run: (store) => store.getState().selectDungeon(store.getState().selectedDungeon - 1),
  },
  {
    id: 'dungeons.variation.next',
    label: 'Next dungeon variation',
    shortcut: ']',
    enabled: (state) => bareKeys(state) && state.dungeonTakes.length > 1,
    run: (store) => store.getState().selectDungeon(store.getState().selectedDungeon + 1),
  },
  {
    id: 'dungeons.overlay.graph',
    label: 'Show or hide the room graph',
    shortcut: 'G',
    enabled: bareKeys,
    run: (store) => store.getState().setDungeonSettings({ showGraph: !store.getState().dungeonSettings.showGraph }),
  },
  {
    id: 'dungeons.overlay.path',
    label: "Show or hide the agent's path",
    shortcut: 'P',
    enabled: bareKeys,
    run: (store) => store.getState().setDungeonSettings({ showPath: !store.getState().dungeonSettings.showPath }),
  },
  {
    id: 'dungeons.zoom.in',
    label: 'Zoom in on the dungeon',
    // + is Shift+= on most keyboards: the workspace's key handler takes + as well (use-dungeon-keys.ts).
    shortcut: '=',
    enabled: (state) => bareKeys(state) && hasDungeon(state),
    run: (store) => store.getState().stepDungeonZoom(1),
  },
  {
    id: 'dungeons.zoom.out',
    label: 'Zoom out of the dungeon',
    shortcut: '-',
    enabled: (state) => bareKeys(state) && hasDungeon(state),
    run: (store) => store.getState().stepDungeonZoom(-1),
  },
  {
    id: 'dungeons.zoom.fit',
    label: 'Fit the dungeon in view',
    shortcut: '0',
    enabled: (state) => bareKeys(state) && hasDungeon(state),
    run: (store) => store.getState().setDungeonZoom('fit'),
  },
  {
    id: 'dungeons.seed.new',
    label: 'New dungeon seed',
    enabled: inDungeons,
    run: (store) => store.getState().newDungeonSeed(),
  },
  exportCommand('tmj', 'Export dungeon as Tiled map'),
  exportCommand('ldtk', 'Export dungeon as LDtk project'),
  exportCommand('png', 'Export dungeon as PNG'),
  exportCommand('vglc', 'Export dungeon as VGLC text'),
  exportAllCommand('tmj', 'Export all dungeon variations as Tiled maps'),
  exportAllCommand('ldtk', 'Export all dungeon variations as LDtk projects'),
  exportAllCommand('png', 'Export all dungeon variations as PNGs'),
  exportAllCommand('vglc', 'Export all dungeon variations as VGLC text'),
];
