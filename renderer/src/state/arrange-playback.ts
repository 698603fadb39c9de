// Playback and files of the song shown: its WAV mix (the lanes heard, each on its General MIDI program) rendered by
// music.exportSong and cached, the play head, loop over the selected bars, the metronome, MIDI/WAV downloads.
import type { StateCreator } from 'zustand';
import type { ArrangeTrack, MosaicBridge } from '../../../contract/index.js';
import { arrangeTracks, MosaicError, musicTicksPerBar } from '../../../contract/index.js';
import { browserClipUrls, type ClipUrls } from './music-clip-urls.js';
import { selectionRect } from './arrange-selection.js';
import { audibleTracks } from './arrange-settings.js';
import { currentTake, exportResultOf, tracksWithNotes, type ArrangeSong } from './arrange-song.js';
import { keyFileName } from './music-export-names.js';
import type { StudioState } from './studio-store.js';

/*
 * Playback:
 *
 *   stopped ──play──▶ loading ──WAV rendered──▶ playing(url, span) ──stop, or the end (no loop)──▶ stopped
 *                        └──stop, or the render failed──▶ stopped
 *   loading | playing ──the mix, the variation or its take changes──▶ loading (rendered again, from the same bar)
 */
export type ArrangePlayback =
  | { state: 'stopped' }
  | { state: 'loading' }
  | { state: 'playing'; url: string; fromSeconds: number; toSeconds: number; startSeconds: number };

export interface ArrangeFile {
  name: string;
  url: string;
  base64: string;
}

export interface ArrangePlaybackSlice {
  arrangePlayback: ArrangePlayback;
  /** Seconds into the song, as the audio element reports it. */
  arrangePlayhead: number;
  /** Loop the selected bars (the whole song without a selection). */
  arrangeLoop: boolean;
  arrangeMetronome: boolean;
  /** Keys of files being rendered now (the export buttons say so). */
  arrangeRendering: string[];
  playArrange: () => Promise<void>;
  stopArrange: () => void;
  toggleArrangePlayback: () => Promise<void>;
  /** Renders again what plays (the mix or the take changed), from where the play head is. */
  restartArrangePlayback: () => Promise<void>;
  setArrangePlayhead: (seconds: number) => void;
  setArrangeLoop: (loop: boolean) => void;
  setArrangeMetronome: (on: boolean) => void;
  /** The shown take as a file: the whole song (heard lanes only for `wav` playback) or one lane; cached. */
  arrangeFile: (format: 'mid' | 'wav', lane?: ArrangeTrack, forPlayback?: boolean) => Promise<ArrangeFile | null>;
}

/** Seconds of a bar line at a tempo. */
export function secondsOfBar(bar: number, tempo: number): number {
  return (bar * musicTicksPerBar * 60) / (480 * tempo);
}

/** "song-A-minor-110bpm-seed7-v2", "bass-…": the exported file's name (without extension). */
export function songFileName(song: ArrangeSong, lane?: ArrangeTrack): string {
  const words = [
    lane ?? 'song',
    song.key ? keyFileName(song.key) : null,
    `${Math.round(song.tempo)}bpm`,
    song.seed !== undefined ? `seed${song.seed}` : null,
    `v${song.selected + 1}`,
  ];
  return words
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._ -]/g, '')
    .slice(0, 120);
}

/** Files kept rendered (the oldest object URL is released past this). */
const keptFiles = 12;

export function createArrangePlaybackSlice(
  bridge: MosaicBridge,
  urls: ClipUrls = browserClipUrls,
): StateCreator<StudioState, [], [], ArrangePlaybackSlice> {
  const files = new Map<string, ArrangeFile>();
  const pending = new Map<string, Promise<ArrangeFile | null>>();
  return (set, get) => {
    const fileKey = (
      song: ArrangeSong,
      format: string,
      tracks: readonly ArrangeTrack[],
      lane?: ArrangeTrack,
    ): string => {
      const take = currentTake(song);
      const programs = tracks.map((track) => `${track}${get().arrangeMix[track].program}`).join(',');
      return `${take?.id}:${format}:${lane ?? 'song'}:${programs}`;
    };
    const render = async (key: string, format: 'mid' | 'wav', tracks: ArrangeTrack[], lane?: ArrangeTrack) => {
      const song = get().arrangeSong;
      const result = song ? exportResultOf(song, song.selected, get().arrangeMix, tracks) : null;
      if (!song || !result) return null;
      set({ arrangeRendering: [...get().arrangeRendering, key] });
      try {
        const request = { result, variation: 0, name: songFileName(song, lane) };
        const { files: made } = await bridge.call(
          'music.exportSong',
          format === 'mid' ? { ...request, format } : { ...request, format, wavEnd: 'loop' },
        );
        const file = made[0];
        if (!file) throw new Error(`music.exportSong gave no ${format} file`);
        const kept: ArrangeFile = { name: file.name, url: urls.create(file), base64: file.base64 };
        files.set(key, kept);
        for (const [old, oldFile] of [...files].slice(0, Math.max(0, files.size - keptFiles))) {
          urls.revoke(oldFile.url);
          files.delete(old);
        }
        return kept;
      } catch (error) {
        get().reportArrangeError(error);
        return null;
      } finally {
        pending.delete(key);
        set({ arrangeRendering: get().arrangeRendering.filter((entry) => entry !== key) });
      }
    };
    /** The span that plays: the selected bars of the shown variation with Loop on, else the whole take. */
    const span = (song: ArrangeSong): { from: number; to: number } => {
      const take = currentTake(song);
      const bars = take?.bars ?? song.bars;
      const selection = get().arrangeSelections[song.selected];
      if (!get().arrangeLoop || !selection) return { from: 0, to: secondsOfBar(bars, song.tempo) };
      const rect = selectionRect(selection);
      return {
        from: secondsOfBar(rect.fromBar, song.tempo),
        to: secondsOfBar(Math.min(bars, rect.toBar + 1), song.tempo),
      };
    };
    const play = async (startAt: number | null): Promise<void> => {
      const song = get().arrangeSong;
      if (!song) return;
      set({ arrangePlayback: { state: 'loading' } });
      const file = await get().arrangeFile('wav', undefined, true);
      if (get().arrangePlayback.state !== 'loading' || get().arrangeSong !== song) return;
      if (!file) {
        set({ arrangePlayback: { state: 'stopped' } });
        return;
      }
      const { from, to } = span(song);
      const start = startAt !== null && startAt >= from && startAt < to ? startAt : from;
      set({
        arrangePlayback: { state: 'playing', url: file.url, fromSeconds: from, toSeconds: to, startSeconds: start },
        arrangePlayhead: start,
      });
    };
    return {
      arrangePlayback: { state: 'stopped' },
      arrangePlayhead: 0,
      arrangeLoop: false,
      arrangeMetronome: false,
      arrangeRendering: [],
      playArrange: () => play(null),
      stopArrange: () => set({ arrangePlayback: { state: 'stopped' }, arrangePlayhead: 0 }),
      toggleArrangePlayback: async () => {
        if (get().arrangePlayback.state === 'stopped') await play(null);
        else get().stopArrange();
      },
      restartArrangePlayback: () => play(get().arrangePlayhead),
      setArrangePlayhead: (arrangePlayhead) => set({ arrangePlayhead }),
      setArrangeLoop: (arrangeLoop) => {
        set({ arrangeLoop });
        const song = get().arrangeSong;
        const playing = get().arrangePlayback;
        if (song && playing.state === 'playing') {
          const { from, to } = span(song);
          set({ arrangePlayback: { ...playing, fromSeconds: from, toSeconds: to } });
        }
      },
      setArrangeMetronome: (arrangeMetronome) => set({ arrangeMetronome }),
      arrangeFile: (format, lane, forPlayback = false) => {
        const song = get().arrangeSong;
        const take = song ? currentTake(song) : null;
        if (!song || !take) return Promise.resolve(null);
        const present = tracksWithNotes(take.tracks);
        const tracks = lane ? [lane] : forPlayback ? audibleTracks(get().arrangeMix, present) : present;
        if (tracks.length === 0) {
          get().reportArrangeError(
            new MosaicError('BAD_REQUEST', 'Every lane with notes is muted: unmute or solo one to hear the song.'),
          );
          return Promise.resolve(null);
        }
        const key = fileKey(
          song,
          format,
          arrangeTracks.filter((track) => tracks.includes(track)),
          lane,
        );
        const known = files.get(key);
        if (known) return Promise.resolve(known);
        const rendering = pending.get(key) ?? render(key, format, tracks, lane);
        pending.set(key, rendering);
        return rendering;
      },
    };
  };
}
