// When each version of a model became active, from which, and why; newest first.
import { useMemo } from 'react';
import { useStudio } from '../../state/store-context.js';
import { shortDate } from './versions-table.js';

const shown = 12;

export function ActivationHistory({ name }: { name: string }) {
  const history = useStudio((state) => state.modelHistory);
  const entries = useMemo(() => history.filter((entry) => entry.name === name).reverse(), [history, name]);
  return (
    <section aria-label="Activation history" data-testid="activation-history">
      <h3>Activation history</h3>
      {entries.length === 0 ? <p className="muted">No version of {name} has been active yet.</p> : null}
      <ol className="history-list">
        {entries.slice(0, shown).map((entry) => (
          <li key={`${entry.at}-${entry.to}-${entry.reason}`}>
            <span className="history-change">
              {entry.from ?? '—'} → {entry.to ?? 'none'}
            </span>
            <span className="history-reason">{entry.reason}</span>
            <span className="muted history-time">{shortDate(entry.at)}</span>
          </li>
        ))}
      </ol>
      {entries.length > shown ? <p className="muted">and {entries.length - shown} earlier changes</p> : null}
    </section>
  );
}
