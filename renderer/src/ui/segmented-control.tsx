// A row of mutually exclusive choices (a radio group): click, or arrow keys to move the choice within the group.
import { useRef, type KeyboardEvent } from 'react';

export function SegmentedControl<T extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}) {
  const group = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const delta = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
    if (!delta || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    event.preventDefault();
    const next = options[(options.indexOf(value) + delta + options.length) % options.length]!;
    onChange(next);
    group.current?.querySelector<HTMLButtonElement>(`[data-value="${next}"]`)?.focus();
  };
  return (
    <div className="segmented-field">
      <span className="segmented-label" id={testId ? `${testId}-label` : undefined}>
        {label}
      </span>
      <div
        ref={group}
        className="segmented"
        role="radiogroup"
        aria-label={label}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        {options.map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={option === value}
            tabIndex={option === value ? 0 : -1}
            data-value={option}
            className={`segment ${option === value ? 'segment-selected' : ''}`}
            onClick={() => onChange(option)}
          >
            {option}
          </button>
        ))}
      </div>
    </div>
  );
}
