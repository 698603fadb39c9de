// The Levels workspace: prompted platformer levels, checked by an agent, exported to Tiled (once a level model is installed).
import { EmptyWorkspace } from '../empty-workspace.js';

export function LevelsWorkspace() {
  return (
    <EmptyWorkspace
      title="Levels"
      testId="workspace-levels"
      lines={[
        'Describe a level — “many pipes, some enemies, low elevation” — and get playable maps drawn with the path an agent found.',
        'No level model is installed yet.',
      ]}
    />
  );
}
