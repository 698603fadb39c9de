// While levels are generated or a region redrawn: the running job's progress and a cancel; otherwise the last run.
import { useEffect } from 'react';
import { taskTable } from '../../../../contract/index.js';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { activeJobOf } from '../../state/jobs-slice.js';
import { levelJobKinds } from '../../state/levels-slice.js';
import { isModelInstalled } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar, progressPercent } from '../../ui/progress-bar.js';

export function LevelProgress() {
  const activity = useStudio((state) => state.levelActivity);
  const job = useStudio((state) => activeJobOf(state, levelJobKinds));
  const run = useStudio((state) => state.levelRun);
  const busy = activity.state === 'generating' || activity.state === 'regenerating';
  const installed = useStudio((state) => isModelInstalled(state.modelList, taskTable['level.platformer'].defaultModel));
  const loadModelList = useStudio((state) => state.loadModelList);
  // Read once here; models.didChange reads it again, so the install hint follows the real install state.
  useEffect(() => void loadModelList(), [loadModelList]);

  if (busy) {
    const doing = activity.state === 'generating' ? 'Generating levels' : 'Regenerating columns';
    const detail = job?.state === 'queued' ? 'waiting in the queue' : (job?.progress.message ?? 'starting the model');
    // Nothing done yet reads better as motion than as an empty bar.
    const fraction = job?.progress.fraction || undefined;
    // The bar and the text show this one figure, so they never disagree (e.g. "done · 100%" over an 84 % bar).
    const percent = progressPercent(fraction);
    return (
      <div className="level-progress" data-testid="level-progress">
        <ProgressBar label={doing} fraction={fraction} />
        <div className="level-progress-line">
          <span>
            {doing} · {detail}
            {percent !== undefined ? ` · ${percent}%` : ''}
          </span>
          <CommandButton command={findCommand('levels.cancel')} label="Cancel" />
        </div>
      </div>
    );
  }
  return (
    <div className="level-progress level-progress-idle">
      <div className="progress progress-idle" aria-hidden="true" />
      <div className="level-progress-line muted">
        {run
          ? `${run.result.levels.length} ${run.result.levels.length === 1 ? 'level' : 'levels'} × ${run.result.width} columns in ${Math.round(run.result.totalMs)} ms · ${run.model.name}@${run.model.version} (${run.model.precision}) · seed ${run.result.seed}`
          : `Set the prompt, then Generate.${installed === false ? ' The first run installs the level model, so it takes a moment longer.' : ''}`}
      </div>
    </div>
  );
}
