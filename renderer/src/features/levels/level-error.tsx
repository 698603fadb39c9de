// The last level error, shown calmly in place with its code; a cancel reads as a note, not a failure.
import { useStudio } from '../../state/store-context.js';

export function LevelError() {
  const error = useStudio((state) => state.levelError);
  if (!error) return null;
  const cancelled = error.code === 'CANCELLED';
  return (
    <p className={`level-error ${cancelled ? 'level-error-note' : ''}`} role="status" data-testid="level-error">
      {cancelled ? (
        'Cancelled: the previous levels are kept.'
      ) : (
        <>
          <code>{error.code}</code> {error.message}
        </>
      )}
    </p>
  );
}
