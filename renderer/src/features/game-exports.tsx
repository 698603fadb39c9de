// The export row of the Levels and Dungeons workspaces: one button per file format, of the variation shown or (with
// several variations) of every variation at once through the `<commands>.exportAll.<format>` command, whose button
// counts the variations done while a progress bar fills.
import { useState } from 'react';
import { CommandButton } from '../commands/command-button.js';
import { findCommand } from '../commands/command-registry.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { SegmentedControl } from '../ui/segmented-control.js';
import './game-exports.css';

export interface GameExportFormat {
  /** The button's text. */
  label: string;
  /** The format's name in the commands (`levels.export.tmj`) and in the test ids. */
  format: string;
  /** The button's tooltip: what the export holds. */
  hint: string;
}

/** What the workspace is doing, as far as the export row cares: 'exporting' one format, perhaps of every variation. */
export interface GameExportActivity {
  state: string;
  format?: string;
  all?: { done: number; total: number };
}

export interface GameExportsProps {
  /** Prefix of the commands run: `levels` runs levels.export.<format> and levels.exportAll.<format>. */
  commands: 'levels' | 'dungeons';
  /** Prefix of the test ids: `level` gives level-export-<format>, level-export-scope and level-export-progress. */
  testIdPrefix: string;
  /** The group's accessible name ('Export levels'). */
  groupLabel: string;
  /** The scope control's accessible name ('Which levels'). */
  scopeLabel: string;
  /** The scope choice that exports only the variation shown ('selected'); the other reads `all <variations>`. */
  oneScope: string;
  /** The progress bar's label while every variation is exported. */
  progressLabel: (total: number) => string;
  formats: readonly GameExportFormat[];
  activity: GameExportActivity;
  /** How many variations there are; the scope control shows only with more than one. */
  variations: number;
}

export function GameExports({
  commands,
  testIdPrefix,
  groupLabel,
  scopeLabel,
  oneScope,
  progressLabel,
  formats,
  activity,
  variations,
}: GameExportsProps) {
  const allScope = `all ${variations}`;
  const [scope, setScope] = useState<'one' | 'all'>('one');
  const all = scope === 'all' && variations > 1;
  const exporting = activity.state === 'exporting';
  const exportingAll = exporting ? activity.all : undefined;
  return (
    <div className="game-exports" role="group" aria-label={groupLabel}>
      <span className="field-label">Export</span>
      {variations > 1 ? (
        <SegmentedControl<string>
          label={scopeLabel}
          options={[oneScope, allScope]}
          value={all ? allScope : oneScope}
          onChange={(value) => setScope(value === oneScope ? 'one' : 'all')}
          testId={`${testIdPrefix}-export-scope`}
        />
      ) : null}
      {formats.map(({ label, format, hint }) => (
        <span
          key={format}
          title={all ? `${hint}, for each of the ${variations} variations` : hint}
          data-testid={`${testIdPrefix}-export-${format}`}
        >
          <CommandButton
            command={findCommand(all ? `${commands}.exportAll.${format}` : `${commands}.export.${format}`)}
            label={
              exporting && activity.format === format
                ? exportingAll
                  ? `${label} ${exportingAll.done}/${exportingAll.total}…`
                  : `${label}…`
                : label
            }
          />
        </span>
      ))}
      {exportingAll ? (
        <span className="game-exports-progress" data-testid={`${testIdPrefix}-export-progress`}>
          <ProgressBar label={progressLabel(exportingAll.total)} fraction={exportingAll.done / exportingAll.total} />
        </span>
      ) : null}
    </div>
  );
}
