// Digit keys 1–8 pick a variation while the Levels workspace is shown and no text field has the keyboard.
import { useEffect } from 'react';
import { isTextEntry } from '../../commands/use-shortcuts.js';
import { useStudioStore } from '../../state/store-context.js';

export function useLevelKeys(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = store.getState();
      if (event.ctrlKey || event.metaKey || event.altKey || state.paletteOpen || isTextEntry(event.target)) return;
      const digit = Number(event.key);
      if (!Number.isInteger(digit) || digit < 1 || digit > state.levels.length) return;
      event.preventDefault();
      state.selectVariation(digit - 1);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
