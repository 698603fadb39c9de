// While music is generated: the running job's progress and Cancel; otherwise what the shown take took (speed sells),
// or, before any take, that the first run installs the model, only while it is not installed.
import { useEffect } from 'react';
import { taskTable } from '../../../../contract/index.js';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { activeJobOf } from '../../state/jobs-slice.js';
import { isModelInstalled } from '../../state/model-entries.js';
import { partOf } from '../../state/music-settings.js';
import { musicJobKinds } from '../../state/music-requests.js';
import { currentMusicTake } from '../../state/music-take.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar, progressPercent } from '../../ui/progress-bar.js';

export function MusicProgress() {
  const activity = useStudio((state) => state.musicActivity);
  const job = useStudio((state) => activeJobOf(state, musicJobKinds));
  const take = useStudio(currentMusicTake);
  const drums = useStudio((state) => partOf(state.musicSettings) === 'drums');
  const neededModel = taskTable[drums ? 'music.drums' : 'music.melody'].defaultModel;
  const installed = useStudio((state) => isModelInstalled(state.modelList, neededModel));
  const loadModelList = useStudio((state) => state.loadModelList);
  // The library is read once here; models.didChange (an install, a removal) reads it again.
  useEffect(() => void loadModelList(), [loadModelList]);

  if (activity.state === 'generating') {
    const detail = job?.state === 'queued' ? 'waiting in the queue' : (job?.progress.message ?? 'starting the model');
    // Nothing done yet reads better as motion than as an empty bar.
    const fraction = job?.progress.fraction || undefined;
    const percent = progressPercent(fraction);
    return (
      <div className="music-progress" data-testid="music-progress">
        <ProgressBar label="Generating music" fraction={fraction} />
        <div className="music-progress-line">
          <span>
            {detail}
            {percent !== undefined ? ` · ${percent}%` : ''}
          </span>
          <CommandButton command={findCommand('music.cancel')} label="Cancel" />
        </div>
      </div>
    );
  }
  if (!take) {
    if (installed !== false) return null;
    const kind = drums ? 'drum' : 'music';
    return (
      <p className="music-progress-line muted" data-testid="music-install-hint">
        The first run installs the {kind} model, so it takes a moment longer.
      </p>
    );
  }
  const { result, model, seed } = take.run;
  return (
    <p className="music-progress-line muted" data-testid="music-run-facts">
      {result.variations.length} × {result.bars} bars in {Math.round(result.timing.totalMs)} ms ·{' '}
      {Math.round(result.timing.tokensPerSecond)} tokens/s · {model.name}@{model.version} ({model.precision}) · seed{' '}
      {seed}
    </p>
  );
}
