// Export buttons for the selected level: a Tiled map (.tmj + .tsj + tileset PNG), a PNG render, or VGLC text.
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { useStudio } from '../../state/store-context.js';

const exports = [
  { id: 'levels.export.tmj', label: 'Tiled', format: 'tmj', hint: '.tmj map + .tsj tileset + tileset PNG' },
  { id: 'levels.export.png', label: 'PNG', format: 'png', hint: 'the level drawn with its path' },
  { id: 'levels.export.txt', label: 'TXT', format: 'txt', hint: 'VGLC text, one character per tile' },
] as const;

export function LevelExports() {
  const activity = useStudio((state) => state.levelActivity);
  return (
    <div className="level-exports" role="group" aria-label="Export the selected level">
      <span className="field-label">Export</span>
      {exports.map(({ id, label, format, hint }) => (
        <span key={id} title={hint} data-testid={`level-export-${format}`}>
          <CommandButton
            command={findCommand(id)}
            label={activity.state === 'exporting' && activity.format === format ? `${label}…` : label}
          />
        </span>
      ))}
    </div>
  );
}
