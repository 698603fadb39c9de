// A user action declared once (id, label, shortcut, enabled, run) and shared by buttons, the palette and shortcuts.
import type { StudioState, StudioStore } from '../state/studio-store.js';

export interface StudioCommand {
  /** Named with the same verbs as the CLI and the HTTP API, e.g. `inference.probe`. */
  id: string;
  label: string;
  /** e.g. `Mod+1`, `Mod+Shift+T`; Mod is Ctrl, or Cmd on macOS. Alternatives are joined by ` / `: `Escape / Mod+.`. */
  shortcut?: string;
  enabled?: (state: StudioState) => boolean;
  run: (store: StudioStore) => void | Promise<void>;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keys of a shortcut: `Escape / Mod+.` → [`Escape`, `Mod+.`]. */
export function shortcutKeys(shortcut: string): string[] {
  return shortcut.split(' / ');
}

/** True when a keydown matches a shortcut like `Mod+Shift+K` (or one of its alternatives). */
export function matchesShortcut(event: KeyboardEvent, shortcut: string): boolean {
  return shortcutKeys(shortcut).some((key) => matchesKey(event, key));
}

function matchesKey(event: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()?.toLowerCase();
  const wants = new Set(parts.map((part) => part.toLowerCase()));
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return (
    event.key.toLowerCase() === key &&
    mod === wants.has('mod') &&
    event.shiftKey === wants.has('shift') &&
    event.altKey === wants.has('alt')
  );
}

/** `Mod+Shift+K` → `Ctrl+Shift+K` (or `⌘⇧K` on macOS), for display. */
export function describeShortcut(shortcut: string): string {
  return shortcutKeys(shortcut)
    .map((key) => {
      if (key === 'Escape') return 'Esc';
      if (!isMac) return key.replace('Mod', 'Ctrl');
      return key.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥');
    })
    .join(' / ');
}

export function isEnabled(command: StudioCommand, state: StudioState): boolean {
  return command.enabled ? command.enabled(state) : true;
}
