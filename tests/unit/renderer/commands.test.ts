import { describe, expect, it } from 'vitest';
import { describeShortcut, matchesShortcut, shortcutKeys } from '../../../renderer/src/commands/command.js';
import { studioCommands } from '../../../renderer/src/commands/command-registry.js';
import { belongsToTextField } from '../../../renderer/src/commands/use-shortcuts.js';

const key = (init: Partial<KeyboardEvent>) =>
  ({ key: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...init }) as KeyboardEvent;

describe('commands', () => {
  it('matches shortcuts exactly, modifiers included', () => {
    expect(matchesShortcut(key({ key: '1', ctrlKey: true }), 'Mod+1')).toBe(true);
    expect(matchesShortcut(key({ key: '1' }), 'Mod+1')).toBe(false);
    expect(matchesShortcut(key({ key: '1', ctrlKey: true, shiftKey: true }), 'Mod+1')).toBe(false);
    expect(matchesShortcut(key({ key: 'T', ctrlKey: true, shiftKey: true }), 'Mod+Shift+T')).toBe(true);
  });

  it('leaves bare keys and text-editing chords to a focused text field, but not Mod+Enter', () => {
    expect(belongsToTextField('[')).toBe(true);
    expect(belongsToTextField('Shift+ArrowRight')).toBe(true);
    expect(belongsToTextField('Mod+Z')).toBe(true);
    expect(belongsToTextField('Mod+Backspace')).toBe(true);
    expect(belongsToTextField('Mod+Enter')).toBe(false);
    expect(belongsToTextField('Mod+.')).toBe(false);
    expect(belongsToTextField('Alt+L')).toBe(false);
  });

  it('shows Mod as Ctrl off macOS', () => {
    expect(describeShortcut('Mod+Shift+T')).toBe('Ctrl+Shift+T');
  });

  it('matches and shows each alternative of a shortcut (Escape or Mod+. cancels arranging)', () => {
    expect(matchesShortcut(key({ key: 'Escape' }), 'Escape / Mod+.')).toBe(true);
    expect(matchesShortcut(key({ key: '.', ctrlKey: true }), 'Escape / Mod+.')).toBe(true);
    expect(matchesShortcut(key({ key: 'Escape', ctrlKey: true }), 'Escape / Mod+.')).toBe(false);
    expect(describeShortcut('Escape / Mod+.')).toBe('Esc / Ctrl+.');
    expect(studioCommands.find((command) => command.id === 'arrange.cancel')?.shortcut).toBe('Escape / Mod+.');
  });

  it('gives every command a unique id, and a shortcut unique among the shell and its workspace', () => {
    const ids = studioCommands.map((command) => command.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Workspace commands are enabled only in their workspace, so Mod+Enter may generate in each.
    const workspaces = ['music', 'arrange', 'levels', 'dungeons', 'models'];
    const workspaceOf = (id: string) => workspaces.find((workspace) => id.startsWith(`${workspace}.`));
    for (const workspace of workspaces) {
      const shortcuts = studioCommands
        .filter((command) => [workspace, undefined].includes(workspaceOf(command.id)))
        .flatMap((command) => (command.shortcut ? shortcutKeys(command.shortcut) : []));
      expect(new Set(shortcuts).size).toBe(shortcuts.length);
    }
  });
});
