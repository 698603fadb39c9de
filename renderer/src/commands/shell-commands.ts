// The shell's commands: switching workspaces, the palette, and the inference self-test.
import type { StudioCommand } from './command.js';

export const shellCommands: StudioCommand[] = [
  {
    id: 'workspace.music',
    label: 'Show Music',
    shortcut: 'Mod+1',
    run: (store) => store.getState().showWorkspace('music'),
  },
  {
    id: 'workspace.levels',
    label: 'Show Levels',
    shortcut: 'Mod+2',
    run: (store) => store.getState().showWorkspace('levels'),
  },
  {
    id: 'workspace.models',
    label: 'Show Models',
    shortcut: 'Mod+3',
    run: (store) => store.getState().showWorkspace('models'),
  },
  {
    id: 'palette.open',
    label: 'Open command palette',
    shortcut: 'Mod+K',
    run: (store) => store.getState().setPaletteOpen(true),
  },
  {
    id: 'inference.probe',
    label: 'Run inference self-test',
    shortcut: 'Mod+Shift+T',
    enabled: (state) => state.selfTest.state !== 'running',
    run: (store) => store.getState().runSelfTest(),
  },
  {
    id: 'system.refresh',
    label: 'Refresh system status',
    run: (store) => store.getState().loadDoctor(),
  },
];
