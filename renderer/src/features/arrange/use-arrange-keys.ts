// Bare keys of the Arrange workspace: Space plays or stops, 1–8 pick a variation — never while a text field has the
// keyboard; arrows belong to the lanes' canvas (arrange-canvas.tsx), and with nothing focused they go to it.
import type { StudioState } from '../../state/studio-store.js';
import { useWorkspaceKeys } from '../music/use-workspace-keys.js';

function onArrangeKey(event: KeyboardEvent, state: StudioState): void {
  // Nothing has the keyboard (the page itself): an arrow gives the lanes focus and moves their cursor there.
  if (event.target === document.body && /^Arrow|^Home$|^End$/.test(event.key) && state.arrangeSong) {
    const lanes = document.querySelector<HTMLCanvasElement>('[data-testid="arrange-canvas"]');
    if (!lanes) return;
    event.preventDefault();
    lanes.focus();
    lanes.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, shiftKey: event.shiftKey, bubbles: true }));
    return;
  }
  const digit = Number(event.key);
  const song = state.arrangeSong;
  if (!song || !Number.isInteger(digit) || digit < 1 || digit > song.variations.length) return;
  event.preventDefault();
  state.selectArrangeVariation(digit - 1);
}

export function useArrangeKeys(): void {
  useWorkspaceKeys('arrange.play', onArrangeKey);
}
