// One finished generation: its thumbnail, what it was, its recipe (model@version, digest, parameters, seed), and the
// Open / Regenerate exactly / Remove actions.
import type { HistoryItem } from '../../../../contract/index.js';
import { useStudio } from '../../state/store-context.js';
import { formatDuration } from '../../ui/format-duration.js';
import { KeepStar } from '../../ui/keep-star.js';
import { HistoryThumbnail } from './history-thumbnail.js';
import { recipeParameters } from './recipe-parameters.js';

export function HistoryCard({ item }: { item: HistoryItem }) {
  const work = useStudio((state) => state.historyWork[item.id]);
  const outcome = useStudio((state) => (state.historyOutcome?.from === item.id ? state.historyOutcome : null));
  const open = useStudio((state) => state.openHistoryEntry);
  const regenerate = useStudio((state) => state.regenerateHistoryEntry);
  const remove = useStudio((state) => state.removeHistoryEntry);
  const keep = useStudio((state) => state.keepHistoryEntry);
  const kept = item.kept === true;
  const time = new Date(item.createdAt);
  return (
    <li
      className={`history-card ${kept ? 'history-card-kept' : ''}`}
      data-testid="history-item"
      data-kind={item.kind}
      data-id={item.id}
      data-kept={kept}
    >
      <HistoryThumbnail item={item} />
      <div className="history-body">
        <div className="history-title">
          <span className="history-heading">
            <KeepStar
              kept={kept}
              onToggle={() => void keep(item.id, !kept)}
              what={item.summary.label}
              testId="history-keep"
            />
            <strong>{item.summary.label}</strong>
          </span>
          {item.keptVariations?.length ? (
            <span className="history-kept-variations" data-testid="history-kept-variations">
              ★ variation {item.keptVariations.map((index) => index + 1).join(', ')}
            </span>
          ) : null}
          <span className="muted">
            {item.method} · {time.toLocaleString()} · {formatDuration(item.durationMs)}
            {item.summary.variations > 1 ? ` · ${item.summary.variations} variations` : ''}
            {item.summary.playable !== undefined ? ` · ${item.summary.playable} playable` : ''}
            {item.summary.notes !== undefined ? ` · ${item.summary.notes} notes` : ''}
          </span>
        </div>
        <dl className="history-recipe">
          <dt>Model</dt>
          <dd data-testid="history-model">
            {item.model.name}@{item.model.version} ({item.model.precision}){' '}
            <span className="muted" title={item.model.digest}>
              sha256:{item.model.digest.slice(0, 12)}
            </span>
          </dd>
          <dt>Seed</dt>
          <dd data-testid="history-seed">{item.seed}</dd>
          <dt>Parameters</dt>
          <dd data-testid="history-parameters">
            {recipeParameters(item)
              .map(([key, value]) => `${key}: ${value}`)
              .join(' · ')}
          </dd>
        </dl>
        {outcome ? (
          <p className={outcome.identical ? 'ok' : 'error'} data-testid="history-outcome" role="status">
            {outcome.identical
              ? `Regenerated on ${outcome.model}: identical to this result.`
              : `Regenerated on ${outcome.model}: the result differs.`}
          </p>
        ) : null}
      </div>
      <div className="history-actions">
        <button type="button" className="button" disabled={work !== undefined} onClick={() => void open(item.id)}>
          {work === 'opening' ? 'Opening…' : 'Open'}
        </button>
        <button type="button" className="button" disabled={work !== undefined} onClick={() => void regenerate(item.id)}>
          {work === 'regenerating' ? 'Regenerating…' : 'Regenerate exactly'}
        </button>
        <button
          type="button"
          className="button"
          aria-label={`Remove ${item.summary.label} from history`}
          onClick={() => void remove(item.id)}
        >
          Remove
        </button>
      </div>
    </li>
  );
}
