// The Arrange workspace's commands: show it, arrange, infill the selection, undo/redo takes, the song actions
// (harmonize, drums, continue, humanize) here and on a Music result, play, loop, metronome and the exports.
import { arrangeTracks, type ArrangeTrack } from '../../../contract/index.js';
import { actionProblem, type SongAction } from '../state/arrange-edits.js';
import { canRedo, canUndo, currentTake, takeOrigin } from '../state/arrange-song.js';
import { fieldProblemIn } from '../state/field-problems-slice.js';
import { currentMusicTake } from '../state/music-take.js';
import type { StudioState, StudioStore } from '../state/studio-store.js';
import { saveUrl } from '../ui/download-files.js';
import type { StudioCommand } from './command.js';

const inArrange = (state: StudioState): boolean => state.workspace === 'arrange';
const idle = (state: StudioState): boolean => inArrange(state) && state.arrangeActivity.state === 'idle';
const hasSong = (state: StudioState): boolean => inArrange(state) && state.arrangeSong !== null;
const idleWithSong = (state: StudioState): boolean => idle(state) && state.arrangeSong !== null;
const bareKeys = (state: StudioState): boolean => inArrange(state) && !state.paletteOpen;

/** The lane an export of one lane takes: the selection's cursor lane of the variation shown. */
export function focusedLane(state: StudioState): ArrangeTrack | null {
  const song = state.arrangeSong;
  const selection = song ? state.arrangeSelections[song.selected] : undefined;
  return selection ? arrangeTracks[selection.cursor.lane]! : null;
}

async function download(store: StudioStore, format: 'mid' | 'wav', lane?: ArrangeTrack): Promise<void> {
  const file = await store.getState().arrangeFile(format, lane);
  if (file) saveUrl(file);
}

/** The run and variation the shown take came from (null for an import, or no song). */
function shownOrigin(state: StudioState) {
  const take = state.arrangeSong ? currentTake(state.arrangeSong) : null;
  return take ? takeOrigin(take) : null;
}

/** Whether an action applies to the song shown. */
function canEdit(action: SongAction) {
  return (state: StudioState): boolean => {
    const take = state.arrangeSong ? currentTake(state.arrangeSong) : null;
    return idle(state) && take !== null && actionProblem(action, take.tracks, take.bars) === null;
  };
}

/** Whether an action applies to the picked Music variation (a melody, or drums for Humanize). */
function canSend(action: SongAction) {
  return (state: StudioState): boolean => {
    const take = currentMusicTake(state);
    const variation = take?.run.result.variations[take.selected];
    if (state.workspace !== 'music' || !take || !variation || state.arrangeActivity.state !== 'idle') return false;
    const track = take.run.result.task === 'music.drums' ? 'drums' : 'melody';
    return actionProblem(action, [{ track, notes: variation.notes }], take.run.result.bars) === null;
  };
}

const arrangeLabels: Record<SongAction, string> = {
  harmonize: 'Harmonize the song (new chords and bass under its melody)',
  drums: 'Drums for the song (the drum lane written anew)',
  continue: 'Continue the song (4 more bars)',
  humanize: 'Humanize the song’s drums',
};
const musicLabels: Record<SongAction, string> = {
  harmonize: 'Harmonize this melody into a song in Arrange',
  drums: 'Drums for this melody, as a song in Arrange',
  continue: 'Continue this variation, as a song in Arrange',
  humanize: 'Humanize these drums, as a song in Arrange',
};
const actionKeys: Record<SongAction, string> = {
  harmonize: 'Alt+H',
  drums: 'Alt+D',
  continue: 'Alt+C',
  humanize: 'Alt+U',
};

const songActions = (['harmonize', 'drums', 'continue', 'humanize'] as const).flatMap((action): StudioCommand[] => [
  {
    id: `arrange.${action}`,
    label: arrangeLabels[action],
    shortcut: actionKeys[action],
    enabled: canEdit(action),
    run: (store) => store.getState().editArrangeSong(action),
  },
  {
    id: `music.to-arrange.${action}`,
    label: musicLabels[action],
    shortcut: actionKeys[action],
    enabled: canSend(action),
    run: (store) => store.getState().sendMusicToArrange(action),
  },
]);

export const arrangeCommands: StudioCommand[] = [
  {
    id: 'workspace.arrange',
    label: 'Show Arrange',
    shortcut: 'Mod+5',
    run: (store) => store.getState().showWorkspace('arrange'),
  },
  {
    id: 'arrange.generate',
    label: 'Arrange a song',
    shortcut: 'Mod+Enter',
    enabled: (state) => idle(state) && fieldProblemIn(state, 'arrange') === null,
    run: (store) => store.getState().generateArrangement(),
  },
  {
    id: 'arrange.infill',
    label: 'Infill the selected cells',
    shortcut: 'Mod+Shift+Enter',
    enabled: (state) => idleWithSong(state) && state.arrangeSelections[state.arrangeSong!.selected] !== undefined,
    run: (store) => store.getState().infillSelection(),
  },
  {
    id: 'arrange.cancel',
    label: 'Cancel arranging',
    // Escape, the key of stopping (Mod+. as in Music and Levels); a text field or the palette keeps its own Escape.
    shortcut: 'Escape / Mod+.',
    enabled: (state) => inArrange(state) && state.arrangeActivity.state === 'working',
    run: (store) => store.getState().cancelArrange(),
  },
  {
    id: 'arrange.undo',
    label: 'Undo the last take',
    shortcut: 'Mod+Z',
    enabled: (state) => idleWithSong(state) && canUndo(state.arrangeSong, state.arrangeSong!.selected),
    run: (store) => store.getState().undoArrange(),
  },
  {
    id: 'arrange.redo',
    label: 'Redo the take',
    shortcut: 'Mod+Shift+Z',
    enabled: (state) => idleWithSong(state) && canRedo(state.arrangeSong, state.arrangeSong!.selected),
    run: (store) => store.getState().redoArrange(),
  },
  ...songActions,
  {
    // Space is handled by the workspace's key hook (it must leave text fields alone); shown here for the palette.
    id: 'arrange.play',
    label: 'Play or stop the song',
    shortcut: 'Space',
    enabled: hasSong,
    run: (store) => store.getState().toggleArrangePlayback(),
  },
  {
    id: 'arrange.loop',
    label: 'Toggle looping the selected bars',
    shortcut: 'L',
    enabled: bareKeys,
    run: (store) => store.getState().setArrangeLoop(!store.getState().arrangeLoop),
  },
  {
    id: 'arrange.metronome',
    label: 'Toggle the metronome',
    shortcut: 'K',
    enabled: bareKeys,
    run: (store) => store.getState().setArrangeMetronome(!store.getState().arrangeMetronome),
  },
  {
    id: 'arrange.mute',
    label: 'Mute or unmute the selected lane',
    shortcut: 'M',
    enabled: (state) => bareKeys(state) && focusedLane(state) !== null,
    run: (store) => {
      const lane = focusedLane(store.getState());
      if (lane) store.getState().setLaneMix(lane, { mute: !store.getState().arrangeMix[lane].mute });
    },
  },
  {
    id: 'arrange.solo',
    label: 'Solo or unsolo the selected lane',
    shortcut: 'S',
    enabled: (state) => bareKeys(state) && focusedLane(state) !== null,
    run: (store) => {
      const lane = focusedLane(store.getState());
      if (lane) store.getState().setLaneMix(lane, { solo: !store.getState().arrangeMix[lane].solo });
    },
  },
  {
    id: 'arrange.keep',
    label: 'Keep (star) the variation shown',
    shortcut: 'F',
    enabled: (state) => bareKeys(state) && shownOrigin(state) !== null,
    run: async (store) => {
      const origin = shownOrigin(store.getState());
      if (!origin) return;
      await store
        .getState()
        .toggleKept(origin.jobId, origin.variation)
        .catch((error: unknown) => store.getState().reportArrangeError(error));
    },
  },
  {
    id: 'arrange.seed.new',
    label: 'New arrange seed',
    enabled: inArrange,
    run: (store) => store.getState().newArrangeSeed(),
  },
  {
    id: 'arrange.export.mid',
    label: 'Export the song as MIDI (one track per lane)',
    shortcut: 'Mod+E',
    enabled: hasSong,
    run: (store) => download(store, 'mid'),
  },
  {
    id: 'arrange.export.wav',
    label: 'Export the song as a WAV mix',
    shortcut: 'Mod+Shift+E',
    enabled: hasSong,
    run: (store) => download(store, 'wav'),
  },
  {
    id: 'arrange.export.lane',
    label: 'Export the selected lane as MIDI',
    enabled: (state) => hasSong(state) && focusedLane(state) !== null,
    run: (store) => download(store, 'mid', focusedLane(store.getState()) ?? undefined),
  },
];
