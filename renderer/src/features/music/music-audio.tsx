// The <audio> element that plays the rendered WAV: follows the playback state, reports the playhead, loops by bars.
import { useEffect, useRef } from 'react';
import { musicTicksPerBar } from '../../../../contract/index.js';
import { currentMusicTake } from '../../state/music-take.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { syncAudioToPlayback } from './sync-audio.js';

export function MusicAudio({ bars, tempo }: { bars: number; tempo: number }) {
  const store = useStudioStore();
  const playback = useStudio((state) => state.musicPlayback);
  const audio = useRef<HTMLAudioElement>(null);
  const loopSeconds = (bars * musicTicksPerBar * 60) / (480 * tempo);

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    const playing = playback.state === 'playing' ? { url: playback.url, startSeconds: 0 } : undefined;
    syncAudioToPlayback(element, playing, (error) => {
      store.getState().reportMusicError(error);
      store.getState().stopMusic();
    });
  }, [playback, store]);

  // While playing, the playhead follows the audio clock; the loop jumps back at the last bar line, not the reverb tail.
  useEffect(() => {
    const element = audio.current;
    if (!element || playback.state !== 'playing') return;
    let frame = 0;
    const follow = (): void => {
      const { musicLoop, setMusicPlayhead } = store.getState();
      if (musicLoop && element.currentTime >= loopSeconds) element.currentTime = 0;
      setMusicPlayhead(element.currentTime);
      frame = requestAnimationFrame(follow);
    };
    frame = requestAnimationFrame(follow);
    return () => cancelAnimationFrame(frame);
  }, [playback, loopSeconds, store]);

  return (
    <audio
      ref={audio}
      preload="auto"
      data-testid="music-audio"
      onEnded={(event) => {
        // Played to the end: a signal of taste (taste.feedback play), once per variation.
        const state = store.getState();
        const take = currentMusicTake(state);
        if (take && state.musicPlayback.state === 'playing')
          void state.sendTaste(take.run.jobId, state.musicPlayback.variation, 'play');
        if (!store.getState().musicLoop) store.getState().stopMusic();
        else void event.currentTarget.play().catch(() => store.getState().stopMusic());
      }}
    />
  );
}
