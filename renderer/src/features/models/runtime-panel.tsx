// The inference runtime as main reports it: host state, provider chosen and every provider tried.
import { useStudio } from '../../state/store-context.js';

export function RuntimePanel() {
  const inference = useStudio((state) => state.system?.inference);
  if (!inference) return <section className="panel">Connecting to the inference host…</section>;
  const provider = inference.executionProvider;
  return (
    <section className="panel" aria-labelledby="runtime-heading">
      <h2 id="runtime-heading">Runtime</h2>
      <dl className="facts">
        <dt>Inference host</dt>
        <dd data-testid="runtime-state">
          {inference.state}
          {inference.pid ? ` · pid ${inference.pid}` : ''}
          {inference.restarts > 0 ? ` · restarted ${inference.restarts}×` : ''}
        </dd>
        <dt>Execution provider</dt>
        <dd data-testid="runtime-provider">{provider ? `${provider.inUse} (${provider.reason})` : '—'}</dd>
        <dt>onnxruntime</dt>
        <dd>{inference.onnxruntimeVersion ?? '—'}</dd>
        {inference.lastExit ? (
          <>
            <dt>Last exit</dt>
            <dd>{inference.lastExit}</dd>
          </>
        ) : null}
      </dl>
      {provider ? (
        <table className="table">
          <thead>
            <tr>
              <th>Provider tried</th>
              <th>Outcome</th>
              <th className="numeric">Time</th>
            </tr>
          </thead>
          <tbody>
            {provider.tried.map((attempt) => (
              <tr key={attempt.name}>
                <td>{attempt.name}</td>
                <td className={attempt.ok ? 'ok' : 'muted'}>{attempt.ok ? 'in use' : attempt.error}</td>
                <td className="numeric">{attempt.elapsedMs.toFixed(0)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
