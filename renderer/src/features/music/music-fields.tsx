// Small labelled controls of the Music panel: a slider that can be left to the model, and a select.
import type { ReactNode } from 'react';

/** A slider with an Auto switch: Auto sends nothing, so the model uses the style's (or the primer's) typical value. */
export function AutoSliderField({
  label,
  value,
  fallback,
  min,
  max,
  step,
  onChange,
  testId,
  hint,
}: {
  label: string;
  value: number | null;
  /** Where the slider starts when Auto is switched off. */
  fallback: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number | null) => void;
  testId?: string;
  hint?: string;
}) {
  const auto = value === null;
  return (
    <div className="field" title={hint}>
      <span className="field-label music-field-label">
        {label}
        <button
          type="button"
          className="music-auto"
          aria-pressed={auto}
          onClick={() => onChange(auto ? fallback : null)}
          data-testid={testId ? `${testId}-auto` : undefined}
        >
          auto
        </button>
      </span>
      <span className="field-row">
        <input
          type="range"
          className="field-range"
          aria-label={label}
          min={min}
          max={max}
          step={step}
          value={value ?? fallback}
          disabled={auto}
          onChange={(event) => onChange(Number(event.target.value))}
          data-testid={testId}
        />
        <output className="field-value">{auto ? 'auto' : String(value)}</output>
      </span>
    </div>
  );
}

/** A select with its label; `action` (a small toggle) sits at the end of the label row, outside the label. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  describe = (option) => option,
  testId,
  action,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  describe?: (option: T) => string;
  testId?: string;
  action?: ReactNode;
}) {
  const select = (
    <select
      className="field-input music-select"
      aria-label={action ? label : undefined}
      value={value}
      onChange={(event) => onChange(event.target.value as T)}
      data-testid={testId}
    >
      {options.map((option) => (
        <option key={option} value={option}>
          {describe(option)}
        </option>
      ))}
    </select>
  );
  // A button inside a <label> would take the label from the select, so a field with an action is a labelled group.
  return action ? (
    <div className="field">
      <span className="field-label music-field-label">
        {label}
        {action}
      </span>
      {select}
    </div>
  ) : (
    <label className="field">
      <span className="field-label">{label}</span>
      {select}
    </label>
  );
}
