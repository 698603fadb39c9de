// The Studio's frame: workspace rail, the active workspace, the status bar and the command palette.
import { useEffect } from 'react';
import { useShortcuts } from '../commands/use-shortcuts.js';
import { ArrangeWorkspace } from '../features/arrange/arrange-workspace.js';
import { DungeonsWorkspace } from '../features/dungeons/dungeons-workspace.js';
import { HistoryWorkspace } from '../features/history/history-workspace.js';
import { LevelsWorkspace } from '../features/levels/levels-workspace.js';
import { ModelsWorkspace } from '../features/models/models-workspace.js';
import { MusicWorkspace } from '../features/music/music-workspace.js';
import { SettingsDialog } from '../features/settings/settings-dialog.js';
import { useStudio } from '../state/store-context.js';
import type { TransportKind } from '../transport/connect.js';
import type { MosaicBridge } from '../../../contract/index.js';
import { CommandPalette } from './command-palette.js';
import { StatusBar } from './status-bar.js';
import { WorkspaceNav } from './workspace-nav.js';

export function AppShell({ bridge, transport }: { bridge: MosaicBridge; transport: TransportKind }) {
  const workspace = useStudio((state) => state.workspace);
  const loadSystem = useStudio((state) => state.loadSystem);
  const applyHostStatus = useStudio((state) => state.applyHostStatus);
  useShortcuts();

  const loadJobs = useStudio((state) => state.loadJobs);
  const applyJob = useStudio((state) => state.applyJob);
  const applyInstallJob = useStudio((state) => state.applyInstallJob);
  const applyLibraryChange = useStudio((state) => state.applyLibraryChange);
  const restoreResults = useStudio((state) => state.restoreResults);
  const followKept = useStudio((state) => state.followKept);
  // Stars (kept results) show in every workspace: main's marks, followed from the start.
  useEffect(() => followKept(), [followKept]);
  const loadTasteStatus = useStudio((state) => state.loadTasteStatus);
  useEffect(() => void loadTasteStatus(), [loadTasteStatus]);

  // Main owns the truth: load it once, then follow its events (the model library loads when Models is shown).
  useEffect(() => {
    void loadSystem();
    void loadJobs().catch(() => undefined);
    // The last results of each workspace, kept over a reload, come back from main's history.
    void restoreResults();
    const unsubscribes = [
      bridge.on('inference.didChangeState', applyHostStatus),
      bridge.on('jobs.didChange', applyJob),
      bridge.on('models.didProgressInstall', applyInstallJob),
      bridge.on('models.didChange', applyLibraryChange),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, [bridge, loadSystem, applyHostStatus, loadJobs, applyJob, applyInstallJob, applyLibraryChange, restoreResults]);

  return (
    <div className="app-shell">
      <WorkspaceNav />
      <main className="workspace-area">
        {workspace === 'music' ? <MusicWorkspace /> : null}
        {workspace === 'arrange' ? <ArrangeWorkspace /> : null}
        {workspace === 'levels' ? <LevelsWorkspace /> : null}
        {workspace === 'dungeons' ? <DungeonsWorkspace /> : null}
        {workspace === 'models' ? <ModelsWorkspace /> : null}
        {workspace === 'history' ? <HistoryWorkspace /> : null}
      </main>
      <StatusBar transport={transport} />
      <CommandPalette />
      <SettingsDialog />
    </div>
  );
}
