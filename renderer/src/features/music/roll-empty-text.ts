// What an empty piano roll says: what is being generated while a run is under way, else how to fill it.
import type { MusicMode } from '../../state/music-settings.js';
import type { MusicActivity } from '../../state/music-slice.js';

export function rollEmptyText(mode: MusicMode, activity: MusicActivity, shortcut: string): string {
  if (activity.state === 'generating') {
    const count = activity.variations;
    return `Generating ${count} ${count === 1 ? 'variation' : 'variations'}…`;
  }
  if (mode === 'continue') return 'Drop a .mid here to continue it';
  return `Press Generate (${shortcut}) and the ${mode === 'drums' ? 'groove' : 'melody'} is drawn here`;
}
