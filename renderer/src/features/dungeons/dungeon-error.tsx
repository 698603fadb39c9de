// The last dungeon error, in place with its code; a cancel keeps the dungeons shown.
import { useStudio } from '../../state/store-context.js';
import { ErrorBanner } from '../../ui/error-banner.js';

export function DungeonError() {
  const error = useStudio((state) => state.dungeonError);
  return <ErrorBanner error={error} cancelledText="Cancelled: the dungeons shown are kept." testId="dungeon-error" />;
}
