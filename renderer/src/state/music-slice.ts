// The Music workspace's state: parameters, dropped clips, each mode's last take and its pick, files and playback.
import type { StateCreator } from 'zustand';
import type { ErrorPayload, MosaicBridge, MusicKey, MusicRun } from '../../../contract/index.js';
import { drumInstruments, toErrorPayload } from '../../../contract/index.js';
import { GenerationTickets } from './jobs-slice.js';
import { browserClipUrls, type ClipUrls } from './music-clip-urls.js';
import { createMusicFilesSlice, type MusicFilesSlice } from './music-files.js';
import { createMusicPlaybackSlice, type MusicPlaybackSlice } from './music-playback.js';
import { missingInput, musicCallOf, musicJobKinds, type MusicClipFile } from './music-requests.js';
import {
  defaultMusicSettings,
  musicRanges,
  partOf,
  sanitizeMusicSettings,
  type MusicMode,
  type MusicSettings,
} from './music-settings.js';
import { currentMusicTake, type MusicTake } from './music-take.js';
import type { StudioState } from './studio-store.js';

/*
 * Music work (one run at a time; exports and WAV renders run beside it). Each mode keeps its last take:
 *
 *   idle ──generate──▶ generating ──run──▶ idle (the mode's take replaced, its files and playback reset)
 *                          └──failure or cancel──▶ idle with musicError (the previous take is kept)
 *   idle | generating ──open a recorded run──▶ idle (its mode's take replaced and shown; a run in flight is
 *                                                   cancelled and its late answer ignored)
 */
/** While generating: how many variations were asked for, so the empty roll can say what is coming. */
export type MusicActivity = { state: 'idle' } | { state: 'generating'; variations: number };

export interface MusicSlice extends MusicPlaybackSlice, MusicFilesSlice {
  musicSettings: MusicSettings;
  musicPrimer: MusicClipFile | null;
  musicFollow: MusicClipFile | null;
  /** The last take of each mode; the current mode's is shown. */
  musicTakes: Partial<Record<MusicMode, MusicTake>>;
  musicActivity: MusicActivity;
  musicError: ErrorPayload | null;
  /** A key detected in the loaded primer that differs from the chosen one: offered, never applied unasked. */
  musicKeySuggestion: MusicKey | null;
  /** The loaded primer's tempo when it differs from the chosen one: offered, never applied unasked. */
  musicTempoSuggestion: number | null;
  setMusicSettings: (patch: Partial<MusicSettings>) => void;
  newMusicSeed: () => void;
  setMusicPrimer: (clip: MusicClipFile | null) => void;
  setMusicFollow: (clip: MusicClipFile | null) => void;
  /** Offers a detected key (null withdraws the offer); nothing is offered when it is the key already chosen. */
  suggestMusicKey: (key: MusicKey | null) => void;
  /** Takes the offered key as the Key/Scale setting, or (`false`) dismisses the offer. */
  answerMusicKeySuggestion: (use: boolean) => void;
  /** Offers a primer's tempo (null withdraws the offer); nothing is offered when it is the chosen one or out of range. */
  suggestMusicTempo: (tempo: number | null) => void;
  /** Takes the offered tempo as the Tempo setting (every mode's), or (`false`) dismisses the offer. */
  answerMusicTempoSuggestion: (use: boolean) => void;
  /** Shows an error (its code and message) in place; null clears it. */
  reportMusicError: (error: unknown) => void;
  generateMusic: () => Promise<void>;
  cancelMusic: () => Promise<void>;
  selectMusicVariation: (index: number) => void;
  /** Shows a recorded run (from History) as the take of the mode its method ran in, abandoning a run in flight. */
  openMusicRun: (method: string, run: MusicRun) => void;
  /** Puts back a take kept over a reload (music-results.ts) unless its mode has made a newer one since. */
  restoreMusicTake: (take: MusicTake) => void;
}

/** The mode each music method runs in. */
const modeOfMethod: Partial<Record<string, MusicMode>> = {
  'music.generate': 'generate',
  'music.continue': 'continue',
  'music.drums': 'drums',
};

/** A recorded run's take: its key as the lock when it has one; the settings it ran with are not known here. */
function recordedTakeOf(mode: MusicMode, run: MusicRun): MusicTake {
  const drums = run.result.task === 'music.drums';
  return { mode, run, selected: 0, lockedKey: drums ? null : (run.result.key ?? null), pitchRange: null, kit: null };
}

function takeOf(settings: MusicSettings, run: MusicRun): MusicTake {
  const melody = partOf(settings) === 'melody';
  return {
    mode: settings.mode,
    run,
    selected: 0,
    lockedKey: melody && settings.keyLock ? (run.result.key ?? null) : null,
    pitchRange: melody ? settings.pitchRange : null,
    kit: melody ? null : settings.instruments.map((name) => drumInstruments[name]),
  };
}

export function createMusicSlice(
  bridge: MosaicBridge,
  options: { random?: () => number; urls?: ClipUrls } = {},
): StateCreator<StudioState, [], [], MusicSlice> {
  const random = options.random ?? Math.random;
  return (set, get, store) => {
    // Each generation takes a ticket; opening a recorded run abandons the one in flight (see GenerationTickets).
    const generations = new GenerationTickets(store, musicJobKinds);
    /** Forgets a mode's take: stops it playing and frees its rendered files. */
    const dropTake = (mode: MusicMode): void => {
      const take = get().musicTakes[mode];
      if (!take) return;
      if (get().musicSettings.mode === mode) get().stopMusic();
      get().dropMusicFiles(take);
      const musicTakes = { ...get().musicTakes };
      delete musicTakes[mode];
      set({ musicTakes });
    };
    return {
      ...createMusicPlaybackSlice()(set, get, store),
      ...createMusicFilesSlice(bridge, options.urls ?? browserClipUrls)(set, get, store),
      musicSettings: defaultMusicSettings,
      musicPrimer: null,
      musicFollow: null,
      musicTakes: {},
      musicActivity: { state: 'idle' },
      musicError: null,
      musicKeySuggestion: null,
      musicTempoSuggestion: null,
      setMusicSettings: (patch) => {
        const musicSettings = sanitizeMusicSettings({ ...get().musicSettings, ...patch }, get().musicSettings);
        if (musicSettings.mode !== get().musicSettings.mode) get().stopMusic();
        set({ musicSettings });
      },
      newMusicSeed: () => get().setMusicSettings({ seed: Math.floor(random() * 0x100000000) }),
      setMusicPrimer: (musicPrimer) => {
        // A continuation belongs to its primer: a new primer clears it.
        dropTake('continue');
        const withdrawn = musicPrimer ? {} : { musicKeySuggestion: null, musicTempoSuggestion: null };
        set({ musicPrimer, musicError: null, ...withdrawn });
      },
      suggestMusicKey: (key) => {
        const chosen = get().musicSettings.key;
        const same = key !== null && key.tonic === chosen.tonic && key.scale === chosen.scale;
        set({ musicKeySuggestion: same ? null : key });
      },
      answerMusicKeySuggestion: (use) => {
        const suggestion = get().musicKeySuggestion;
        if (use && suggestion) get().setMusicSettings({ key: suggestion });
        set({ musicKeySuggestion: null });
      },
      suggestMusicTempo: (tempo) => {
        const { min, max } = musicRanges.tempo;
        const usable = tempo !== null && tempo >= min && tempo <= max && tempo !== get().musicSettings.tempo;
        set({ musicTempoSuggestion: usable ? tempo : null });
      },
      answerMusicTempoSuggestion: (use) => {
        const suggestion = get().musicTempoSuggestion;
        if (use && suggestion !== null) get().setMusicSettings({ tempo: suggestion });
        set({ musicTempoSuggestion: null });
      },
      setMusicFollow: (musicFollow) => set({ musicFollow, musicError: null }),
      reportMusicError: (error) => set({ musicError: error === null ? null : toErrorPayload(error) }),
      generateMusic: async () => {
        const { musicSettings: settings, musicPrimer, musicFollow, musicActivity } = get();
        if (musicActivity.state !== 'idle' || missingInput(settings, musicPrimer)) return;
        set({ musicActivity: { state: 'generating', variations: settings.variations }, musicError: null });
        const ticket = generations.take();
        try {
          const call = musicCallOf(settings, musicPrimer, musicFollow);
          const run = (await bridge.call(call.method, call.request as never)) as MusicRun;
          if (!generations.isCurrent(ticket)) return;
          dropTake(settings.mode);
          set({
            musicTakes: { ...get().musicTakes, [settings.mode]: takeOf(settings, run) },
            musicActivity: { state: 'idle' },
          });
        } catch (error) {
          if (generations.isCurrent(ticket))
            set({ musicActivity: { state: 'idle' }, musicError: toErrorPayload(error) });
        }
      },
      cancelMusic: async () => {
        try {
          await generations.cancel((state) => state.musicActivity.state === 'generating');
        } catch (error) {
          get().reportMusicError(error);
        }
      },
      openMusicRun: (method, run) => {
        const mode = modeOfMethod[method] ?? 'generate';
        if (get().musicActivity.state === 'generating') generations.abandon();
        // Releases the replaced take's rendered files and stops it if it plays; leaving another mode stops that one.
        dropTake(mode);
        get().setMusicSettings({ mode });
        set({
          musicTakes: { ...get().musicTakes, [mode]: recordedTakeOf(mode, run) },
          musicActivity: { state: 'idle' },
          musicError: null,
        });
      },
      restoreMusicTake: (take) => {
        if (get().musicTakes[take.mode]) return;
        const selected = Math.min(take.run.result.variations.length - 1, Math.max(0, take.selected));
        set({ musicTakes: { ...get().musicTakes, [take.mode]: { ...take, selected } } });
      },
      selectMusicVariation: (index) => {
        const take = currentMusicTake(get());
        if (!take) return;
        const selected = Math.min(take.run.result.variations.length - 1, Math.max(0, index));
        if (selected === take.selected) return;
        set({ musicTakes: { ...get().musicTakes, [take.mode]: { ...take, selected } } });
        // Auditioning: while something plays, moving to another variation plays that one.
        if (get().musicPlayback.state !== 'stopped') void get().playMusic(selected);
      },
    };
  };
}
