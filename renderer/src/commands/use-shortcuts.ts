// Runs a command when its shortcut is pressed anywhere in the window.
import { useEffect } from 'react';
import { useStudioStore } from '../state/store-context.js';
import { isEnabled, matchesShortcut } from './command.js';
import { studioCommands } from './command-registry.js';

export function useShortcuts(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = studioCommands.find(
        (candidate) => candidate.shortcut && matchesShortcut(event, candidate.shortcut),
      );
      if (!command || !isEnabled(command, store.getState())) return;
      event.preventDefault();
      void command.run(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
