// Export buttons: a Tiled map (.tmj + .tsj + tileset PNG), an LDtk project (.ldtk + tileset PNG), a PNG render or VGLC
// text, of the selected level or of every variation at once (a shared tileset is downloaded once).
import { useState } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { SegmentedControl } from '../../ui/segmented-control.js';

const exports = [
  { label: 'Tiled', format: 'tmj', hint: '.tmj map + .tsj tileset + tileset PNG' },
  { label: 'LDtk', format: 'ldtk', hint: '.ldtk project (collision, tiles, spawn, goal, enemies) + tileset PNG' },
  { label: 'PNG', format: 'png', hint: 'the level drawn with its path' },
  { label: 'TXT', format: 'txt', hint: 'VGLC text, one character per tile' },
] as const;

const selectedScope = 'selected';

export function LevelExports() {
  const activity = useStudio((state) => state.levelActivity);
  const variations = useStudio((state) => state.levels.length);
  const allScope = `all ${variations}`;
  const [scope, setScope] = useState<'selected' | 'all'>(selectedScope);
  const all = scope === 'all' && variations > 1;
  const exportingAll = activity.state === 'exporting' ? activity.all : undefined;
  return (
    <div className="level-exports" role="group" aria-label="Export levels">
      <span className="field-label">Export</span>
      {variations > 1 ? (
        <SegmentedControl<string>
          label="Which levels"
          options={[selectedScope, allScope]}
          value={all ? allScope : selectedScope}
          onChange={(value) => setScope(value === selectedScope ? 'selected' : 'all')}
          testId="level-export-scope"
        />
      ) : null}
      {exports.map(({ label, format, hint }) => (
        <span
          key={format}
          title={all ? `${hint}, for each of the ${variations} variations` : hint}
          data-testid={`level-export-${format}`}
        >
          <CommandButton
            command={findCommand(all ? `levels.exportAll.${format}` : `levels.export.${format}`)}
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
        <span className="level-exports-progress" data-testid="level-export-progress">
          <ProgressBar
            label={`Exporting ${exportingAll.total} variations`}
            fraction={exportingAll.done / exportingAll.total}
          />
        </span>
      ) : null}
    </div>
  );
}
