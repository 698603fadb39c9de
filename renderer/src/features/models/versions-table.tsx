// A model's versions side by side: the active marker, installed and offered versions, and per-row activate, remove or install.
import { useMemo, type KeyboardEvent } from 'react';
import {
  formatBytes,
  runningInstallOf,
  versionRows,
  type ModelEntry,
  type VersionRow,
} from '../../state/model-entries.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';
import { RemoveConfirm } from './remove-confirm.js';

export function VersionsTable({ entry }: { entry: ModelEntry }) {
  const store = useStudioStore();
  const selected = useStudio((state) => state.selectedModelVersion);
  const confirm = useStudio((state) => state.modelConfirm);
  const rows = useMemo(() => versionRows(entry), [entry]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const index = rows.findIndex((row) => row.version === selected);
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = rows[Math.min(rows.length - 1, Math.max(0, index + step))];
    if (next) store.getState().selectModelVersion(next.version);
  };

  return (
    <table className="table versions-table" aria-label={`Versions of ${entry.name}`} data-testid="versions-table">
      <thead>
        <tr>
          <th aria-label="Active" />
          <th>Version</th>
          <th>Precision</th>
          <th className="numeric">Size</th>
          <th>Installed</th>
          <th>Catalog</th>
          <th className="versions-actions-head">Actions</th>
        </tr>
      </thead>
      <tbody tabIndex={0} onKeyDown={onKeyDown} aria-label="Versions; arrow keys choose one">
        {rows.map((row) => (
          <VersionLine
            key={row.version}
            entry={entry}
            row={row}
            selected={row.version === selected}
            confirming={confirm?.kind === 'remove' && confirm.name === entry.name && confirm.version === row.version}
          />
        ))}
      </tbody>
    </table>
  );
}

function VersionLine({
  entry,
  row,
  selected,
  confirming,
}: {
  entry: ModelEntry;
  row: VersionRow;
  selected: boolean;
  confirming: boolean;
}) {
  const store = useStudioStore();
  const busy = useStudio((state) => state.modelsBusy !== null);
  const installing = useStudio((state) => runningInstallOf(state.installJobs, entry.name) !== null);
  const { installed, offer } = row;
  const select = (): void => store.getState().selectModelVersion(row.version);
  return (
    <>
      <tr
        className={`version-row ${selected ? 'version-row-selected' : ''}`}
        aria-selected={selected}
        data-testid={`version-${row.version}`}
        onClick={select}
      >
        <td className="version-active">
          {installed?.active ? (
            <span className="active-marker" title="Active version">
              ● active
            </span>
          ) : null}
        </td>
        <td className="version-number">{row.version}</td>
        <td>{installed?.precision ?? '—'}</td>
        <td className="numeric">{formatBytes(installed?.sizeBytes ?? offer?.sizeBytes ?? 0)}</td>
        <td className="muted">{installed ? shortDate(installed.installedAt) : 'not installed'}</td>
        <td className="muted">{offer?.catalogId ?? 'no catalog'}</td>
        <td className="versions-actions">
          {installed && !installed.active ? (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => {
                select();
                void store.getState().activateModelVersion(entry.name, row.version);
              }}
            >
              Activate
            </button>
          ) : null}
          {installed ? (
            <button
              type="button"
              className="button button-small button-quiet"
              disabled={busy}
              onClick={() => {
                select();
                store.getState().askRemoveModelVersion(entry.name, row.version);
              }}
            >
              Remove
            </button>
          ) : null}
          {!installed && offer && !offer.compatible ? (
            <button
              type="button"
              className="button button-small"
              disabled
              title={`Needs Mosaic Studio ${offer.minAppVersion} or newer`}
            >
              Needs app {offer.minAppVersion}
            </button>
          ) : null}
          {!installed && offer?.compatible
            ? // Installing is not activating: Install keeps the active version; Install and use switches to this one.
              ([false, true] as const).map((activate) => (
                <button
                  key={String(activate)}
                  type="button"
                  className={`button button-small ${activate ? '' : 'button-quiet'}`}
                  disabled={installing}
                  title={
                    activate
                      ? `Install ${row.version} and make it the active version`
                      : entry.installed?.activeVersion
                        ? `Install ${row.version} beside ${entry.installed.activeVersion}, which stays active`
                        : `Install ${row.version} without making it active`
                  }
                  onClick={() => {
                    select();
                    void store.getState().installModel(entry.name, row.version, offer.catalogId, activate);
                  }}
                >
                  {activate ? 'Install and use' : 'Install'}
                </button>
              ))
            : null}
        </td>
      </tr>
      {confirming ? (
        <tr className="version-confirm-row">
          <td colSpan={7}>
            <RemoveConfirm />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** A date the way a person reads it in a table: 24 Nov 2026, 14:05. */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
