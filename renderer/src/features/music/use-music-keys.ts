// Bare keys of the Music workspace: Space plays or stops, 1–9 pick a variation — never while a text field has the keyboard.
import type { StudioState } from '../../state/studio-store.js';
import { useWorkspaceKeys } from './use-workspace-keys.js';

function pickVariation(event: KeyboardEvent, state: StudioState): void {
  const digit = Number(event.key);
  const take = state.musicTakes[state.musicSettings.mode];
  if (!take || !Number.isInteger(digit) || digit < 1 || digit > take.run.result.variations.length) return;
  event.preventDefault();
  state.selectMusicVariation(digit - 1);
}

export function useMusicKeys(): void {
  useWorkspaceKeys('music.play', pickVariation);
}
