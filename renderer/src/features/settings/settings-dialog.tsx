// Settings (Mod+,): the API's address and token, which Mosaic service the Studio runs against, and (for this machine's
// service) where it runs its models and whether it serves gRPC.
import { useEffect, useRef } from 'react';
import { useStudio } from '../../state/store-context.js';
import { ApiAccessPanel } from './api-access-panel.js';
import { InferencePanel } from './inference-panel.js';
import { RemoteBackendPanel } from './remote-backend-panel.js';
import { TastePanel } from './taste-panel.js';
import './settings.css';

export function SettingsDialog() {
  const open = useStudio((state) => state.settingsOpen);
  const setOpen = useStudio((state) => state.setSettingsOpen);
  const remote = useStudio((state) => state.remoteBackend);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) dialog.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="palette-backdrop" onMouseDown={() => setOpen(false)}>
      <div
        ref={dialog}
        className="settings-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-heading"
        data-testid="settings"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          setOpen(false);
        }}
      >
        <header className="settings-header">
          <h1 id="settings-heading">Settings</h1>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </header>
        <ApiAccessPanel />
        <RemoteBackendPanel />
        <TastePanel />
        {remote ? null : <InferencePanel />}
      </div>
    </div>
  );
}
