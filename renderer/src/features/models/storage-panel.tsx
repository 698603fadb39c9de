// Disk use of the model store, per model, and what gc would free; collect (after an inline confirmation) and verify.
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { formatBytes } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { GcConfirm } from './remove-confirm.js';

export function StoragePanel() {
  const usage = useStudio((state) => state.modelUsage);
  const verify = useStudio((state) => state.lastVerify);
  return (
    <section className="panel" aria-labelledby="storage-heading" data-testid="storage-panel">
      <h2 id="storage-heading">Storage</h2>
      {usage === null ? (
        <p className="muted">Measuring the store…</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Total on disk</dt>
            <dd data-testid="usage-total">{formatBytes(usage.totalBytes)}</dd>
            <dt>Model files</dt>
            <dd>{formatBytes(usage.blobBytes)}</dd>
            <dt>Partial downloads</dt>
            <dd data-testid="usage-partial">{formatBytes(usage.partialBytes)}</dd>
            <dt>Unused (gc frees)</dt>
            <dd data-testid="usage-unreferenced">{formatBytes(usage.unreferencedBytes)}</dd>
          </dl>
          {usage.models.length > 0 ? (
            <table className="table" data-testid="usage-table">
              <thead>
                <tr>
                  <th>Model</th>
                  <th>Version</th>
                  <th className="numeric">Size</th>
                  <th className="numeric" title="Freed if only this version were removed">
                    Its own
                  </th>
                </tr>
              </thead>
              <tbody>
                {usage.models.flatMap((model) =>
                  model.versions.map((version, index) => (
                    <tr key={`${model.name}@${version.version}`}>
                      <td>{index === 0 ? model.name : ''}</td>
                      <td>{version.version}</td>
                      <td className="numeric">{formatBytes(version.bytes)}</td>
                      <td className="numeric">{formatBytes(version.exclusiveBytes)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          ) : null}
        </>
      )}
      <GcConfirm />
      <div className="button-row">
        <CommandButton command={findCommand('models.gc')} label="Collect unused files" />
        <CommandButton command={findCommand('models.verify')} label="Verify" />
      </div>
      {verify && !verify.ok ? (
        <ul className="card-list error" data-testid="verify-damage">
          {verify.damaged.map((damage) => (
            <li key={damage.path}>
              {damage.path}: {damage.problem} (used by {damage.usedBy.join(', ') || 'nothing'})
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
