// A row of mutually exclusive choices (a radio group): click, or arrow keys to move the choice within the group.
import { useRovingChoice } from './use-roving-choice.js';

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
  const { group, onKeyDown } = useRovingChoice(options, value, onChange);
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
            data-choice={option}
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
