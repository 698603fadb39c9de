// A labelled range slider with its value shown beside it.

export function SliderField({
  label,
  value,
  min,
  max,
  step,
  onChange,
  format = (shown) => shown.toFixed(2),
  testId,
  hint,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  format?: (value: number) => string;
  testId?: string;
  hint?: string;
}) {
  return (
    <label className="field" title={hint}>
      <span className="field-label">{label}</span>
      <span className="field-row">
        <input
          type="range"
          className="field-range"
          min={min}
          max={max}
          step={step}
          value={value}
          onChange={(event) => onChange(Number(event.target.value))}
          data-testid={testId}
        />
        <output className="field-value">{format(value)}</output>
      </span>
    </label>
  );
}
