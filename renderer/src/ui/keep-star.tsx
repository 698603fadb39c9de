// A star that keeps a result (History marks it kept): ☆ off, ★ on; a toggle button, also reached from the keyboard.
import type { MouseEvent } from 'react';

export function KeepStar({
  kept,
  onToggle,
  what,
  shortcut,
  testId,
}: {
  kept: boolean;
  onToggle: () => void;
  /** What it keeps, for its name: "variation 2". */
  what: string;
  /** The key that toggles it where it is shown, for the tooltip. */
  shortcut?: string;
  testId?: string;
}) {
  const label = kept ? `Kept: unstar ${what}` : `Keep ${what} (star it in History)`;
  return (
    <button
      type="button"
      className={`keep-star ${kept ? 'keep-star-on' : ''}`}
      aria-pressed={kept}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      data-testid={testId}
      onClick={(event: MouseEvent) => {
        // The star sits on things that pick on click (a variation card): starring does not pick.
        event.stopPropagation();
        onToggle();
      }}
    >
      {kept ? '★' : '☆'}
    </button>
  );
}
