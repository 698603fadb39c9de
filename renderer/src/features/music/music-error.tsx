// The last music error, shown calmly in place with its code; a cancel reads as a note, not a failure.
import { useStudio } from '../../state/store-context.js';

export function MusicError() {
  const error = useStudio((state) => state.musicError);
  const clear = useStudio((state) => state.reportMusicError);
  if (!error) return null;
  const cancelled = error.code === 'CANCELLED';
  return (
    <p className={`music-error ${cancelled ? 'music-error-note' : ''}`} role="status" data-testid="music-error">
      <span>
        {cancelled ? (
          'Cancelled: the previous variations are kept.'
        ) : (
          <>
            <code>{error.code}</code> {error.message}
          </>
        )}
      </span>
      <button type="button" className="music-error-close" aria-label="Dismiss" onClick={() => clear(null)}>
        ×
      </button>
    </p>
  );
}
