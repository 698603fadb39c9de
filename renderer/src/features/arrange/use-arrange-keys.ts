// Bare keys of the Arrange workspace: Space plays or stops, 1–8 pick a variation — never while a text field has the
// keyboard; arrows belong to the lanes' canvas (arrange-canvas.tsx), and with nothing focused they go to it.
import { useEffect } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { isEnabled } from '../../commands/command.js';
import { isTextEntry } from '../../commands/use-shortcuts.js';
import { useStudioStore } from '../../state/store-context.js';

export function useArrangeKeys(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = store.getState();
      if (event.ctrlKey || event.metaKey || event.altKey || state.paletteOpen || isTextEntry(event.target)) return;
      if (event.key === ' ') {
        const play = findCommand('arrange.play');
        event.preventDefault();
        if (isEnabled(play, state)) void play.run(store);
        return;
      }
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
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
