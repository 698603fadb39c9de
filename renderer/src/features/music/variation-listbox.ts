// What a variations listbox does the same in Music and Arrange: its keys, and keeping the pick in view.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/** Keys of a variations listbox of `count` options: ↑/↓ move the pick, Home/End go to the ends, Enter plays or stops. */
export function variationListKeyDown(
  count: number,
  selected: number,
  select: (index: number) => void,
  toggle: () => Promise<void>,
): (event: KeyboardEvent<HTMLElement>) => void {
  return (event) => {
    const next = { ArrowUp: selected - 1, ArrowDown: selected + 1, Home: 0, End: count - 1 }[event.key];
    if (event.key === 'Enter') void toggle();
    else if (next !== undefined) select(next);
    else return;
    event.preventDefault();
  };
}

/**
 * Keeps the picked option (element id `optionId`, null with none) in view inside `list`, again whenever `shownKey`
 * changes (a new run shown with the same pick): a pick made from the keyboard below the fold scrolls up whole.
 */
export function useKeepPickInView(
  list: RefObject<HTMLElement | null>,
  optionId: string | null,
  shownKey?: string | null,
): void {
  useEffect(() => {
    if (optionId === null) return;
    list.current?.querySelector(`#${optionId}`)?.scrollIntoView({ block: 'nearest' });
  }, [list, optionId, shownKey]);
}
