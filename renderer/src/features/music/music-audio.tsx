// The <audio> element that plays the rendered WAV: follows the playback state, reports the playhead, loops by bars.
import { useEffect, useRef } from 'react';
import { musicTicksPerBar } from '../../../../contract/index.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';

export function MusicAudio({ bars, tempo }: { bars: number; tempo: number }) {
  const store = useStudioStore();
  const playback = useStudio((state) => state.musicPlayback);
  const audio = useRef<HTMLAudioElement>(null);
  const loopSeconds = (bars * musicTicksPerBar * 60) / (480 * tempo);

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    if (playback.state !== 'playing') {
      element.pause();
      return;
    }
    if (element.getAttribute('src') !== playback.url) element.src = playback.url;
    element.currentTime = 0;
    element.play().catch((error: unknown) => {
      // A pause() or a new source while starting is not a failure worth showing.
      if ((error as Error).name === 'AbortError') return;
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
        if (!store.getState().musicLoop) store.getState().stopMusic();
        else void event.currentTarget.play().catch(() => store.getState().stopMusic());
      }}
    />
  );
}
