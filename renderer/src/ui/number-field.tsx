// A labelled whole-number input that hands on every value inside its range as you type and settles on blur.
import { useState } from 'react';

export function NumberField({
  label,
  value,
  min,
  max,
  onChange,
  testId,
  width = 6,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  testId?: string;
  /** Characters the input is sized for. */
  width?: number;
}) {
  // What is being typed, while it is not (yet) a valid value; null when the field shows the value itself.
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="field-input"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        style={{ width: `${width + 3}ch` }}
        data-testid={testId}
        value={draft ?? String(value)}
        onChange={(event) => {
          setDraft(event.target.value);
          const parsed = Number(event.target.value);
          if (event.target.value !== '' && Number.isInteger(parsed) && parsed >= min && parsed <= max) onChange(parsed);
        }}
        onBlur={() => {
          const parsed = Number(draft);
          if (draft !== null && draft !== '' && Number.isFinite(parsed)) onChange(parsed);
          setDraft(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
        }}
      />
    </label>
  );
}
