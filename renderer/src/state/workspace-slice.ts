// Which workspace is shown and whether the command palette is open; the workspace choice is persisted.
import type { StateCreator } from 'zustand';
import type { StudioState } from './studio-store.js';

export const workspaces = ['music', 'arrange', 'levels', 'dungeons', 'models', 'history'] as const;
export type Workspace = (typeof workspaces)[number];

export interface WorkspaceSlice {
  workspace: Workspace;
  paletteOpen: boolean;
  showWorkspace: (workspace: Workspace) => void;
  setPaletteOpen: (open: boolean) => void;
}

export const createWorkspaceSlice: StateCreator<StudioState, [], [], WorkspaceSlice> = (set) => ({
  workspace: 'music',
  paletteOpen: false,
  showWorkspace: (workspace) => set({ workspace }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
});
