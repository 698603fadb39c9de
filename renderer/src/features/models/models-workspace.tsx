// The Models workspace: the model list and the selected model's detail, storage and catalogs, and the runtime underneath.
import { useEffect, useRef } from 'react';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { formatBytes } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { CatalogsPanel } from './catalogs-panel.js';
import { ModelDetail } from './model-detail.js';
import { ModelList } from './model-list.js';
import { ModelsMessage } from './models-message.js';
import { RuntimePanel } from './runtime-panel.js';
import { SelfTestPanel } from './self-test-panel.js';
import { StoragePanel } from './storage-panel.js';
import './models.css';

/** How often the live figures (sessions, tokens/s, memory) are read while the workspace is shown. */
const figuresEveryMs = 2_000;

export function ModelsWorkspace() {
  const loadDoctor = useStudio((state) => state.loadDoctor);
  const loadModels = useStudio((state) => state.loadModels);
  const loadModelFigures = useStudio((state) => state.loadModelFigures);
  const total = useStudio((state) => state.modelUsage?.totalBytes);
  const detailHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void loadDoctor();
    void loadModels();
    void loadModelFigures();
    const timer = window.setInterval(() => void loadModelFigures(), figuresEveryMs);
    return () => window.clearInterval(timer);
  }, [loadDoctor, loadModels, loadModelFigures]);

  return (
    <div className="workspace models-workspace" data-testid="workspace-models">
      <header className="workspace-header">
        <h1>Models</h1>
        <div className="button-row">
          {typeof total === 'number' ? <span className="muted">{formatBytes(total)} on disk</span> : null}
          <CommandButton command={findCommand('models.refresh')} label="Refresh" />
        </div>
      </header>
      <ModelsMessage />
      <div className="models-main">
        <ModelList onOpen={() => detailHeading.current?.focus()} />
        <ModelDetail heading={detailHeading} />
      </div>
      <div className="panel-grid">
        <StoragePanel />
        <CatalogsPanel />
      </div>
      <details className="models-runtime" open>
        <summary>Runtime</summary>
        <div className="panel-grid">
          <RuntimePanel />
          <SelfTestPanel />
        </div>
      </details>
    </div>
  );
}
