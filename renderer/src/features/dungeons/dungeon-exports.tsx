// Export buttons: Tiled (.tmj + .tsj + tileset PNG), LDtk (.ldtk + tileset PNG), PNG, VGLC Zelda text; of the dungeon
// shown or of every variation at once (a shared tileset is downloaded once). Through dungeons.export, as the CLI does.
import { useState } from 'react';
import { CommandButton } from '../../commands/command-button.js';
import { findCommand } from '../../commands/command-registry.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { SegmentedControl } from '../../ui/segmented-control.js';

const exports = [
  {
    label: 'Tiled',
    format: 'tmj',
    hint: '.tmj map of the whole dungeon (doors and spawn as objects) + .tsj tileset + PNG',
  },
  { label: 'LDtk', format: 'ldtk', hint: '.ldtk project, GridVania world, one level per room + tileset PNG' },
  { label: 'PNG', format: 'png', hint: 'the dungeon drawn' },
  { label: 'VGLC', format: 'vglc', hint: 'VGLC Zelda text, rooms laid on the grid as in VGLC’s processed maps' },
] as const;

const selectedScope = 'shown';

export function DungeonExports() {
  const activity = useStudio((state) => state.dungeonActivity);
  const variations = useStudio((state) => state.dungeonTakes.length);
  const allScope = `all ${variations}`;
  const [scope, setScope] = useState<'shown' | 'all'>(selectedScope);
  const all = scope === 'all' && variations > 1;
  const exportingAll = activity.state === 'exporting' ? activity.all : undefined;
  return (
    <div className="dungeon-exports" role="group" aria-label="Export dungeons">
      <span className="field-label">Export</span>
      {variations > 1 ? (
        <SegmentedControl<string>
          label="Which dungeons"
          options={[selectedScope, allScope]}
          value={all ? allScope : selectedScope}
          onChange={(value) => setScope(value === selectedScope ? 'shown' : 'all')}
          testId="dungeon-export-scope"
        />
      ) : null}
      {exports.map(({ label, format, hint }) => (
        <span
          key={format}
          title={all ? `${hint}, for each of the ${variations} variations` : hint}
          data-testid={`dungeon-export-${format}`}
        >
          <CommandButton
            command={findCommand(all ? `dungeons.exportAll.${format}` : `dungeons.export.${format}`)}
            label={
              activity.state === 'exporting' && activity.format === format
                ? exportingAll
                  ? `${label} ${exportingAll.done}/${exportingAll.total}…`
                  : `${label}…`
                : label
            }
          />
        </span>
      ))}
      {exportingAll ? (
        <span className="dungeon-exports-progress" data-testid="dungeon-export-progress">
          <ProgressBar
            label={`Exporting ${exportingAll.total} dungeons`}
            fraction={exportingAll.done / exportingAll.total}
          />
        </span>
      ) : null}
    </div>
  );
}
