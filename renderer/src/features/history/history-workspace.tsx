// The History workspace: queued and running jobs, and every finished generation with its recipe, to reopen or
// regenerate exactly.
import { useEffect } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { historyPageSize, type HistoryFilter } from '../../state/history-slice.js';
import { useStudio } from '../../state/store-context.js';
import { SegmentedControl } from '../../ui/segmented-control.js';
import { HistoryCard } from './history-card.js';
import { JobsPanel } from './jobs-panel.js';
import './history.css';

const filters: readonly HistoryFilter[] = ['all', 'level', 'music', 'song', 'dungeon', 'kept'];

export function HistoryWorkspace() {
  const items = useStudio((state) => state.historyItems);
  const total = useStudio((state) => state.historyTotal);
  const filter = useStudio((state) => state.historyFilter);
  const error = useStudio((state) => state.historyError);
  const setFilter = useStudio((state) => state.setHistoryFilter);
  const showMore = useStudio((state) => state.showMoreHistory);
  const followHistory = useStudio((state) => state.followHistory);
  useEffect(() => followHistory(), [followHistory]);

  return (
    <div className="workspace history-workspace" data-testid="workspace-history">
      <header className="workspace-header">
        <h1>History</h1>
        <CommandButton command={findCommand('history.clear')} label="Clear history" />
      </header>
      <JobsPanel />
      <section className="panel" aria-labelledby="results-heading">
        <div className="history-results-header">
          <h2 id="results-heading">Results</h2>
          <SegmentedControl
            label="Show"
            options={filters}
            value={filter}
            onChange={setFilter}
            testId="history-filter"
          />
          <span className="muted" data-testid="history-total">
            {total} {total === 1 ? 'result' : 'results'}
          </span>
        </div>
        {error ? (
          <p className="error" role="alert" data-testid="history-error">
            {error.code}: {error.message}
          </p>
        ) : null}
        {items.length === 0 ? (
          <p className="muted">
            {filter === 'kept'
              ? 'Nothing kept yet: star a result (☆ here, or F on a variation) to keep it.'
              : 'Every level, clip and song you generate appears here with its recipe.'}
          </p>
        ) : null}
        <ul className="history-list" aria-label="Finished generations">
          {items.map((item) => (
            <HistoryCard key={item.id} item={item} />
          ))}
        </ul>
        {items.length < total ? (
          <button type="button" className="button history-more" onClick={showMore} data-testid="history-more">
            Show {Math.min(historyPageSize, total - items.length)} older of {total - items.length}
          </button>
        ) : null}
      </section>
    </div>
  );
}
