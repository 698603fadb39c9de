// The master list: every model from the store and the catalogs, grouped Installed / Updates / Available, moved through with the arrow keys.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { modelGroups, installFraction, runningInstallOf, type ModelEntry } from '../../state/model-entries.js';
import { modelEntriesOf } from '../../state/models-slice.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';

const optionId = (name: string): string => `model-option-${name}`;

export function ModelList({ onOpen }: { onOpen: () => void }) {
  const store = useStudioStore();
  const modelList = useStudio((state) => state.modelList);
  const modelCatalogs = useStudio((state) => state.modelCatalogs);
  const selected = useStudio((state) => state.selectedModel);
  const entries = useMemo(() => modelEntriesOf({ modelList, modelCatalogs }), [modelList, modelCatalogs]);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selected) document.getElementById(optionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const state = store.getState();
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown') state.moveModelSelection(1);
    else if (event.key === 'ArrowUp') state.moveModelSelection(-1);
    else if (event.key === 'Home') state.moveModelSelection(-entries.length);
    else if (event.key === 'End') state.moveModelSelection(entries.length);
    else if (event.key === 'Enter') onOpen();
    else return;
    event.preventDefault();
  };

  if (modelList === null) return <div className="panel model-list muted">Reading the model store…</div>;
  return (
    <div
      ref={listRef}
      className="panel model-list"
      role="listbox"
      aria-label="Models"
      tabIndex={0}
      aria-activedescendant={selected ? optionId(selected) : undefined}
      onKeyDown={onKeyDown}
      data-testid="model-list"
    >
      {entries.length === 0 ? <p className="muted">No models yet: add a catalog below.</p> : null}
      {modelGroups.map(({ group, label }) => {
        const members = entries.filter((entry) => entry.group === group);
        if (members.length === 0) return null;
        return (
          <div role="group" aria-labelledby={`model-group-${group}`} key={group} className="model-group">
            <div id={`model-group-${group}`} className="model-group-label">
              {label} <span className="muted">{members.length}</span>
            </div>
            {members.map((entry) => (
              <ModelOption
                key={entry.name}
                entry={entry}
                selected={entry.name === selected}
                onSelect={() => {
                  store.getState().selectModel(entry.name);
                  listRef.current?.focus();
                }}
              />
            ))}
          </div>
        );
      })}
    </div>
  );
}

function ModelOption({ entry, selected, onSelect }: { entry: ModelEntry; selected: boolean; onSelect: () => void }) {
  const job = useStudio((state) => runningInstallOf(state.installJobs, entry.name));
  const fraction = job ? installFraction(job) : undefined;
  const active = entry.installed?.activeVersion;
  const update = entry.installed?.update;
  const newest = entry.offered[0]?.version;
  return (
    <div
      id={optionId(entry.name)}
      role="option"
      aria-selected={selected}
      className={`model-option ${selected ? 'model-option-selected' : ''}`}
      onClick={onSelect}
    >
      <div className="model-option-line">
        <span className="model-option-name">{entry.name}</span>
        <span className="model-option-version">
          {active ?? (entry.installed ? 'none active' : newest)}
          {update ? (
            <span
              className="model-badge model-badge-update"
              title={`Update available: ${update.version} from the ${update.catalogId} catalog`}
              data-testid="update-badge"
            >
              → {update.version}
            </span>
          ) : null}
        </span>
      </div>
      <div className="model-option-task muted">{entry.task}</div>
      {job ? (
        <div className="model-option-progress" aria-hidden="true">
          <div className="model-option-fill" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
        </div>
      ) : null}
    </div>
  );
}
