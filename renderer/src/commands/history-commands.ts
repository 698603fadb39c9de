// The History workspace's commands: show it, and forget every entry.
import type { StudioCommand } from './command.js';

export const historyCommands: StudioCommand[] = [
  {
    id: 'workspace.history',
    label: 'Show History',
    shortcut: 'Mod+4',
    run: (store) => store.getState().showWorkspace('history'),
  },
  {
    id: 'history.clear',
    label: 'Clear history',
    enabled: (state) => state.historyTotal > 0,
    run: async (store) => {
      if (typeof window !== 'undefined' && !window.confirm('Forget every result in the history?')) return;
      await store.getState().clearHistory();
    },
  },
];
