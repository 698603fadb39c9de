// Settings → Inference: where this service runs its models (onnxruntime on this machine, or an Open Inference Protocol
// server such as Triton, over gRPC), and the port on which the app serves the Open Inference Protocol over gRPC itself.
import { useEffect, useState, type FormEvent } from 'react';
import { useStudio } from '../../state/store-context.js';
import type { StudioState } from '../../state/studio-store.js';
import { ProgressBar } from '../../ui/progress-bar.js';
import { SegmentedControl } from '../../ui/segmented-control.js';
import { ServerAddressFields } from './server-address-fields.js';

const where = ['this machine', 'an Open Inference Protocol server'] as const;
type Where = (typeof where)[number];

/** host:port, grpc://host:port or grpcs://host:port (checked again by the service). */
const addressPattern = /^(?:grpcs?:\/\/)?(?:[^/\s:]+|\[[^\]\s]+\]):\d+\/?$/;

type Settings = NonNullable<StudioState['serviceSettings']>;

export function InferencePanel() {
  const settings = useStudio((state) => state.serviceSettings);
  const load = useStudio((state) => state.loadServiceSettings);
  useEffect(() => {
    void load();
  }, [load]);
  const current = settings?.inference.kind === 'oip' ? `the server at ${settings.inference.url}` : 'this machine';
  return (
    <section className="settings-section" aria-labelledby="inference-heading" data-testid="inference-settings">
      <h2 id="inference-heading">Inference</h2>
      <p data-testid="inference-current">
        {settings ? `Models run on ${current}.` : 'Reading the service’s settings…'}
      </p>
      {/* The form starts from the saved settings, and again whenever they change. */}
      {settings ? <InferenceForm key={JSON.stringify(settings)} settings={settings} /> : null}
    </section>
  );
}

function InferenceForm({ settings }: { settings: Settings }) {
  const error = useStudio((state) => state.serviceSettingsError);
  const saving = useStudio((state) => state.serviceSettingsSaving);
  const save = useStudio((state) => state.saveServiceSettings);
  const saved = settings.inference.kind === 'oip' ? settings.inference : null;
  const [choice, setChoice] = useState<Where>(saved ? where[1] : where[0]);
  const [url, setUrl] = useState(saved?.url ?? '');
  const [token, setToken] = useState(saved?.token ?? '');
  const [port, setPort] = useState(settings.grpcPort === null ? '' : String(settings.grpcPort));

  const remote = choice === where[1];
  const urlOk = !remote || addressPattern.test(url.trim());
  const portNumber = port.trim() === '' ? null : Number(port);
  const portOk = portNumber === null || (Number.isInteger(portNumber) && portNumber >= 0 && portNumber <= 65535);
  const apply = (event: FormEvent): void => {
    event.preventDefault();
    if (!urlOk || !portOk) return;
    void save({
      inference: remote ? { kind: 'oip', url: url.trim(), token: token.trim() } : { kind: 'local' },
      grpcPort: portNumber,
    });
  };
  return (
    <form className="settings-form" onSubmit={apply}>
      <SegmentedControl
        label="Run models on"
        options={where}
        value={choice}
        onChange={setChoice}
        testId="inference-where"
      />
      {remote ? (
        <ServerAddressFields
          address={{
            label: 'Server address (gRPC)',
            type: 'text',
            placeholder: 'triton.local:8001',
            testId: 'oip-url',
            value: url,
            onChange: setUrl,
          }}
          token={{
            label: 'Its bearer token (empty if it has none)',
            testId: 'oip-token',
            value: token,
            onChange: setToken,
          }}
          problem={urlOk ? null : 'Give host:port, grpc://host:port or grpcs://host:port.'}
        />
      ) : null}
      <label className="settings-field">
        <span>Serve the Open Inference Protocol over gRPC on port (empty: off; 0: any free port)</span>
        <input
          type="text"
          inputMode="numeric"
          placeholder="8001"
          value={port}
          onChange={(event) => setPort(event.target.value)}
          data-testid="grpc-port"
        />
      </label>
      {portOk ? null : <p className="error">A port is a whole number from 0 to 65535.</p>}
      <div className="settings-actions">
        <button type="submit" className="button button-primary" disabled={saving || !urlOk || !portOk}>
          {saving ? 'Applying…' : 'Apply'}
        </button>
      </div>
      {saving ? <ProgressBar label="Restarting the inference host" /> : null}
      {error ? (
        <p className="error" role="alert">
          {error.code}: {error.message}
        </p>
      ) : null}
      {settings.grpcAddress ? (
        <p className="muted" data-testid="grpc-address">
          gRPC (inference.GRPCInferenceService) at {settings.grpcAddress}, with the API token as “authorization:
          Bearer”.
        </p>
      ) : null}
    </form>
  );
}
