// In a browser, checks the API token before the Studio starts: a token the service refuses (or none) shows a small
// Connect screen that asks for it; a good one is kept and the page starts again with it.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { MosaicBridge } from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import { createHttpBridge } from '../../../common/http-client.js';
import { saveApiToken, type TransportKind } from './connect.js';

type Gate = 'checking' | 'connected' | 'needs-token';

export function ConnectGate(props: { bridge: MosaicBridge; transport: TransportKind; children: ReactNode }) {
  const { bridge, transport } = props;
  const [gate, setGate] = useState<Gate>(transport === 'ipc' ? 'connected' : 'checking');

  useEffect(() => {
    if (transport === 'ipc') return;
    let live = true;
    bridge.call('system.info', {}).then(
      () => live && setGate('connected'),
      // Any other failure is the Studio's to show (the service down, the host failing), not a token question.
      (error: unknown) => live && setGate(toErrorPayload(error).code === 'UNAUTHORIZED' ? 'needs-token' : 'connected'),
    );
    return () => {
      live = false;
    };
  }, [bridge, transport]);

  if (gate === 'connected') return <>{props.children}</>;
  if (gate === 'checking') return null;
  return <ConnectScreen />;
}

function ConnectScreen() {
  const [token, setToken] = useState('');
  const [state, setState] = useState<'idle' | 'trying' | 'refused' | 'unreachable'>('idle');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) return;
    setState('trying');
    try {
      await createHttpBridge('', { token: candidate }).call('system.info', {});
    } catch (error) {
      const code = toErrorPayload(error).code;
      if (code === 'UNAUTHORIZED') {
        setState('refused');
        return;
      }
      if (code === 'INFERENCE_HOST_UNAVAILABLE') {
        setState('unreachable');
        return;
      }
    }
    saveApiToken(candidate);
    window.location.reload();
  };

  return (
    <main className="connect-screen" data-testid="connect-screen">
      <form className="panel connect-panel" onSubmit={(event) => void submit(event)}>
        <h1>Connect to Mosaic Studio</h1>
        <p className="muted">
          This Studio&apos;s service asks for its access token. <code>mosaic serve</code> and <code>npm start</code>{' '}
          print a link that carries it; or read it from the data folder with <code>cat $MOSAIC_HOME/api-token</code>.
        </p>
        <label className="connect-field">
          <span>Access token</span>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            autoFocus
          />
        </label>
        {state === 'refused' && <p className="error">That token was not accepted.</p>}
        {state === 'unreachable' && <p className="error">The service did not answer. Is it still running?</p>}
        <button className="button button-primary" type="submit" disabled={state === 'trying' || !token.trim()}>
          Connect
        </button>
      </form>
    </main>
  );
}
