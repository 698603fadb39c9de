// Runs a command when its shortcut is pressed anywhere in the window.
import { useEffect } from 'react';
import { useStudioStore } from '../state/store-context.js';
import { isEnabled, matchesShortcut, shortcutKeys } from './command.js';
import { studioCommands } from './command-registry.js';

export function useShortcuts(): void {
  const store = useStudioStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const typing = isTextEntry(event.target);
      // Workspaces share shortcuts (Mod+Enter generates in each): the enabled command with the shortcut wins. While a
      // text field has the keyboard, keys without Mod or Alt (`[`, `L`, Shift+arrows) and its editing keys (Mod+Z undo,
      // Mod+Backspace delete a word, …) are its own.
      const command = studioCommands.find(
        (candidate) =>
          candidate.shortcut &&
          shortcutKeys(candidate.shortcut).some(
            (key) => matchesShortcut(event, key) && !(typing && belongsToTextField(key)),
          ) &&
          isEnabled(candidate, store.getState()),
      );
      if (!command) return;
      event.preventDefault();
      void command.run(store);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

const nonTextInputs = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True where a key press types or moves a caret: text inputs, text areas, selects and editable content. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return target instanceof HTMLInputElement && !nonTextInputs.has(target.type);
}

const textEditingShortcuts = new Set([
  'Mod+Z',
  'Mod+Shift+Z',
  'Mod+Y',
  'Mod+A',
  'Mod+C',
  'Mod+V',
  'Mod+X',
  'Mod+Backspace',
]);

/** True for a shortcut a focused text field must keep: one with neither Mod nor Alt, or a text-editing chord. */
export function belongsToTextField(shortcut: string): boolean {
  const modifiers = shortcut.split('+').slice(0, -1);
  return (!modifiers.includes('Mod') && !modifiers.includes('Alt')) || textEditingShortcuts.has(shortcut);
}
