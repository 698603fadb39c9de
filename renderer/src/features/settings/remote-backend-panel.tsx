// Points the Studio at another Mosaic service on the network (its URL and token), tests it, and goes back to this one.
import { useState, type FormEvent } from 'react';
import { toErrorPayload } from '../../../../contract/index.js';
import { createHttpBridge } from '../../../../common/http-client.js';
import { normalizeBackendUrl } from '../../state/settings-slice.js';
import { useStudio } from '../../state/store-context.js';
import { CommandLine } from '../../ui/command-line.js';
import { ServerAddressFields } from './server-address-fields.js';

type Probe =
  { state: 'idle' } | { state: 'testing' } | { state: 'ok'; text: string } | { state: 'failed'; text: string };

export function RemoteBackendPanel() {
  const remote = useStudio((state) => state.remoteBackend);
  const setRemote = useStudio((state) => state.setRemoteBackend);
  const [url, setUrl] = useState(remote?.url ?? '');
  const [token, setToken] = useState(remote?.token ?? '');
  const [probe, setProbe] = useState<Probe>({ state: 'idle' });
  const normalized = normalizeBackendUrl(url);

  const test = async (): Promise<void> => {
    if (!normalized) return;
    setProbe({ state: 'testing' });
    try {
      const info = await createHttpBridge(normalized, { token: token.trim() }).call('system.info', {});
      const provider = info.inference.executionProvider?.inUse ?? '—';
      setProbe({ state: 'ok', text: `Mosaic v${info.app.version}, EP ${provider}, inference ${info.inference.state}` });
    } catch (error) {
      const payload = toErrorPayload(error);
      setProbe({ state: 'failed', text: `${payload.code}: ${payload.message}` });
    }
  };
  const use = (event: FormEvent): void => {
    event.preventDefault();
    if (normalized) setRemote({ url: normalized, token: token.trim() });
  };

  return (
    <section className="settings-section" aria-labelledby="remote-heading">
      <h2 id="remote-heading">Backend</h2>
      <p data-testid="backend-current">
        {remote ? `Using the remote service at ${remote.url}.` : 'Using this machine.'}
      </p>
      <form className="settings-form" onSubmit={use}>
        <ServerAddressFields
          address={{
            label: 'Remote service URL',
            type: 'url',
            placeholder: 'http://studio-box.local:7523',
            testId: 'remote-url',
            value: url,
            onChange: setUrl,
          }}
          token={{ label: 'Its API token', testId: 'remote-token', value: token, onChange: setToken }}
          problem={url.trim() && !normalized ? 'Give an http:// or https:// address.' : null}
        />
        <div className="settings-actions">
          <button
            type="button"
            className="button"
            disabled={!normalized || probe.state === 'testing'}
            onClick={() => void test()}
          >
            {probe.state === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="button button-primary" disabled={!normalized}>
            Use remote service
          </button>
          <button type="button" className="button" disabled={!remote} onClick={() => setRemote(null)}>
            Use this machine
          </button>
        </div>
        {probe.state === 'ok' || probe.state === 'failed' ? (
          <p className={probe.state === 'ok' ? 'ok' : 'error'} role="status" data-testid="remote-test">
            {probe.text}
          </p>
        ) : null}
      </form>
      <div className="muted">
        The remote service must allow this Studio: start it with
        <CommandLine
          parts={['mosaic serve', '--host 0.0.0.0', '--allow-host NAME', `--cors-origin ${window.location.origin}`]}
          testId="remote-serve-command"
        />
      </div>
    </section>
  );
}
