// A thin progress bar: determinate with a fraction, indeterminate (sliding) without one.

/** The whole percent a fraction shows, clamped to 0–100; undefined when there is no figure. One source for bar and text. */
export function progressPercent(fraction: number | undefined): number | undefined {
  if (typeof fraction !== 'number' || !Number.isFinite(fraction)) return undefined;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

export function ProgressBar({ fraction, label }: { fraction?: number; label: string }) {
  const percent = progressPercent(fraction);
  const determinate = percent !== undefined;
  return (
    <div
      className={`progress ${determinate ? '' : 'progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={determinate ? { width: `${percent}%` } : undefined} />
    </div>
  );
}
