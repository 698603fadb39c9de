// The selected model in the inference host: the execution provider each loaded version runs on, its memory and speed.
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { formatBytes } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';

export function LiveFigures({ name }: { name: string }) {
  const sessions = useStudio((state) => state.modelSessions);
  const metrics = useStudio((state) => state.modelMetrics);
  const busy = useStudio((state) => state.modelsBusy !== null);
  const unload = useStudio((state) => state.unloadModel);
  const loaded = (sessions?.sessions ?? []).filter((session) => session.model?.name === name);
  const figures = (metrics?.models ?? []).filter((entry) => entry.model?.name === name);
  return (
    <section aria-label="Live figures" data-testid="live-figures">
      <h3>In the inference host</h3>
      {loaded.length === 0 ? (
        <p className="muted">Not loaded. A generation loads it; or load it now to see where it runs.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Loaded</th>
              <th>Provider</th>
              <th className="numeric">Memory</th>
              <th className="numeric">Load</th>
              <th>Unloads</th>
            </tr>
          </thead>
          <tbody>
            {loaded.map((session) => (
              <tr key={session.modelPath}>
                <td>
                  {session.model?.version} · {session.model?.precision}
                </td>
                <td data-testid="live-provider">{session.executionProvider}</td>
                <td className="numeric">{formatBytes(session.bytes)}</td>
                <td className="numeric">{Math.round(session.loadMs)} ms</td>
                <td className="muted">
                  {session.inUse > 0
                    ? 'in use'
                    : session.expiresAt
                      ? new Date(session.expiresAt).toLocaleTimeString()
                      : 'when asked'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {figures.length > 0 ? (
        <table className="table" data-testid="live-metrics">
          <thead>
            <tr>
              <th>Version</th>
              <th className="numeric">Tokens/s</th>
              <th className="numeric">First token</th>
              <th className="numeric">Generations</th>
              <th className="numeric">Errors</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((figure) => (
              <tr key={figure.modelPath}>
                <td>{figure.model ? `${figure.model.version} · ${figure.model.precision}` : '—'}</td>
                <td className="numeric">{figure.tokensPerSecond > 0 ? figure.tokensPerSecond.toFixed(0) : '—'}</td>
                <td className="numeric">
                  {figure.firstTokenMsMedian === null ? '—' : `${figure.firstTokenMsMedian.toFixed(1)} ms`}
                </td>
                <td className="numeric">{figure.generations}</td>
                <td className="numeric" title={figure.lastError ?? undefined}>
                  {figure.errors}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {sessions ? (
        <p className="muted live-host">
          Host memory {formatBytes(sessions.rssBytes)} of a {formatBytes(sessions.budgetBytes)} budget for models
          {metrics ? ` · peak ${formatBytes(metrics.peakRssBytes)}` : ''}
        </p>
      ) : null}
      <div className="button-row">
        <CommandButton command={findCommand('models.load')} label="Load into memory" />
        {loaded.length > 0 ? (
          <button type="button" className="button" disabled={busy} onClick={() => void unload(name)}>
            Unload
          </button>
        ) : null}
      </div>
    </section>
  );
}
