// Runs the bundled probe graph through the whole stack (UI → contract → main → inference host) and shows the answer.
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar } from '../../ui/progress-bar.js';

export function SelfTestPanel() {
  const selfTest = useStudio((state) => state.selfTest);
  return (
    <section className="panel" aria-labelledby="self-test-heading">
      <h2 id="self-test-heading">Self-test</h2>
      <p className="muted">Runs a tiny ONNX graph in the inference process and brings the numbers back.</p>
      <CommandButton command={findCommand('inference.probe')} label="Run self-test" variant="primary" />
      {selfTest.state === 'running' ? <ProgressBar label="Running self-test" /> : null}
      {selfTest.state === 'passed' ? (
        <p data-testid="self-test-result" className="ok">
          {selfTest.result.output[0]?.map((value) => value.toFixed(3)).join(', ')} — on{' '}
          {selfTest.result.executionProvider} in {selfTest.result.elapsedMs.toFixed(2)} ms (pid {selfTest.result.pid})
        </p>
      ) : null}
      {selfTest.state === 'failed' ? (
        <p data-testid="self-test-result" className="error">
          {selfTest.error.code}: {selfTest.error.message}
        </p>
      ) : null}
    </section>
  );
}
