// Arrow keys move the choice within a group of buttons (tabs, a segmented control) and keep focus on the chosen one.
import { useRef, type KeyboardEvent } from 'react';

/** Which keys step the choice, and by how much. */
export const horizontalSteps: Readonly<Record<string, number>> = { ArrowLeft: -1, ArrowRight: 1 };
export const allArrowSteps: Readonly<Record<string, number>> = { ...horizontalSteps, ArrowUp: -1, ArrowDown: 1 };

/**
 * For a group whose buttons carry `data-choice` = their option: returns the group's ref and its keydown handler.
 * Modified arrows (Ctrl, Cmd, Alt, Shift) are left to the app's shortcuts.
 */
export function useRovingChoice<T extends string>(
  options: readonly T[],
  value: T,
  onChange: (value: T) => void,
  steps: Readonly<Record<string, number>> = allArrowSteps,
) {
  const group = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const delta = steps[event.key];
    if (!delta || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    event.preventDefault();
    const next = options[(options.indexOf(value) + delta + options.length) % options.length]!;
    onChange(next);
    group.current?.querySelector<HTMLButtonElement>(`[data-choice="${next}"]`)?.focus();
  };
  return { group, onKeyDown };
}
