// Small labelled controls of the Music panel: a slider that can be left to the model, and a select.

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

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  describe = (option) => option,
  testId,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  describe?: (option: T) => string;
  testId?: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        className="field-input music-select"
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
    </label>
  );
}
