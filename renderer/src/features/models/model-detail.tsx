// The detail of the selected model: what Install would do, a running install, its versions, history, card and live figures.
import { useMemo, type RefObject } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { installTarget } from '../../commands/model-commands.js';
import { formatBytes } from '../../state/model-entries.js';
import { selectedModelEntry } from '../../state/models-slice.js';
import { useStudio } from '../../state/store-context.js';
import { ActivationHistory } from './activation-history.js';
import { InstallProgress } from './install-progress.js';
import { LiveFigures } from './live-figures.js';
import { ModelCard } from './model-card.js';
import { VersionsTable } from './versions-table.js';

export function ModelDetail({ heading }: { heading: RefObject<HTMLHeadingElement | null> }) {
  const modelList = useStudio((state) => state.modelList);
  const modelCatalogs = useStudio((state) => state.modelCatalogs);
  const selectedModel = useStudio((state) => state.selectedModel);
  const selectedModelVersion = useStudio((state) => state.selectedModelVersion);
  const target = useStudio((state) => {
    const found = installTarget(state);
    return found ? `${found.version ?? ''}` : null;
  });
  const targetActivates = useStudio((state) => installTarget(state)?.activate ?? false);
  const selected = useMemo(
    () => selectedModelEntry({ modelList, modelCatalogs, selectedModel, selectedModelVersion }),
    [modelList, modelCatalogs, selectedModel, selectedModelVersion],
  );
  if (!selected) {
    return (
      <section className="panel model-detail empty-detail">
        <p className="muted">Choose a model on the left to see its versions, card and figures.</p>
      </section>
    );
  }
  const { entry, row } = selected;
  const installed = entry.installed;
  const targetVersion = target || (entry.offered.find((offer) => offer.compatible)?.version ?? '');
  const installLabel =
    target === null
      ? 'Install'
      : installed?.update && target === installed.update.version
        ? `Update to ${target}`
        : `${targetActivates ? 'Install and use' : 'Install'} ${targetVersion}`;
  return (
    <section className="panel model-detail" aria-labelledby="model-detail-heading" data-testid="model-detail">
      <header className="model-detail-header">
        <div>
          <h2 id="model-detail-heading" ref={heading} tabIndex={-1} className="model-detail-name">
            {entry.name}
          </h2>
          <div className="muted model-detail-summary" data-testid="model-summary">
            {entry.task}
            {installed
              ? ` · ${installed.activeVersion ? `${installed.activeVersion} active` : 'no active version'} · ${installed.versions.length} installed · ${formatBytes(installed.diskBytes)} on disk`
              : ` · not installed · ${entry.offered.length} ${entry.offered.length === 1 ? 'version' : 'versions'} offered`}
          </div>
        </div>
        <div className="button-row">
          {target !== null ? (
            <CommandButton command={findCommand('models.install')} label={installLabel} variant="primary" />
          ) : null}
          {row?.installed && !row.installed.active ? (
            <CommandButton command={findCommand('models.activate')} label={`Activate ${row.version}`} />
          ) : null}
          {installed && installed.versions.length > 1 ? (
            <CommandButton command={findCommand('models.rollback')} label="Roll back" />
          ) : null}
        </div>
      </header>
      <InstallProgress name={entry.name} />
      <VersionsTable entry={entry} />
      <div className="model-detail-columns">
        <ModelCard entry={entry} row={row} />
        <div className="model-detail-side">
          <ActivationHistory name={entry.name} />
          {installed ? <LiveFigures name={entry.name} /> : null}
        </div>
      </div>
    </section>
  );
}
