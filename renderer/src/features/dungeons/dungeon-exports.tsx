// Export buttons: Tiled (.tmj + .tsj + tileset PNG), LDtk (.ldtk + tileset PNG), PNG, VGLC Zelda text; of the dungeon
// shown or of every variation at once (a shared tileset is downloaded once). Through dungeons.export, as the CLI does.
import { useStudio } from '../../state/store-context.js';
import { GameExports } from '../game-exports.js';

const formats = [
  {
    label: 'Tiled',
    format: 'tmj',
    hint: '.tmj map of the whole dungeon (doors and spawn as objects) + .tsj tileset + PNG',
  },
  { label: 'LDtk', format: 'ldtk', hint: '.ldtk project, GridVania world, one level per room + tileset PNG' },
  { label: 'PNG', format: 'png', hint: 'the dungeon drawn' },
  { label: 'VGLC', format: 'vglc', hint: 'VGLC Zelda text, rooms laid on the grid as in VGLC’s processed maps' },
] as const;

export function DungeonExports() {
  const activity = useStudio((state) => state.dungeonActivity);
  const variations = useStudio((state) => state.dungeonTakes.length);
  return (
    <GameExports
      commands="dungeons"
      testIdPrefix="dungeon"
      groupLabel="Export dungeons"
      scopeLabel="Which dungeons"
      oneScope="shown"
      progressLabel={(total) => `Exporting ${total} dungeons`}
      formats={formats}
      activity={activity}
      variations={variations}
    />
  );
}
