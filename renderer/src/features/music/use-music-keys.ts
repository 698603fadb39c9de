// Bare keys of the Music workspace: Space plays or stops, 1–9 pick a variation — never while a text field has the keyboard.
import { useEffect } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { isEnabled } from '../../commands/command.js';
import { isTextEntry } from '../../commands/use-shortcuts.js';
import { useStudioStore } from '../../state/store-context.js';

export function useMusicKeys(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = store.getState();
      if (event.ctrlKey || event.metaKey || event.altKey || state.paletteOpen || isTextEntry(event.target)) return;
      if (event.key === ' ') {
        const play = findCommand('music.play');
        // Space belongs to the transport, even with a button focused (as in a DAW).
        event.preventDefault();
        if (isEnabled(play, state)) void play.run(store);
        return;
      }
      const digit = Number(event.key);
      const take = state.musicTakes[state.musicSettings.mode];
      if (!take || !Number.isInteger(digit) || digit < 1 || digit > take.run.result.variations.length) return;
      event.preventDefault();
      state.selectMusicVariation(digit - 1);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
