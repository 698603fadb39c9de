// While arranging or editing: what runs, its progress and Cancel; otherwise what the song shown took and which model,
// or, before any song, that the first run installs the arrange model (only while it is not installed).
import { useEffect } from 'react';
import { taskTable } from '../../../../contract/index.js';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { arrangeJobKinds } from '../../state/arrange-requests.js';
import { activeJobOf } from '../../state/jobs-slice.js';
import { isModelInstalled } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar, progressPercent } from '../../ui/progress-bar.js';

export function ArrangeProgress() {
  const activity = useStudio((state) => state.arrangeActivity);
  const job = useStudio((state) => activeJobOf(state, arrangeJobKinds));
  const song = useStudio((state) => state.arrangeSong);
  const installed = useStudio((state) => isModelInstalled(state.modelList, taskTable['music.arrange'].defaultModel));
  const loadModelList = useStudio((state) => state.loadModelList);
  // The library is read once here; models.didChange (an install, a removal) reads it again.
  useEffect(() => void loadModelList(), [loadModelList]);
  if (activity.state === 'working') {
    const written = activity.partial?.writtenBars;
    const detail =
      job?.state === 'queued'
        ? 'waiting in the queue'
        : written !== undefined
          ? `${written} of ${activity.partial!.bars} bars written`
          : (job?.progress.message ?? 'starting the model');
    const fraction = job?.progress.fraction || undefined;
    const percent = progressPercent(fraction);
    return (
      <div className="music-progress" data-testid="arrange-progress">
        <ProgressBar label={activity.what} fraction={fraction} />
        <div className="music-progress-line">
          <span>
            {activity.what} · {detail}
            {percent !== undefined ? ` · ${percent}%` : ''}
          </span>
          <CommandButton command={findCommand('arrange.cancel')} label="Cancel" />
        </div>
      </div>
    );
  }
  if (!song && installed === false)
    return (
      <p className="music-progress-line muted" data-testid="arrange-install-hint">
        The first run installs the arrange model, so it takes a moment longer.
      </p>
    );
  if (!song?.timing) return null;
  return (
    <p className="music-progress-line muted" data-testid="arrange-run-facts">
      {song.variations.length} × {song.bars} bars in {Math.round(song.timing.totalMs)} ms ·{' '}
      {Math.round(song.timing.tokensPerSecond)} tokens/s · {song.model} · seed {song.seed}
    </p>
  );
}
