// A running install of the selected model: bytes of total, the transfer rate, and a cancel.
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { formatBytes, installFraction, runningInstallOf, type RunningInstallJob } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar, progressPercent } from '../../ui/progress-bar.js';

const stateWords: Record<RunningInstallJob['state'], string> = {
  queued: 'Waiting for the catalog',
  downloading: 'Downloading',
  verifying: 'Verifying',
};

export function InstallProgress({ name }: { name: string }) {
  const job = useStudio((state) => runningInstallOf(state.installJobs, name));
  if (!job) return null;
  const fraction = installFraction(job);
  const what = job.version ? `${name}@${job.version}` : job.requested;
  const label = `Installing ${what}`;
  return (
    <div className="install-progress" data-testid="install-progress">
      <ProgressBar label={label} fraction={fraction} />
      <div className="install-progress-line">
        <span>
          {stateWords[job.state]} {what}
          {job.totalBytes ? (
            <span className="numeric" data-testid="install-bytes">
              {' '}
              · {formatBytes(job.bytes)} of {formatBytes(job.totalBytes)}
            </span>
          ) : null}
          {job.state === 'downloading' && job.rateBytesPerSecond > 0 ? (
            <span className="numeric"> · {formatBytes(Math.round(job.rateBytesPerSecond))}/s</span>
          ) : null}
          {progressPercent(fraction) !== undefined ? ` · ${progressPercent(fraction)}%` : ''}
        </span>
        <CommandButton command={findCommand('models.cancelInstall')} label="Cancel" />
      </div>
    </div>
  );
}
