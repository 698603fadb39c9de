// The bottom bar: live facts from main — inference host state, execution provider, versions, data folder.
import { useStudio, useStudioStore } from '../state/store-context.js';
import type { TransportKind } from '../transport/connect.js';
import { hostStateText } from './host-state-text.js';

export function StatusBar({ transport }: { transport: TransportKind }) {
  const store = useStudioStore();
  const system = useStudio((state) => state.system);
  const error = useStudio((state) => state.systemError);
  const inference = system?.inference;
  const provider = inference?.executionProvider?.inUse;
  const remote = useStudio((state) => state.remoteBackend);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`status-dot status-${inference?.state ?? 'unknown'}`} aria-hidden="true" />
      <span data-testid="host-state">{error ? `Service unreachable: ${error.message}` : hostStateText(inference)}</span>
      <button
        type="button"
        className="status-item status-link"
        data-testid="execution-provider"
        title="Show the runtime in the Models workspace"
        onClick={() => store.getState().showWorkspace('models')}
      >
        EP {provider ?? '—'}
      </button>
      <span className="status-item">onnxruntime {inference?.onnxruntimeVersion ?? '—'}</span>
      <span className="status-spacer" />
      {remote ? (
        <button
          type="button"
          className="status-item status-link status-remote"
          data-testid="remote-indicator"
          title="The Studio runs on a remote Mosaic service; open Settings to change it"
          onClick={() => store.getState().setSettingsOpen(true)}
        >
          Remote: {new URL(remote.url).host}
        </button>
      ) : null}
      <span className="status-item" title={system?.dataFolder}>
        {transport === 'ipc' ? 'Desktop' : 'Browser'} · Node {system?.runtime.node ?? '—'}
        {system?.runtime.electron ? ` · Electron ${system.runtime.electron}` : ''}
      </span>
      <span className="status-item" data-testid="app-version">
        v{system?.app.version ?? '—'}
      </span>
    </footer>
  );
}
