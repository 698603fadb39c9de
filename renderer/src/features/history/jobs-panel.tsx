// Generation jobs as main reports them: what runs and waits (with progress and cancel), then the last few finished.
import type { Job } from '../../../../contract/index.js';
import { useStudio } from '../../state/store-context.js';
import { ProgressBar } from '../../ui/progress-bar.js';

const finishedShown = 5;

function JobRow({ job }: { job: Job }) {
  const cancelJob = useStudio((state) => state.cancelJob);
  const active = job.state === 'queued' || job.state === 'running';
  return (
    <li className="job-row" data-testid="job-row" data-state={job.state}>
      <div className="job-line">
        <span className="job-label">{job.label}</span>
        <span className={`job-state job-state-${job.state}`}>
          {job.state === 'queued' && job.position !== null ? `queued (${job.position} ahead)` : job.state}
        </span>
        {active ? (
          <button
            type="button"
            className="button"
            aria-label={`Cancel ${job.label}`}
            onClick={() => void cancelJob(job.id).catch(() => undefined)}
          >
            Cancel
          </button>
        ) : null}
      </div>
      {active ? (
        <ProgressBar fraction={job.state === 'running' ? job.progress.fraction : undefined} label={job.label} />
      ) : null}
      {job.progress.message && active ? <span className="muted">{job.progress.message}</span> : null}
      {job.error ? <span className="error">{`${job.error.code}: ${job.error.message}`}</span> : null}
    </li>
  );
}

export function JobsPanel() {
  const jobs = useStudio((state) => state.jobs);
  const all = Object.values(jobs);
  const active = all.filter((job) => job.state === 'queued' || job.state === 'running');
  const finished = all
    .filter((job) => job.finishedAt !== null)
    .slice(-finishedShown)
    .reverse();
  return (
    <section className="panel history-jobs" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      {active.length === 0 ? <p className="muted">Nothing queued or running.</p> : null}
      <ul className="job-list" aria-label="Queued and running jobs">
        {active.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
      {finished.length > 0 ? (
        <ul className="job-list" aria-label="Recently finished jobs">
          {finished.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
