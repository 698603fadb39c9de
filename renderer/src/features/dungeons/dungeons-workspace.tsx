// The Dungeons workspace: the request, the variations it gave, the shown dungeon drawn with its room graph and the
// agent's path, the selected room to inspect and redraw, and exports.
import { shownDungeon } from '../../state/dungeons-slice.js';
import { useStudio } from '../../state/store-context.js';
import { DungeonControls } from './dungeon-controls.js';
import { DungeonError } from './dungeon-error.js';
import { DungeonExports } from './dungeon-exports.js';
import { DungeonMap } from './dungeon-map.js';
import { DungeonRoomPanel } from './dungeon-room-panel.js';
import { DungeonVariations } from './dungeon-variations.js';
import { useDungeonKeys } from './use-dungeon-keys.js';
// The variation cards and badges are Levels' (.variations, .variation, .badge).
import '../levels/levels.css';
import './dungeons.css';

export function DungeonsWorkspace() {
  useDungeonKeys();
  // The room panel takes its column only once there is a dungeon to select rooms on.
  const hasDungeon = useStudio((state) => shownDungeon(state) !== null);
  return (
    <div className="workspace dungeons-workspace" data-testid="workspace-dungeons">
      <header className="workspace-header dungeons-header">
        <h1>Dungeons</h1>
        <DungeonExports />
      </header>
      <DungeonControls />
      <div className="dungeons-main">
        <DungeonError />
        <DungeonVariations />
        <div className={`dungeons-view ${hasDungeon ? '' : 'dungeons-view-empty'}`}>
          <DungeonMap />
          <DungeonRoomPanel />
        </div>
      </div>
    </div>
  );
}
