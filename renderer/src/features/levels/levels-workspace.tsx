// The Levels workspace: a MarioGPT-style prompt, the variations it gave, the selected level drawn to edit and export.
import { useEffect, useState } from 'react';
import { useStudio } from '../../state/store-context.js';
import { LevelEditor } from './level-editor.js';
import { LevelError } from './level-error.js';
import { LevelExports } from './level-exports.js';
import { LevelPromptPanel } from './level-prompt-panel.js';
import { useTilesetArt } from './tileset-art.js';
import { useLevelKeys } from './use-level-keys.js';
import { VariationsStrip } from './variations-strip.js';
import './levels.css';

export function LevelsWorkspace() {
  const tileset = useStudio((state) => state.levelTileset);
  const loadTileset = useStudio((state) => state.loadLevelTileset);
  const art = useTilesetArt(tileset);
  // The columns the editor shows, outlined on the selected thumbnail.
  const [view, setView] = useState<{ first: number; last: number } | null>(null);
  useLevelKeys();
  useEffect(() => {
    if (!tileset) void loadTileset();
  }, [tileset, loadTileset]);

  return (
    <div className="workspace levels-workspace" data-testid="workspace-levels">
      <header className="workspace-header levels-header">
        <h1>Levels</h1>
        <LevelExports />
      </header>
      <LevelPromptPanel />
      <div className="levels-main">
        <LevelError />
        <VariationsStrip art={art} view={view} />
        <LevelEditor art={art} onView={setView} />
      </div>
    </div>
  );
}
