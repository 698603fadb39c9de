// Rendered files of Music takes (MIDI for export and drag-out, WAV for playback and export): rendered once, then cached.
import type { StateCreator } from 'zustand';
import type { MosaicBridge } from '../../../contract/index.js';
import type { ClipUrls } from './music-clip-urls.js';
import { musicClipName } from './music-export-names.js';
import { currentMusicTake, musicFileKey, type MusicFile, type MusicFileFormat, type MusicTake } from './music-take.js';
import type { StudioState } from './studio-store.js';

export interface MusicFilesSlice {
  /** Rendered files by `musicFileKey` (take, format, variation). */
  musicFiles: Record<string, MusicFile>;
  /** Keys of files being rendered now. */
  musicRendering: string[];
  /** The current take's variation as a file, rendered once and then cached; null (musicError set) when it failed. */
  musicFile: (format: MusicFileFormat, variation: number) => Promise<MusicFile | null>;
  /** Frees the files of a take that is replaced. */
  dropMusicFiles: (take: MusicTake) => void;
}

export function createMusicFilesSlice(
  bridge: MosaicBridge,
  urls: ClipUrls,
): StateCreator<StudioState, [], [], MusicFilesSlice> {
  // Renders in flight, so two asks for the same file share one export.
  const pending = new Map<string, Promise<MusicFile | null>>();
  return (set, get) => {
    const isCurrent = (take: MusicTake): boolean => get().musicTakes[take.mode]?.run.jobId === take.run.jobId;
    const render = async (take: MusicTake, format: MusicFileFormat, variation: number): Promise<MusicFile | null> => {
      const key = musicFileKey(take, format, variation);
      const clip = musicClipName({ mode: take.mode, seed: take.run.seed, result: take.run.result }, variation);
      const name = format === 'wav-tail' ? `${clip}-tail` : clip;
      set({ musicRendering: [...get().musicRendering, key] });
      try {
        const request = { result: take.run.result, variation, name };
        const { files } = await bridge.call(
          'music.export',
          format === 'mid'
            ? { ...request, format }
            : { ...request, format: 'wav', wavEnd: format === 'wav' ? 'loop' : 'tail' },
        );
        const file = files[0];
        if (!file) throw new Error(`music.export gave no ${format} file`);
        if (!isCurrent(take)) return null;
        const rendered: MusicFile = {
          name: file.name,
          url: urls.create(file),
          ...(format === 'mid' ? { base64: file.base64 } : {}),
        };
        set({ musicFiles: { ...get().musicFiles, [key]: rendered } });
        return rendered;
      } catch (error) {
        if (isCurrent(take)) get().reportMusicError(error);
        return null;
      } finally {
        pending.delete(key);
        set({ musicRendering: get().musicRendering.filter((entry) => entry !== key) });
      }
    };
    return {
      musicFiles: {},
      musicRendering: [],
      musicFile: (format, variation) => {
        const take = currentMusicTake(get());
        if (!take || !take.run.result.variations[variation]) return Promise.resolve(null);
        const key = musicFileKey(take, format, variation);
        const known = get().musicFiles[key] ?? null;
        if (known) return Promise.resolve(known);
        const rendering = pending.get(key) ?? render(take, format, variation);
        pending.set(key, rendering);
        return rendering;
      },
      dropMusicFiles: (take) => {
        const prefix = `${take.run.jobId}:`;
        const files = { ...get().musicFiles };
        for (const [key, file] of Object.entries(files)) {
          if (!key.startsWith(prefix)) continue;
          urls.revoke(file.url);
          delete files[key];
        }
        for (const key of [...pending.keys()]) if (key.startsWith(prefix)) pending.delete(key);
        set({ musicFiles: files });
      },
    };
  };
}
