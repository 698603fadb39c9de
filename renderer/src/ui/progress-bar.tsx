// A thin progress bar: determinate with a fraction, indeterminate (sliding) without one.
export function ProgressBar({ fraction, label }: { fraction?: number; label: string }) {
  const determinate = typeof fraction === 'number' && Number.isFinite(fraction);
  return (
    <div
      className={`progress ${determinate ? '' : 'progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={determinate ? Math.round(fraction * 100) : undefined}
    >
      <div
        className="progress-fill"
        style={determinate ? { width: `${Math.min(1, Math.max(0, fraction)) * 100}%` } : undefined}
      />
    </div>
  );
}
