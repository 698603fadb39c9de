// A Music take (one generate, continue or drums run and its pick) and the selectors over takes and rendered files.
import type { MusicKey, MusicRun } from '../../../contract/index.js';
import type { MusicMode, MusicSettings } from './music-settings.js';
import type { StudioState } from './studio-store.js';

/** One generate, continue or drums run, what the roll needs to draw it as it was asked for, and the pick. */
export interface MusicTake {
  mode: MusicMode;
  run: MusicRun;
  /** The variation picked (auditioned, exported, dragged). */
  selected: number;
  /** The key every note was locked to (shaded on the roll), or null. */
  lockedKey: MusicKey | null;
  /** The melody's allowed range, or null for drums. */
  pitchRange: MusicSettings['pitchRange'] | null;
  /** General MIDI keys of the kit pieces the groove could use, or null for a melody. */
  kit: number[] | null;
}

/** "wav" is loop-ready (exactly the clip's bars, release folded onto the start); "wav-tail" adds 1 s of release. */
export type MusicFileFormat = 'mid' | 'wav' | 'wav-tail';

/** An exported variation behind an object URL; MIDI keeps its bytes for drag-out. */
export interface MusicFile {
  name: string;
  url: string;
  base64?: string;
}

/** Where a take's rendered file is kept: `${jobId}:${format}:${variation}`. */
export function musicFileKey(take: MusicTake, format: MusicFileFormat, variation: number): string {
  return `${take.run.jobId}:${format}:${variation}`;
}

/** The take of the mode shown, or null before that mode generated anything. */
export function currentMusicTake(state: Pick<StudioState, 'musicTakes' | 'musicSettings'>): MusicTake | null {
  return state.musicTakes[state.musicSettings.mode] ?? null;
}

/** A file of the current take's variation, when it is rendered already. */
export function renderedMusicFile(
  state: Pick<StudioState, 'musicTakes' | 'musicSettings' | 'musicFiles'>,
  format: MusicFileFormat,
  variation: number,
): MusicFile | null {
  const take = currentMusicTake(state);
  return take ? (state.musicFiles[musicFileKey(take, format, variation)] ?? null) : null;
}

/** Whether a file of the current take's variation is being rendered. */
export function isRenderingMusicFile(
  state: Pick<StudioState, 'musicTakes' | 'musicSettings' | 'musicRendering'>,
  format: MusicFileFormat,
  variation: number,
): boolean {
  const take = currentMusicTake(state);
  return take !== null && state.musicRendering.includes(musicFileKey(take, format, variation));
}
