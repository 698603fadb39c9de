// Runs a command when its shortcut is pressed anywhere in the window.
import { useEffect } from 'react';
import { useStudioStore } from '../state/store-context.js';
import { isEnabled, matchesShortcut } from './command.js';
import { studioCommands } from './command-registry.js';

export function useShortcuts(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      // Workspaces share shortcuts (Mod+Enter generates in each): the enabled command with the shortcut wins.
      const command = studioCommands.find(
        (candidate) =>
          candidate.shortcut && matchesShortcut(event, candidate.shortcut) && isEnabled(candidate, store.getState()),
      );
      if (!command) return;
      event.preventDefault();
      void command.run(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
