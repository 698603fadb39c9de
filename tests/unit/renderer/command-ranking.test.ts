import { describe, expect, it } from 'vitest';
import { paletteEntries, workspaceOfCommand } from '../../../renderer/src/commands/command-ranking.js';
import { studioCommands } from '../../../renderer/src/commands/command-registry.js';
import { workspaces } from '../../../renderer/src/state/workspace-slice.js';

describe('command palette ranking', () => {
  it('lists the shown workspace’s commands first, then the Studio’s own, then the other workspaces’', () => {
    for (const shown of workspaces) {
      const ranks = paletteEntries(studioCommands, shown, '').map(({ command }) => {
        const workspace = workspaceOfCommand(command);
        return workspace === shown ? 0 : workspace === null ? 1 : 2;
      });
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(ranks).toHaveLength(studioCommands.length);
    }
    // "generate" finds both workspaces' Generate; the one shown comes first.
    expect(paletteEntries(studioCommands, 'levels', 'generate')[0]!.command.id).toBe('levels.generate');
    expect(paletteEntries(studioCommands, 'music', 'generate')[0]!.command.id).toBe('music.generate');
  });

  it('shows each shortcut on one command only: the one it runs in the workspace shown', () => {
    for (const shown of workspaces) {
      const shortcuts = paletteEntries(studioCommands, shown, '').flatMap(({ shortcut }) =>
        shortcut ? [shortcut] : [],
      );
      expect(new Set(shortcuts).size).toBe(shortcuts.length);
    }
    const entries = paletteEntries(studioCommands, 'music', '');
    const withCtrlEnter = entries.filter(({ shortcut }) => shortcut === 'Mod+Enter').map(({ command }) => command.id);
    expect(withCtrlEnter).toEqual(['music.generate']);
    // The Studio's own shortcuts show everywhere.
    expect(entries.find(({ command }) => command.id === 'workspace.levels')!.shortcut).toBe('Mod+2');
  });

  it('filters by label, case and surrounding spaces aside', () => {
    const labels = paletteEntries(studioCommands, 'music', '  EXPORT music ').map(({ command }) => command.label);
    expect(labels).toEqual([
      'Export music as MIDI',
      'Export music as WAV (loop-ready: exactly its bars)',
      'Export music as WAV with its release tail',
    ]);
  });
});
