// What a workspace shows before a model for its task is installed: what it will do, and the way to Models.
import { findCommand } from '../commands/command-registry.js';
import { CommandButton } from '../commands/command-button.js';

export function EmptyWorkspace({ title, testId, lines }: { title: string; testId: string; lines: string[] }) {
  return (
    <div className="workspace" data-testid={testId}>
      <header className="workspace-header">
        <h1>{title}</h1>
      </header>
      <div className="empty-state">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <CommandButton command={findCommand('workspace.models')} label="Open Models" />
      </div>
    </div>
  );
}
