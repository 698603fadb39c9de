// The <audio> element that plays the song's WAV mix: follows the playback state, reports the play head, loops the
// span that plays (the selected bars with Loop on) and, with the metronome on, clicks each beat (louder on the one).
import { useEffect, useRef } from 'react';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { syncAudioToPlayback } from '../music/sync-audio.js';

/** A short click from an oscillator: 1.6 kHz on a bar's first beat, 1 kHz on the others. */
function click(context: AudioContext, downbeat: boolean): void {
  // A context made outside a key press or click starts suspended in some browsers; the song is playing, so resume.
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = downbeat ? 1600 : 1000;
  gain.gain.setValueAtTime(downbeat ? 0.35 : 0.2, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.05);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.06);
}

export function ArrangeAudio() {
  const store = useStudioStore();
  const playback = useStudio((state) => state.arrangePlayback);
  const tempo = useStudio((state) => state.arrangeSong?.tempo ?? 120);
  const audio = useRef<HTMLAudioElement>(null);
  const clicks = useRef<{ context: AudioContext | null; count: number }>({ context: null, count: 0 });

  // The metronome's audio context is closed with the workspace.
  useEffect(() => {
    const held = clicks.current;
    return () => void held.context?.close().catch(() => undefined);
  }, []);

  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    syncAudioToPlayback(element, playback.state === 'playing' ? playback : undefined, (error) => {
      store.getState().reportArrangeError(error);
      store.getState().stopArrange();
    });
  }, [playback, store]);

  useEffect(() => {
    const element = audio.current;
    if (!element || playback.state !== 'playing') return;
    const beat = 60 / tempo;
    let frame = 0;
    let lastBeat = -1;
    const follow = (): void => {
      const state = store.getState();
      const now = state.arrangePlayback;
      if (now.state !== 'playing') return;
      if (element.currentTime >= now.toSeconds) {
        if (state.arrangeLoop) element.currentTime = now.fromSeconds;
        else {
          state.stopArrange();
          return;
        }
      }
      const current = Math.floor(element.currentTime / beat + 1e-6);
      if (state.arrangeMetronome && current !== lastBeat && !element.paused) {
        clicks.current.context ??= new AudioContext();
        click(clicks.current.context, current % 4 === 0);
        clicks.current.count += 1;
        element.dataset.clicks = String(clicks.current.count);
      }
      lastBeat = current;
      state.setArrangePlayhead(element.currentTime);
      frame = requestAnimationFrame(follow);
    };
    frame = requestAnimationFrame(follow);
    return () => cancelAnimationFrame(frame);
  }, [playback, tempo, store]);

  return (
    <audio
      ref={audio}
      preload="auto"
      data-testid="arrange-audio"
      onEnded={(event) => {
        const state = store.getState();
        const now = state.arrangePlayback;
        if (state.arrangeLoop && now.state === 'playing') {
          event.currentTarget.currentTime = now.fromSeconds;
          void event.currentTarget.play().catch(() => state.stopArrange());
        } else state.stopArrange();
      }}
    />
  );
}
