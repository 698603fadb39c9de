// What the checks found for one level: the playable badge, the repairs made (and where), and prompt adherence.
import type { GeneratedLevel, LevelRepair } from '../../../../contract/index.js';
import { describeColumns } from '../../state/column-selection.js';

const repairWords: Record<LevelRepair['kind'], string> = {
  regenerate: 'redrawn',
  bridge: 'bridge',
  restore: 'restored',
};

/** "2 repairs: bridge at 41–44, redrawn at 60–63", or "No repairs". */
export function describeRepairs(repairs: readonly LevelRepair[]): string {
  if (repairs.length === 0) return 'No repairs';
  const list = repairs.map((repair) => `${repairWords[repair.kind]} at ${describeColumns(repair.from, repair.to)}`);
  return `${repairs.length} ${repairs.length === 1 ? 'repair' : 'repairs'}: ${list.join(', ')}`;
}

export function LevelFacts({ level }: { level: GeneratedLevel }) {
  return (
    <span className="level-facts">
      <span className={`badge ${level.playable ? 'badge-ok' : 'badge-warn'}`} data-testid="level-playable">
        {level.playable ? 'Playable' : 'Not playable'}
      </span>
      <span className={level.repairs.length > 0 ? 'level-repairs' : 'muted'} data-testid="level-repairs">
        {describeRepairs(level.repairs)}
      </span>
      <span className="muted" title="Requested attributes the level actually has">
        prompt {level.adherence}/4
      </span>
    </span>
  );
}
