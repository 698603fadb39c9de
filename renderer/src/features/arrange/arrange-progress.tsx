// While arranging or editing: what runs, its progress and Cancel; otherwise what the song shown took and which model.
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { arrangeJobKinds } from '../../state/arrange-requests.js';
import { activeJobOf } from '../../state/jobs-slice.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar, progressPercent } from '../../ui/progress-bar.js';

export function ArrangeProgress() {
  const activity = useStudio((state) => state.arrangeActivity);
  const job = useStudio((state) => activeJobOf(state, arrangeJobKinds));
  const song = useStudio((state) => state.arrangeSong);
  if (activity.state === 'working') {
    const detail = job?.state === 'queued' ? 'waiting in the queue' : (job?.progress.message ?? 'starting the model');
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
  if (!song?.timing) return null;
  return (
    <p className="music-progress-line muted" data-testid="arrange-run-facts">
      {song.variations.length} × {song.bars} bars in {Math.round(song.timing.totalMs)} ms ·{' '}
      {Math.round(song.timing.tokensPerSecond)} tokens/s · {song.model} · seed {song.seed}
    </p>
  );
}
