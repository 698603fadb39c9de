// The Models workspace: the runtime, a self-test, and the models installed in the data folder.
import { useEffect } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { useStudio } from '../../state/store-context.js';
import { RuntimePanel } from './runtime-panel.js';
import { SelfTestPanel } from './self-test-panel.js';

export function ModelsWorkspace() {
  const loadDoctor = useStudio((state) => state.loadDoctor);
  const doctor = useStudio((state) => state.doctor);
  useEffect(() => {
    void loadDoctor();
  }, [loadDoctor]);
  return (
    <div className="workspace" data-testid="workspace-models">
      <header className="workspace-header">
        <h1>Models</h1>
        <CommandButton command={findCommand('system.refresh')} label="Refresh" />
      </header>
      <div className="panel-grid">
        <RuntimePanel />
        <SelfTestPanel />
        <section className="panel" aria-labelledby="installed-heading">
          <h2 id="installed-heading">Installed</h2>
          {doctor === null ? <p className="muted">Reading the model store…</p> : null}
          {doctor && doctor.installedModels.length === 0 ? (
            <p className="muted">No models installed in {doctor.dataFolder}.</p>
          ) : null}
          {doctor && doctor.installedModels.length > 0 ? (
            <table className="table">
              <tbody>
                {doctor.installedModels.map((model) => (
                  <tr key={`${model.name}@${model.version}`}>
                    <td>{model.active ? '●' : ''}</td>
                    <td>{model.name}</td>
                    <td>{model.version}</td>
                    <td className="muted">{model.task}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </div>
    </div>
  );
}
