// The palette's order: the shown workspace's commands first, then the Studio's own, then other workspaces'; a
// workspace command's shortcut is shown only where it works (its workspace), so Ctrl+Enter names one command.
import { workspaces, type Workspace } from '../state/workspace-slice.js';
import type { StudioCommand } from './command.js';

/** Id prefixes of each workspace's commands (`music.generate`, `levels.undo`, …); others belong to the whole Studio. */
const prefixes: Record<Workspace, string> = {
  music: 'music.',
  arrange: 'arrange.',
  levels: 'levels.',
  dungeons: 'dungeons.',
  models: 'models.',
  history: 'history.',
};

/** The workspace a command acts in, or null for the Studio's own (switching, palette, settings, self-test). */
export function workspaceOfCommand(command: Pick<StudioCommand, 'id'>): Workspace | null {
  return workspaces.find((workspace) => command.id.startsWith(prefixes[workspace])) ?? null;
}

export interface PaletteEntry {
  command: StudioCommand;
  /** The shortcut to show beside it, or null where it would not run this command. */
  shortcut: string | null;
}

/** The commands whose label contains the query, ranked for the workspace shown (registry order within a rank). */
export function paletteEntries(commands: readonly StudioCommand[], shown: Workspace, query: string): PaletteEntry[] {
  const wanted = query.trim().toLowerCase();
  const rank = (command: StudioCommand): number => {
    const workspace = workspaceOfCommand(command);
    return workspace === shown ? 0 : workspace === null ? 1 : 2;
  };
  return commands
    .filter((command) => command.label.toLowerCase().includes(wanted))
    .map((command, index) => ({ command, index, rank: rank(command) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ command, rank }) => ({ command, shortcut: rank === 2 ? null : (command.shortcut ?? null) }));
}
