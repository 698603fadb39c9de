// Edits of the song shown, each a new undoable take of the variation it was asked on: Infill (the selected cells),
// Harmonize, Drums for, Continue and Humanize; the same four sent from a Music result (opening a new song); imports.
import type { StateCreator } from 'zustand';
import {
  arrangeTrackTitles,
  type ArrangeRun,
  type ArrangeTrack,
  type MosaicBridge,
  type MusicKey,
  type SongTrack,
} from '../../../contract/index.js';
import type { ArrangeCalls } from './arrange-slice.js';
import {
  continueRequestOf,
  harmonizeRequestOf,
  humanizeRequestOf,
  infillRequestOf,
  mergeTracks,
} from './arrange-requests.js';
import { describeSelection, spansOf } from './arrange-selection.js';
import { changedCells, currentTake, pushTake, songOfRun, trackOf, type ArrangeSong } from './arrange-song.js';
import { currentMusicTake } from './music-take.js';
import type { StudioState } from './studio-store.js';

/** The four ways to build on a result: chords and bass under its melody, drums under it, more bars, humanized drums. */
export type SongAction = 'harmonize' | 'drums' | 'continue' | 'humanize';

export interface ArrangeEditsSlice {
  /** Rewrites the selected cells of the variation they were selected on (Ctrl+Shift+Enter). */
  infillSelection: () => Promise<void>;
  /** Applies an action to the song shown: a new take of its variation. */
  editArrangeSong: (action: SongAction) => Promise<void>;
  /** Applies an action to the picked Music variation; the song it makes opens in Arrange. */
  sendMusicToArrange: (action: SongAction) => Promise<void>;
  /** A song read from a dropped .mid becomes the song shown. */
  importArrangeSong: (song: { name: string; tracks: SongTrack[]; bars: number; tempo: number; key?: MusicKey }) => void;
}

/** Why an action cannot run on these tracks, or null when it can. */
export function actionProblem(action: SongAction, tracks: readonly SongTrack[], bars: number): string | null {
  const has = (track: ArrangeTrack): boolean => (trackOf(tracks, track)?.notes.length ?? 0) > 0;
  if ((action === 'harmonize' || action === 'drums') && !has('melody')) return 'needs a melody';
  if (action === 'humanize' && !has('drums')) return 'needs drums';
  if (action === 'continue' && bars >= 32) return 'the song is 32 bars already';
  return null;
}

const actionWords: Record<SongAction, { doing: string; done: string; writes: ArrangeTrack[] }> = {
  harmonize: { doing: 'Harmonizing', done: 'Harmonized', writes: ['chords', 'bass'] },
  drums: { doing: 'Writing drums for', done: 'Drums written for', writes: ['drums'] },
  continue: { doing: 'Continuing', done: 'Continued', writes: [] },
  humanize: { doing: 'Humanizing', done: 'Humanized', writes: ['drums'] },
};

export function createArrangeEditsSlice(
  bridge: MosaicBridge,
  calls: ArrangeCalls,
  seed: () => number,
): StateCreator<StudioState, [], [], ArrangeEditsSlice> {
  return (set, get) => {
    /** The call an action makes on some tracks of a song; answers null when the action does not apply. */
    const callOf = (
      action: SongAction,
      facts: Pick<ArrangeSong, 'tempo' | 'key' | 'style' | 'drumStyle'>,
      take: { tracks: SongTrack[]; bars: number },
    ): (() => Promise<ArrangeRun>) | null => {
      const settings = get().arrangeSettings;
      if (actionProblem(action, take.tracks, take.bars)) return null;
      if (action === 'continue') {
        const request = continueRequestOf(settings, facts, take, seed());
        return request ? () => bridge.call('music.infill', request) : null;
      }
      if (action === 'humanize') {
        const request = humanizeRequestOf(
          facts,
          trackOf(take.tracks, 'drums')!,
          take.bars,
          settings.temperature,
          seed(),
        );
        return () => bridge.call('music.humanize', request);
      }
      const melody = trackOf(take.tracks, 'melody')!;
      if (action === 'harmonize') {
        const request = harmonizeRequestOf(settings, facts, melody, take.bars, ['chords', 'bass'], seed());
        return () => bridge.call('music.harmonize', request);
      }
      // Drums for the song: the drum lane rewritten over every bar, hearing every other part.
      const cells = [{ track: 'drums' as const, fromBar: 0, toBar: take.bars - 1 }];
      const request = infillRequestOf(settings, facts, take, cells, seed());
      return () => bridge.call('music.infill', request);
    };

    /** Runs an edit of the shown variation and pushes what it wrote as its new take. */
    const editShown = async (
      label: string,
      make: (song: ArrangeSong, tracks: SongTrack[], bars: number) => (() => Promise<ArrangeRun>) | null,
      keep: (before: SongTrack[], written: SongTrack[]) => SongTrack[],
    ): Promise<void> => {
      const song = get().arrangeSong;
      const variation = song?.selected ?? 0;
      const take = song ? currentTake(song, variation) : null;
      if (!song || !take) return;
      const call = make(song, take.tracks, take.bars);
      if (!call) return;
      const run = await calls.run(label, 1, call);
      const written = run?.result.variations[0];
      const now = get().arrangeSong;
      // The song was replaced meanwhile (an import, a new arrangement): this edit belongs to the old one.
      if (!run || !written || !now || now.id !== song.id) return;
      const tracks = keep(take.tracks, written.tracks);
      const bars = run.result.bars;
      const next = { id: run.jobId, tracks, bars, changed: changedCells(take.tracks, tracks, bars), label };
      set({ arrangeSong: pushTake(now, variation, next) });
      // What plays follows the take shown: the new one is rendered and played from where the play head is.
      if (get().arrangePlayback.state !== 'stopped' && now.selected === variation) void get().restartArrangePlayback();
    };

    return {
      infillSelection: async () => {
        const song = get().arrangeSong;
        const selection = song ? get().arrangeSelections[song.selected] : undefined;
        if (!song || !selection) return;
        const label = `Infill ${describeSelection(selection, arrangeTrackTitles)}`;
        await editShown(
          label,
          (shown, tracks, bars) => {
            const request = infillRequestOf(get().arrangeSettings, shown, { tracks, bars }, spansOf(selection), seed());
            return () => bridge.call('music.infill', request);
          },
          (_before, written) => written,
        );
      },
      editArrangeSong: async (action) => {
        const words = actionWords[action];
        await editShown(
          `${words.done} the song`,
          (song, tracks, bars) => callOf(action, song, { tracks, bars }),
          // Harmonize and Humanize answer only the parts they wrote on: the others stay as they were.
          (before, written) => (words.writes.length > 0 ? mergeTracks(before, written, words.writes) : written),
        );
      },
      sendMusicToArrange: async (action) => {
        const take = currentMusicTake(get());
        if (!take) return;
        const { result } = take.run;
        const drums = result.task === 'music.drums';
        const variation = result.variations[take.selected];
        if (!variation) return;
        const part: SongTrack = { track: drums ? 'drums' : 'melody', notes: variation.notes };
        const settings = get().arrangeSettings;
        const facts = {
          tempo: result.tempo,
          ...(result.key ? { key: result.key } : {}),
          style: settings.style,
          drumStyle: settings.drumStyle,
        };
        const call = callOf(action, facts, { tracks: [part], bars: result.bars });
        const source = `Music ${drums ? 'drums' : 'melody'} variation ${take.selected + 1}`;
        if (!call) return;
        get().showWorkspace('arrange');
        const words = actionWords[action];
        set({ arrangeNotice: `${words.doing} ${source}…` });
        const run = await calls.run(`${words.doing} ${source}`, 1, call);
        if (!run) {
          set({ arrangeNotice: null });
          return;
        }
        const origin = `${words.done} ${source}`;
        get().showArrangeSong(songOfRun(run, origin), `${origin}: opened here as a new song.`);
      },
      importArrangeSong: ({ name, tracks, bars, tempo, key }) => {
        const id = `import:${name}:${Date.now()}`;
        const song: ArrangeSong = {
          id,
          origin: `Imported ${name}`,
          bars,
          tempo,
          ...(key ? { key } : {}),
          style: get().arrangeSettings.style,
          drumStyle: get().arrangeSettings.drumStyle,
          variations: [{ takes: [{ id, tracks, bars, changed: [], label: `Imported ${name}` }], index: 0 }],
          selected: 0,
        };
        get().showArrangeSong(song, `Imported ${name}: ${tracks.length} parts over ${bars} bars.`);
      },
    };
  };
}
