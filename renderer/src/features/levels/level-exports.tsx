// Export buttons: a Tiled map (.tmj + .tsj + tileset PNG), an LDtk project (.ldtk + tileset PNG), a PNG render or VGLC
// text, of the selected level or of every variation at once (a shared tileset is downloaded once).
import { useStudio } from '../../state/store-context.js';
import { GameExports } from '../game-exports.js';

const formats = [
  { label: 'Tiled', format: 'tmj', hint: '.tmj map + .tsj tileset + tileset PNG' },
  { label: 'LDtk', format: 'ldtk', hint: '.ldtk project (collision, tiles, spawn, goal, enemies) + tileset PNG' },
  { label: 'PNG', format: 'png', hint: 'the level drawn with its path' },
  { label: 'TXT', format: 'txt', hint: 'VGLC text, one character per tile' },
] as const;

export function LevelExports() {
  const activity = useStudio((state) => state.levelActivity);
  const variations = useStudio((state) => state.levels.length);
  return (
    <GameExports
      commands="levels"
      testIdPrefix="level"
      groupLabel="Export levels"
      scopeLabel="Which levels"
      oneScope="selected"
      progressLabel={(total) => `Exporting ${total} variations`}
      formats={formats}
      activity={activity}
      variations={variations}
    />
  );
}
