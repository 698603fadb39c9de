// Settings commands: open the panel, and go back to this machine's service from a remote one.
import type { StudioCommand } from './command.js';

export const settingsCommands: StudioCommand[] = [
  {
    id: 'settings.open',
    label: 'Open settings',
    shortcut: 'Mod+,',
    run: (store) => store.getState().setSettingsOpen(true),
  },
  {
    id: 'settings.useThisMachine',
    label: 'Use this machine (leave the remote service)',
    enabled: (state) => state.remoteBackend !== null,
    run: (store) => store.getState().setRemoteBackend(null),
  },
];
