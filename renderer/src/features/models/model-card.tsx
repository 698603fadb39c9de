// The model card of the selected version: task, licence, training data, commercial use, evaluation figures (named for
// people, grouped by setting), variants.
import { manifestFiles, modelRef, type ModelManifest } from '../../../../contract/index.js';
import { formatBytes, type ModelEntry, type VersionRow } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { evaluationSections } from './evaluation-labels.js';

export function ModelCard({ entry, row }: { entry: ModelEntry; row: VersionRow | null }) {
  const detail = useStudio((state) => (row ? state.modelCards[modelRef(entry.name, row.version)] : undefined));
  const offer = useStudio((state) => (row ? state.modelOffers[modelRef(entry.name, row.version)] : undefined));
  if (!row) return null;
  if (!row.installed) {
    if (offer && offer !== 'unavailable') {
      return <CardFacts manifest={offer.manifest} note={`From catalog ${offer.catalogId}; not installed.`} />;
    }
    return (
      <section className="model-card" aria-label="Model card" data-testid="model-card">
        <h3>Card · {row.version}</h3>
        <p className="muted">
          {offer === undefined && row.offer
            ? `Reading the card of ${row.version} from its catalog…`
            : `The catalog did not give the card of ${row.version}: install it to read its licence, training data and evaluation.`}
        </p>
        {row.offer ? (
          <dl className="facts">
            <dt>Task</dt>
            <dd>{entry.task}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(row.offer.sizeBytes)}</dd>
            <dt>Needs app</dt>
            <dd>{row.offer.minAppVersion}</dd>
            <dt>Published</dt>
            <dd>{row.offer.publishedAt.slice(0, 10)}</dd>
          </dl>
        ) : null}
      </section>
    );
  }
  if (!detail) return <section className="model-card muted">Reading the card of {row.version}…</section>;
  return <CardFacts manifest={detail.manifest} />;
}

function CardFacts({ manifest, note }: { manifest: ModelManifest; note?: string }) {
  const size = (files: ModelManifest['files']): number => files.reduce((sum, file) => sum + file.size, 0);
  const evaluation = evaluationSections(manifest.evaluation);
  return (
    <section className="model-card" aria-label="Model card" data-testid="model-card">
      <h3>Card · {manifest.version}</h3>
      {note ? (
        <p className="muted" data-testid="card-source">
          {note}
        </p>
      ) : null}
      {manifest.description ? <p className="model-card-description">{manifest.description}</p> : null}
      <dl className="facts">
        <dt>Task</dt>
        <dd data-testid="card-task">{manifest.task}</dd>
        <dt>Licence</dt>
        <dd data-testid="card-licence">{manifest.licence}</dd>
        <dt>Commercial use</dt>
        <dd data-testid="card-commercial" className={manifest.commercialUse ? 'ok' : 'warn-text'}>
          {manifest.commercialUse ? 'Allowed' : 'Not allowed'}
        </dd>
        <dt>Precision</dt>
        <dd>{manifest.precision}</dd>
        <dt>Files</dt>
        <dd>
          {manifestFiles(manifest).length} · {formatBytes(size(manifestFiles(manifest)))}
        </dd>
        <dt>Needs app</dt>
        <dd>{manifest.minAppVersion}</dd>
      </dl>
      <h4>Training data</h4>
      {manifest.trainingData.length === 0 ? <p className="muted">None declared.</p> : null}
      <ul className="card-list">
        {manifest.trainingData.map((data) => (
          <li key={data.name}>
            {data.url ? (
              <a href={data.url} target="_blank" rel="noreferrer">
                {data.name}
              </a>
            ) : (
              data.name
            )}{' '}
            <span className="muted">· {data.licence}</span>
          </li>
        ))}
      </ul>
      <h4>Evaluation</h4>
      {evaluation.length === 0 ? (
        <p className="muted">No figures declared.</p>
      ) : (
        <table className="table card-metrics" data-testid="card-metrics">
          {evaluation.map((section) => (
            <tbody key={section.title ?? ''}>
              {section.title ? (
                <tr className="card-metrics-section">
                  <th colSpan={2} scope="colgroup">
                    {section.title}
                  </th>
                </tr>
              ) : null}
              {section.rows.map((row) => (
                <tr key={row.key} title={row.key}>
                  <td>{row.label}</td>
                  <td className="numeric">{typeof row.value === 'number' ? formatFigure(row.value) : row.value}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
      <h4>Variants</h4>
      <ul className="card-list" data-testid="card-variants">
        <li>
          {manifest.precision} <span className="muted">· {formatBytes(size(manifest.files))} · default</span>
        </li>
        {(manifest.variants ?? []).map((variant) => (
          <li key={variant.precision}>
            {variant.precision} <span className="muted">· {formatBytes(size(variant.files))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, '');
}
