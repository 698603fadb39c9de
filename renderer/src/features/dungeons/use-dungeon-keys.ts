// Keys of the Dungeons workspace that are not commands of their own: digits 1–8 pick a variation, and + (Shift+= on
// most keyboards) zooms in as = does; only while no text field or the palette has the keyboard.
import { useEffect } from 'react';
import { isTextEntry } from '../../commands/use-shortcuts.js';
import { useStudioStore } from '../../state/store-context.js';

export function useDungeonKeys(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = store.getState();
      if (event.ctrlKey || event.metaKey || event.altKey || state.paletteOpen || isTextEntry(event.target)) return;
      if (event.defaultPrevented) return;
      if (event.key === '+') {
        event.preventDefault();
        state.stepDungeonZoom(1);
        return;
      }
      const digit = Number(event.key);
      if (!Number.isInteger(digit) || digit < 1 || digit > state.dungeonTakes.length) return;
      event.preventDefault();
      state.selectDungeon(digit - 1);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
