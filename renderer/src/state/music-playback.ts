// Playback of a variation's WAV render (the real SoundFont): what plays, the playhead, looping; the <audio> follows it.
import type { StateCreator } from 'zustand';
import { currentMusicTake } from './music-take.js';
import type { StudioState } from './studio-store.js';

/*
 * Playback:
 *
 *   stopped ──play(v)──▶ loading(v) ──WAV rendered──▶ playing(v) ──ended (no loop) or stop──▶ stopped
 *                           └──stop, or the render failed──▶ stopped
 *   loading(v) | playing(v) ──play(w)──▶ loading(w), or playing(w) when w's WAV is cached
 */
export type MusicPlayback =
  { state: 'stopped' } | { state: 'loading'; variation: number } | { state: 'playing'; variation: number; url: string };

export interface MusicPlaybackSlice {
  musicPlayback: MusicPlayback;
  /** Seconds into the playing variation's audio, as the audio element reports it. */
  musicPlayhead: number;
  musicLoop: boolean;
  /** Plays a variation (the selected one by default), rendering its WAV first when it is not cached. */
  playMusic: (variation?: number) => Promise<void>;
  stopMusic: () => void;
  toggleMusicPlayback: () => Promise<void>;
  setMusicPlayhead: (seconds: number) => void;
  setMusicLoop: (loop: boolean) => void;
}

export function createMusicPlaybackSlice(): StateCreator<StudioState, [], [], MusicPlaybackSlice> {
  return (set, get) => ({
    musicPlayback: { state: 'stopped' },
    musicPlayhead: 0,
    musicLoop: false,
    playMusic: async (variation) => {
      const take = currentMusicTake(get());
      const chosen = variation ?? take?.selected ?? 0;
      const current = get().musicPlayback;
      if (current.state !== 'stopped' && current.variation === chosen) return;
      if (!take?.run.result.variations[chosen]) return;
      set({ musicPlayback: { state: 'loading', variation: chosen }, musicPlayhead: 0 });
      const file = await get().musicFile('wav', chosen);
      const now = get().musicPlayback;
      // A stop, or another play, while the WAV rendered wins over this one.
      if (now.state !== 'loading' || now.variation !== chosen) return;
      set({ musicPlayback: file ? { state: 'playing', variation: chosen, url: file.url } : { state: 'stopped' } });
    },
    stopMusic: () => set({ musicPlayback: { state: 'stopped' }, musicPlayhead: 0 }),
    toggleMusicPlayback: async () => {
      if (get().musicPlayback.state === 'stopped') await get().playMusic();
      else get().stopMusic();
    },
    setMusicPlayhead: (musicPlayhead) => set({ musicPlayhead }),
    setMusicLoop: (musicLoop) => set({ musicLoop }),
  });
}
