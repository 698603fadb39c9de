// The last error of a workspace, shown calmly in place with its code; a cancel reads as a note, not a failure.
import type { ErrorPayload } from '../../../contract/index.js';

export interface ErrorBannerProps {
  error: ErrorPayload | null;
  /** What a cancel means here, e.g. "Cancelled: the previous levels are kept." */
  cancelledText: string;
  testId: string;
  /** Shows a dismiss button when given. */
  onDismiss?: () => void;
}

export function ErrorBanner({ error, cancelledText, testId, onDismiss }: ErrorBannerProps) {
  if (!error) return null;
  const cancelled = error.code === 'CANCELLED';
  return (
    <p className={`error-banner ${cancelled ? 'error-banner-note' : ''}`} role="status" data-testid={testId}>
      <span>
        {cancelled ? (
          cancelledText
        ) : (
          <>
            <code>{error.code}</code> {error.message}
          </>
        )}
      </span>
      {onDismiss ? (
        <button type="button" className="error-banner-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </p>
  );
}
