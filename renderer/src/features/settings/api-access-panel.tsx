// The API's base URL, its bearer token (masked, with reveal and copy) and the file that keeps it: for scripts and tools.
import { useEffect, useState } from 'react';
import { useStudio } from '../../state/store-context.js';
import { copyText } from '../../ui/copy-text.js';

function masked(token: string): string {
  return `${'•'.repeat(Math.max(8, token.length - 4))}${token.slice(-4)}`;
}

export function ApiAccessPanel() {
  const access = useStudio((state) => state.apiAccess);
  const error = useStudio((state) => state.apiAccessError);
  const load = useStudio((state) => state.loadApiAccess);
  const remote = useStudio((state) => state.remoteBackend);
  const [revealed, setRevealed] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  const copy = async (): Promise<void> => {
    if (!access) return;
    setCopied(await copyText(access.token));
  };

  return (
    <section className="settings-section" aria-labelledby="api-heading">
      <h2 id="api-heading">Local API</h2>
      <p className="muted">
        {remote
          ? 'The API of the remote service the Studio is using.'
          : 'Scripts, DAWs and game engines call this machine’s Mosaic service here, with this bearer token.'}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error.code}: {error.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Base URL</dt>
        <dd data-testid="api-base-url">{access ? (access.baseUrl ?? 'not serving HTTP') : '…'}</dd>
        <dt>Token</dt>
        <dd className="settings-token">
          <code data-testid="api-token">{access ? (revealed ? access.token : masked(access.token)) : '…'}</code>
          <button
            type="button"
            className="button"
            aria-pressed={revealed}
            disabled={!access}
            onClick={() => setRevealed((value) => !value)}
          >
            {revealed ? 'Hide' : 'Reveal'}
          </button>
          <button type="button" className="button" disabled={!access} onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </dd>
        <dt>Token file</dt>
        <dd>{access?.tokenFile ?? '…'}</dd>
      </dl>
    </section>
  );
}
