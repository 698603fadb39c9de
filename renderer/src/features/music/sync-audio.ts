// Points a workspace's <audio> element at what its playback state says plays (Music's variation, Arrange's song mix).

/** What plays: the WAV's URL and where in it to start. */
export interface AudioStart {
  url: string;
  startSeconds: number;
}

/**
 * Pauses the element when nothing plays; otherwise loads the URL (when it is not the loaded one), seeks to the start
 * and plays, handing a failure to `fail` — a pause() or a new source while starting (AbortError) is not a failure.
 */
export function syncAudioToPlayback(
  element: HTMLAudioElement,
  playing: AudioStart | undefined,
  fail: (error: unknown) => void,
): void {
  if (!playing) {
    element.pause();
    return;
  }
  if (element.getAttribute('src') !== playing.url) element.src = playing.url;
  element.currentTime = playing.startSeconds;
  element.play().catch((error: unknown) => {
    if ((error as Error).name === 'AbortError') return;
    fail(error);
  });
}
