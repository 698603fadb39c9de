// Taste commands (Music and Levels): discard the variation picked (X), the "For you" order (O), why a variation is
// where it is, and reset or turn off what taste learnt (also in Settings → Taste).
import { shownLevelOrigin } from '../state/levels-slice.js';
import { currentMusicTake } from '../state/music-take.js';
import type { StudioState } from '../state/studio-store.js';
import { forYouActive, rankedRow, tasteHasFeedback, type TasteWorkspace } from '../state/taste-slice.js';
import type { StudioCommand } from './command.js';

/** The workspace with a variations strip shown, if any. */
function stripWorkspace(state: StudioState): TasteWorkspace | null {
  return state.workspace === 'music' || state.workspace === 'levels' ? state.workspace : null;
}

/** The variation picked in the workspace shown, as the run (job) and generated index taste knows it by. */
function pickedVariation(state: StudioState): { jobId: string; variation: number } | null {
  if (state.workspace === 'music') {
    const take = currentMusicTake(state);
    return take ? { jobId: take.run.jobId, variation: take.selected } : null;
  }
  if (state.workspace === 'levels') return shownLevelOrigin(state);
  return null;
}

const tasteOn = (state: StudioState): boolean => state.tasteStatus?.enabled === true;

export const tasteCommands: StudioCommand[] = [
  {
    id: 'taste.discard',
    label: 'Discard the variation picked (taste learns you like it less)',
    shortcut: 'X',
    enabled: (state) => tasteOn(state) && !state.paletteOpen && pickedVariation(state) !== null,
    run: async (store) => {
      const picked = pickedVariation(store.getState());
      if (picked) await store.getState().sendTaste(picked.jobId, picked.variation, 'discard');
    },
  },
  {
    id: 'taste.forYou',
    label: 'Order variations For you / as generated',
    shortcut: 'O',
    enabled: (state) => {
      const workspace = stripWorkspace(state);
      return workspace !== null && !state.paletteOpen && tasteHasFeedback(state, workspace);
    },
    run: (store) => {
      const state = store.getState();
      const workspace = stripWorkspace(state);
      if (workspace) state.setTasteOrder(workspace, !state.tasteOrder[workspace]);
    },
  },
  {
    id: 'taste.why',
    label: 'Why is the variation picked here? (For you)',
    enabled: (state) => {
      const workspace = stripWorkspace(state);
      const picked = pickedVariation(state);
      return (
        workspace !== null &&
        picked !== null &&
        forYouActive(state, workspace) &&
        rankedRow(state, picked.jobId, picked.variation) !== null
      );
    },
    run: (store) => store.getState().setTasteWhy(pickedVariation(store.getState())),
  },
  {
    id: 'taste.reset',
    label: 'Reset taste (forget what it learnt from your feedback)',
    enabled: (state) => (state.tasteStatus?.kinds ?? []).some((kind) => kind.events > 0),
    run: (store) => store.getState().resetTaste(),
  },
  {
    id: 'taste.turnOff',
    label: 'Turn taste ranking off',
    enabled: tasteOn,
    run: (store) => store.getState().setTasteEnabled(false),
  },
  {
    id: 'taste.turnOn',
    label: 'Turn taste ranking on',
    enabled: (state) => state.tasteStatus?.enabled === false,
    run: (store) => store.getState().setTasteEnabled(true),
  },
];
