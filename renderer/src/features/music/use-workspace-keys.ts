// The bare keys a song workspace (Music, Arrange) shares: never with Ctrl/Cmd/Alt, the palette open or a text field
// holding the keyboard; Space runs the workspace's play command (it belongs to the transport even with a button focused,
// as in a DAW); every other key goes to the workspace's own handler.
import { useEffect } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { isEnabled } from '../../commands/command.js';
import { isTextEntry } from '../../commands/use-shortcuts.js';
import type { StudioState } from '../../state/studio-store.js';
import { useStudioStore } from '../../state/store-context.js';

/** `onOtherKey` gets the keys left after the shared guards and Space; it must be stable (a module-level function). */
export function useWorkspaceKeys(
  playCommand: string,
  onOtherKey: (event: KeyboardEvent, state: StudioState) => void,
): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const state = store.getState();
      if (event.ctrlKey || event.metaKey || event.altKey || state.paletteOpen || isTextEntry(event.target)) return;
      if (event.key === ' ') {
        const play = findCommand(playCommand);
        event.preventDefault();
        if (isEnabled(play, state)) void play.run(store);
        return;
      }
      onOtherKey(event, state);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, playCommand, onOtherKey]);
}
