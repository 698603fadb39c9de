// The Music workspace's commands: generate, cancel, play/stop, variations, seed, mode and the MIDI/WAV exports.
import { fieldProblemIn } from '../state/field-problems-slice.js';
import { currentMusicTake, type MusicFileFormat } from '../state/music-take.js';
import { missingInput } from '../state/music-requests.js';
import type { MusicMode } from '../state/music-settings.js';
import type { StudioState, StudioStore } from '../state/studio-store.js';
import { displayOrder } from '../state/taste-slice.js';
import { saveUrl } from '../ui/download-files.js';
import type { StudioCommand } from './command.js';

const inMusic = (state: StudioState): boolean => state.workspace === 'music';
const idle = (state: StudioState): boolean => inMusic(state) && state.musicActivity.state === 'idle';
const canGenerate = (state: StudioState): boolean =>
  idle(state) &&
  fieldProblemIn(state, 'music') === null &&
  missingInput(state.musicSettings, state.musicPrimer) === null;
const hasTake = (state: StudioState): boolean => inMusic(state) && currentMusicTake(state) !== null;
/** Bare-key shortcuts must not fire while the palette's input has the keyboard. */
const bareKeys = (state: StudioState): boolean => hasTake(state) && !state.paletteOpen;

async function download(store: StudioStore, format: MusicFileFormat): Promise<void> {
  const take = currentMusicTake(store.getState());
  const file = take ? await store.getState().musicFile(format, take.selected) : null;
  if (!take || !file) return;
  saveUrl(file);
  void store.getState().sendTaste(take.run.jobId, take.selected, 'export');
}

/** Moves the pick by `by` cards as the strip shows them (For you order, or as generated). */
function step(store: StudioStore, by: number): void {
  const state = store.getState();
  const take = currentMusicTake(state);
  if (!take) return;
  const order = displayOrder(state, 'music', take.run.jobId, take.run.result.variations.length);
  const position = Math.min(order.length - 1, Math.max(0, order.indexOf(take.selected) + by));
  state.selectMusicVariation(order[position]!);
}

function exportCommand(format: MusicFileFormat, label: string): StudioCommand {
  return { id: `music.export.${format}`, label, enabled: hasTake, run: (store) => download(store, format) };
}

function modeCommand(mode: MusicMode, label: string): StudioCommand {
  return {
    id: `music.mode.${mode}`,
    label,
    enabled: inMusic,
    run: (store) => store.getState().setMusicSettings({ mode }),
  };
}

export const musicCommands: StudioCommand[] = [
  {
    id: 'music.keep',
    label: 'Keep (star) the variation picked',
    shortcut: 'F',
    enabled: bareKeys,
    run: async (store) => {
      const take = currentMusicTake(store.getState());
      if (!take) return;
      await store
        .getState()
        .toggleKept(take.run.jobId, take.selected)
        .catch((error: unknown) => store.getState().reportMusicError(error));
    },
  },
  {
    id: 'music.generate',
    label: 'Generate music',
    shortcut: 'Mod+Enter',
    enabled: canGenerate,
    run: (store) => store.getState().generateMusic(),
  },
  {
    id: 'music.generate.new-seed',
    label: 'Generate music with a new seed',
    shortcut: 'Mod+Shift+Enter',
    enabled: canGenerate,
    run: (store) => {
      store.getState().newMusicSeed();
      return store.getState().generateMusic();
    },
  },
  {
    id: 'music.cancel',
    label: 'Cancel music generation',
    shortcut: 'Mod+.',
    enabled: (state) => inMusic(state) && state.musicActivity.state === 'generating',
    run: (store) => store.getState().cancelMusic(),
  },
  {
    // Space is handled by the workspace's key hook (it must leave text fields alone); shown here for the palette.
    id: 'music.play',
    label: 'Play or stop the selected variation',
    shortcut: 'Space',
    enabled: hasTake,
    run: (store) => store.getState().toggleMusicPlayback(),
  },
  {
    id: 'music.variation.previous',
    label: 'Previous music variation',
    shortcut: '[',
    enabled: bareKeys,
    run: (store) => step(store, -1),
  },
  {
    id: 'music.variation.next',
    label: 'Next music variation',
    shortcut: ']',
    enabled: bareKeys,
    run: (store) => step(store, 1),
  },
  {
    id: 'music.loop',
    label: 'Toggle music loop',
    shortcut: 'L',
    enabled: (state) => inMusic(state) && !state.paletteOpen,
    run: (store) => store.getState().setMusicLoop(!store.getState().musicLoop),
  },
  {
    id: 'music.seed.new',
    label: 'New music seed',
    enabled: inMusic,
    run: (store) => store.getState().newMusicSeed(),
  },
  modeCommand('generate', 'Music mode: Generate melody'),
  modeCommand('continue', 'Music mode: Continue a clip'),
  modeCommand('drums', 'Music mode: Drums'),
  exportCommand('mid', 'Export music as MIDI'),
  exportCommand('wav', 'Export music as WAV (loop-ready: exactly its bars)'),
  exportCommand('wav-tail', 'Export music as WAV with its release tail'),
];
