// The last level error, in place with its code; a cancel keeps the previous levels.
import { useStudio } from '../../state/store-context.js';
import { ErrorBanner } from '../../ui/error-banner.js';

export function LevelError() {
  const error = useStudio((state) => state.levelError);
  return <ErrorBanner error={error} cancelledText="Cancelled: the previous levels are kept." testId="level-error" />;
}
