// The Arrange workspace's state: parameters and lane mix, the song (variations × takes), each variation's cell
// selection, the generation in flight, and undo/redo of takes.
import type { StateCreator } from 'zustand';
import type { ArrangeRun, ErrorPayload, MosaicBridge, SongCell, SongTrack } from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import { createArrangeEditsSlice, type ArrangeEditsSlice } from './arrange-edits.js';
import { createArrangePlaybackSlice, type ArrangePlaybackSlice } from './arrange-playback.js';
import { arrangeJobKinds, arrangeRequestOf } from './arrange-requests.js';
import { fitSelection, type CellSelection } from './arrange-selection.js';
import {
  defaultArrangeMix,
  defaultArrangeSettings,
  sanitizeArrangeMix,
  sanitizeArrangeSettings,
  type ArrangeMix,
  type ArrangeSettings,
  type LaneMix,
} from './arrange-settings.js';
import { songOfRun, stepTake, type ArrangeSong } from './arrange-song.js';
import type { ClipUrls } from './music-clip-urls.js';
import { GenerationTickets } from './jobs-slice.js';
import type { StudioState } from './studio-store.js';

/*
 * One call at a time (a new song, or an edit of the song shown); renders for playback and export run beside it.
 *
 *   idle ──arrange / infill / harmonize / drums / continue / humanize──▶ working(what)
 *   working ──run──▶ idle (a new song replaces the old one, kept once for "restore"; an edit is a new take on the
 *                           variation it was asked for, undoable)
 *   working ──failure or cancel──▶ idle with arrangeError (song and takes as they were)
 */
export type ArrangeActivity =
  | { state: 'idle' }
  | {
      state: 'working';
      what: string;
      variations: number;
      /** The song written so far (the job's progress events carry it): drawn in place of the song until the run answers. */
      partial?: ArrangePartial;
    };

/** A song being written: its tracks so far, its length, and the cells written so far (none where unknown). */
export interface ArrangePartial {
  tracks: SongTrack[];
  bars: number;
  filledCells?: SongCell[];
  /** Bars holding a cell written so far. */
  writtenBars?: number;
  /** The variation being drawn (0-based). */
  variation?: number;
}

export interface ArrangeSlice extends ArrangeEditsSlice, ArrangePlaybackSlice {
  arrangeSettings: ArrangeSettings;
  arrangeMix: ArrangeMix;
  arrangeSong: ArrangeSong | null;
  /** The song the shown one replaced (a new arrangement, a harmonized Music result, an import), to restore once. */
  arrangeReplaced: ArrangeSong | null;
  /** Where the song shown came from when another workspace sent it here, said above the lanes. */
  arrangeNotice: string | null;
  /** Per variation: its selection (a selection belongs to the variation it was made on). */
  arrangeSelections: Record<number, CellSelection>;
  arrangeActivity: ArrangeActivity;
  arrangeError: ErrorPayload | null;
  setArrangeSettings: (patch: Partial<ArrangeSettings>) => void;
  newArrangeSeed: () => void;
  setLaneMix: (track: keyof ArrangeMix, patch: Partial<LaneMix>) => void;
  reportArrangeError: (error: unknown) => void;
  setArrangeNotice: (notice: string | null) => void;
  generateArrangement: () => Promise<void>;
  cancelArrange: () => Promise<void>;
  selectArrangeVariation: (index: number) => void;
  setArrangeSelection: (selection: CellSelection | null) => void;
  undoArrange: () => void;
  redoArrange: () => void;
  /** Shows what the call in flight has written so far (ignored when nothing runs): the canvas draws it as it grows. */
  showArrangePartial: (partial: ArrangePartial) => void;
  /** Shows a song (from a run, an import, Music), keeping the replaced one for restoreReplacedSong. */
  showArrangeSong: (song: ArrangeSong, notice?: string | null) => void;
  restoreReplacedSong: () => void;
  /** Puts back what a reload kept (arrange-results.ts) unless a song was made since. */
  restoreArrange: (kept: { song: ArrangeSong; selections: Record<number, CellSelection> }) => void;
}

/** The shared machinery of every call: one at a time, a ticket per call so an abandoned one's answer is dropped. */
export interface ArrangeCalls {
  /** Runs `call` as the activity `what`; answers its run, or null when it failed, was cancelled or abandoned. */
  run: (what: string, variations: number, call: () => Promise<ArrangeRun>) => Promise<ArrangeRun | null>;
}

export function createArrangeSlice(
  bridge: MosaicBridge,
  options: { random?: () => number; urls?: ClipUrls } = {},
): StateCreator<StudioState, [], [], ArrangeSlice> {
  const random = options.random ?? Math.random;
  return (set, get, store) => {
    const tickets = new GenerationTickets(store, arrangeJobKinds);
    const calls: ArrangeCalls = {
      run: async (what, variations, call) => {
        if (get().arrangeActivity.state !== 'idle') return null;
        set({ arrangeActivity: { state: 'working', what, variations }, arrangeError: null });
        const ticket = tickets.take();
        // While it runs, its job's progress events carry the song written so far: drawn as it grows.
        const unfollow = bridge.on('jobs.didChange', (job) => {
          const kind = (arrangeJobKinds as readonly string[]).includes(job.kind);
          const active = job.state === 'running' || job.state === 'queued';
          if (!kind || !active || !tickets.isCurrent(ticket)) return;
          if (job.progress.partial) get().showArrangePartial(job.progress.partial);
        });
        try {
          const run = await call();
          if (!tickets.isCurrent(ticket)) return null;
          set({ arrangeActivity: { state: 'idle' } });
          return run;
        } catch (error) {
          if (tickets.isCurrent(ticket))
            set({ arrangeActivity: { state: 'idle' }, arrangeError: toErrorPayload(error) });
          return null;
        } finally {
          unfollow();
        }
      },
    };
    const seed = (): number => Math.floor(random() * 0x100000000);
    return {
      ...createArrangeEditsSlice(bridge, calls, seed)(set, get, store),
      ...createArrangePlaybackSlice(bridge, options.urls)(set, get, store),
      arrangeSettings: defaultArrangeSettings,
      arrangeMix: defaultArrangeMix,
      arrangeSong: null,
      arrangeReplaced: null,
      arrangeNotice: null,
      arrangeSelections: {},
      arrangeActivity: { state: 'idle' },
      arrangeError: null,
      setArrangeSettings: (patch) =>
        set({
          arrangeSettings: sanitizeArrangeSettings({ ...get().arrangeSettings, ...patch }, get().arrangeSettings),
        }),
      newArrangeSeed: () => get().setArrangeSettings({ seed: seed() }),
      setLaneMix: (track, patch) => {
        const arrangeMix = sanitizeArrangeMix({
          ...get().arrangeMix,
          [track]: { ...get().arrangeMix[track], ...patch },
        });
        set({ arrangeMix });
        // What plays follows the mix: a playing song is rendered again with the lanes (and programs) now heard.
        if (get().arrangePlayback.state !== 'stopped') void get().restartArrangePlayback();
      },
      reportArrangeError: (error) => set({ arrangeError: error === null ? null : toErrorPayload(error) }),
      setArrangeNotice: (arrangeNotice) => set({ arrangeNotice }),
      generateArrangement: async () => {
        const settings = get().arrangeSettings;
        const request = arrangeRequestOf(settings);
        const label = `Arranging ${settings.variations} × ${settings.bars} bars`;
        const run = await calls.run(label, settings.variations, () => bridge.call('music.arrange', request));
        if (run) get().showArrangeSong(songOfRun(run, 'Arranged'), null);
      },
      cancelArrange: async () => {
        try {
          await tickets.cancel((state) => state.arrangeActivity.state === 'working');
        } catch (error) {
          get().reportArrangeError(error);
        }
      },
      selectArrangeVariation: (index) => {
        const song = get().arrangeSong;
        if (!song) return;
        const selected = Math.min(song.variations.length - 1, Math.max(0, index));
        if (selected === song.selected) return;
        set({ arrangeSong: { ...song, selected } });
        if (get().arrangePlayback.state !== 'stopped') void get().restartArrangePlayback();
      },
      setArrangeSelection: (selection) => {
        const song = get().arrangeSong;
        if (!song) return;
        const arrangeSelections = { ...get().arrangeSelections };
        if (selection) arrangeSelections[selection.variation] = selection;
        else delete arrangeSelections[song.selected];
        set({ arrangeSelections });
      },
      showArrangePartial: (partial) => {
        const activity = get().arrangeActivity;
        if (activity.state === 'working') set({ arrangeActivity: { ...activity, partial } });
      },
      undoArrange: () => stepShown(-1),
      redoArrange: () => stepShown(1),
      showArrangeSong: (song, notice = null) => {
        get().stopArrange();
        const replaced = get().arrangeSong;
        set({
          arrangeSong: song,
          arrangeReplaced: replaced && replaced.id !== song.id ? replaced : get().arrangeReplaced,
          arrangeSelections: {},
          arrangeNotice: notice,
        });
      },
      restoreReplacedSong: () => {
        const replaced = get().arrangeReplaced;
        if (!replaced) return;
        get().stopArrange();
        set({ arrangeSong: replaced, arrangeReplaced: get().arrangeSong, arrangeSelections: {}, arrangeNotice: null });
      },
      restoreArrange: ({ song, selections }) => {
        if (get().arrangeSong) return;
        const selected = Math.min(song.variations.length - 1, Math.max(0, song.selected));
        const kept = Object.fromEntries(
          Object.entries(selections).flatMap(([index, selection]) => {
            const fitted = fitSelection(selection, song.bars);
            return fitted && song.variations[Number(index)] ? [[index, fitted]] : [];
          }),
        );
        set({ arrangeSong: { ...song, selected }, arrangeSelections: kept });
      },
    };

    function stepShown(by: -1 | 1): void {
      const song = get().arrangeSong;
      if (!song || get().arrangeActivity.state !== 'idle') return;
      const next = stepTake(song, song.selected, by);
      if (next === song) return;
      set({ arrangeSong: next });
      if (get().arrangePlayback.state !== 'stopped') void get().restartArrangePlayback();
    }
  };
}
