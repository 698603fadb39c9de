// A labelled whole-number input that hands on every value inside its range as you type; a value outside it is kept
// as typed, marked invalid with the limit beside the label ("1–32 bars"), and reported so Generate can say why it waits.
import { useEffect, useId, useState } from 'react';

/** The limit as shown beside a field, e.g. "1–32 bars". */
export function describeLimit(min: number, max: number, unit?: string): string {
  return `${min}–${max}${unit ? ` ${unit}` : ''}`;
}

/** Why a typed text is not a value of the field, or null when it is one. */
export function numberProblem(text: string, min: number, max: number, unit?: string): string | null {
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(parsed) && parsed >= min && parsed <= max;
  return valid ? null : describeLimit(min, max, unit);
}

export function NumberField({
  label,
  value,
  min,
  max,
  unit,
  onChange,
  onValidity,
  testId,
  width = 6,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  /** What the number counts, shown with the limit: "bars", "bpm". */
  unit?: string;
  onChange: (value: number) => void;
  /**
   * Told what is wrong with the typed text (the limit), or null once it is a value again or the field goes away; pass a
   * stable function (useCallback), as it is told again whenever it changes.
   */
  onValidity?: (problem: string | null) => void;
  testId?: string;
  /** Characters the input is sized for. */
  width?: number;
}) {
  // What is being typed, while it differs from the value; null when the field shows the value itself.
  const [draft, setDraft] = useState<string | null>(null);
  // A new value from elsewhere (New seed, a primer's tempo, a run opened from History) replaces what was typed.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (draft !== null && Number(draft) !== value) setDraft(null);
  }
  const problem = draft === null ? null : numberProblem(draft, min, max, unit);
  const messageId = useId();
  useEffect(() => onValidity?.(problem), [problem, onValidity]);
  // A field that goes away (another mode's controls) leaves no problem behind.
  useEffect(() => () => onValidity?.(null), [onValidity]);
  return (
    <label className="field">
      <span className="field-label">
        {label}
        {problem ? (
          <span className="field-problem" id={messageId} data-testid={testId ? `${testId}-problem` : undefined}>
            {problem}
          </span>
        ) : null}
      </span>
      <input
        className="field-input"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        // Grows with what is typed, so a value out of range is read whole beside its limit.
        style={{ width: `${Math.max(width, draft?.length ?? 0) + 3}ch` }}
        data-testid={testId}
        aria-invalid={problem !== null}
        aria-describedby={problem ? messageId : undefined}
        title={describeLimit(min, max, unit)}
        value={draft ?? String(value)}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          if (numberProblem(text, min, max) === null) onChange(Number(text));
        }}
        onBlur={() => {
          // A value out of range stays as typed (and invalid) rather than being replaced by a guess.
          if (problem === null) setDraft(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
          if (event.key === 'Escape' && draft !== null) {
            // Back to the value in use; stops here so the Escape does not also close what holds the field.
            event.stopPropagation();
            setDraft(null);
          }
        }}
      />
    </label>
  );
}
