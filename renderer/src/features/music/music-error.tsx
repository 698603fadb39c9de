// The last music error, in place with its code and a dismiss button; a cancel keeps the previous variations.
import { useStudio } from '../../state/store-context.js';
import { ErrorBanner } from '../../ui/error-banner.js';

export function MusicError() {
  const error = useStudio((state) => state.musicError);
  const clear = useStudio((state) => state.reportMusicError);
  return (
    <ErrorBanner
      error={error}
      cancelledText="Cancelled: the previous variations are kept."
      testId="music-error"
      onDismiss={() => clear(null)}
    />
  );
}
