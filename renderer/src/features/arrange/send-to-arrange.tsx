// In Music, under the roll: build a song on the picked variation — Harmonize this / Drums for this / Continue this
// (a melody) or Humanize (drums) — each opening the song it makes in Arrange, as the buttons say.
import { describeShortcut } from '../../commands/command.js';
import { isEnabled } from '../../commands/command.js';
import { findCommand } from '../../commands/command-registry.js';
import { currentMusicTake } from '../../state/music-take.js';
import { useStudio, useStudioStore } from '../../state/store-context.js';

const actions = [
  { id: 'music.to-arrange.harmonize', label: 'Harmonize this' },
  { id: 'music.to-arrange.drums', label: 'Drums for this' },
  { id: 'music.to-arrange.continue', label: 'Continue this' },
  { id: 'music.to-arrange.humanize', label: 'Humanize' },
] as const;

function SendButton({ id, label }: { id: string; label: string }) {
  const store = useStudioStore();
  const command = findCommand(id);
  const enabled = useStudio((state) => isEnabled(command, state));
  if (!enabled) return null;
  return (
    <button
      type="button"
      className="music-chip"
      title={`${command.label} (${describeShortcut(command.shortcut ?? '')})`}
      onClick={() => void command.run(store)}
      data-testid={id.replace(/\./g, '-')}
    >
      {label} →
    </button>
  );
}

export function SendToArrange() {
  const take = useStudio(currentMusicTake);
  if (!take) return null;
  return (
    <div className="arrange-send" role="group" aria-label="Build a song on this variation in Arrange">
      <span className="muted">
        Variation {take.selected + 1} into a song — opens in Arrange ({describeShortcut('Mod+5')}):
      </span>
      {actions.map((action) => (
        <SendButton key={action.id} {...action} />
      ))}
    </div>
  );
}
