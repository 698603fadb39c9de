// A button bound to a command: same label, same enabled rule, its shortcut shown as a hint.
import { useStudio, useStudioStore } from '../state/store-context.js';
import { describeShortcut, isEnabled, type StudioCommand } from './command.js';

export function CommandButton({
  command,
  label,
  variant = 'default',
}: {
  command: StudioCommand;
  label?: string;
  variant?: 'default' | 'primary';
}) {
  const store = useStudioStore();
  const enabled = useStudio((state) => isEnabled(command, state));
  return (
    <button
      type="button"
      className={`button button-${variant}`}
      disabled={!enabled}
      title={command.shortcut ? `${command.label} (${describeShortcut(command.shortcut)})` : command.label}
      onClick={() => void command.run(store)}
    >
      {label ?? command.label}
      {command.shortcut ? <kbd>{describeShortcut(command.shortcut)}</kbd> : null}
    </button>
  );
}
