// The left rail: one entry per workspace, each bound to its switch command and shortcut.
import { describeShortcut } from '../commands/command.js';
import { findCommand } from '../commands/command-registry.js';
import { useStudio, useStudioStore } from '../state/store-context.js';
import type { Workspace } from '../state/workspace-slice.js';

const entries: { workspace: Workspace; label: string; glyph: string }[] = [
  { workspace: 'music', label: 'Music', glyph: '♪' },
  { workspace: 'arrange', label: 'Arrange', glyph: '☰' },
  { workspace: 'levels', label: 'Levels', glyph: '▦' },
  { workspace: 'dungeons', label: 'Dungeons', glyph: '⊞' },
  { workspace: 'models', label: 'Models', glyph: '◈' },
  { workspace: 'history', label: 'History', glyph: '⟲' },
];

export function WorkspaceNav() {
  const store = useStudioStore();
  const current = useStudio((state) => state.workspace);
  return (
    <nav className="workspace-nav" aria-label="Workspaces">
      <div className="brand" aria-hidden="true">
        M
      </div>
      {entries.map(({ workspace, label, glyph }) => {
        const command = findCommand(`workspace.${workspace}`);
        return (
          <button
            key={workspace}
            type="button"
            className={`nav-entry ${current === workspace ? 'nav-entry-active' : ''}`}
            aria-current={current === workspace ? 'page' : undefined}
            title={`${label} (${describeShortcut(command.shortcut ?? '')})`}
            onClick={() => void command.run(store)}
          >
            <span className="nav-glyph" aria-hidden="true">
              {glyph}
            </span>
            <span className="nav-label">{label}</span>
          </button>
        );
      })}
    </nav>
  );
}
