// A song form as section letters ("AABA": a repeated letter restates that section), typed in a text field that only
// takes the letters A–H, so the field always holds a form the service accepts ("" = none given).
export function SectionFormField({
  value,
  onChange,
  placeholder,
  title,
  testId,
}: {
  value: string;
  onChange: (form: string) => void;
  /** What an empty field means: "auto" (the model's own form) or "none". */
  placeholder: string;
  title: string;
  testId: string;
}) {
  return (
    <label className="field" title={title}>
      <span className="field-label">Form</span>
      <input
        className="field-input section-form-input"
        value={value}
        maxLength={16}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(event) =>
          onChange(
            event.target.value
              .toUpperCase()
              .replace(/[^A-H]/g, '')
              .slice(0, 16),
          )
        }
        data-testid={testId}
      />
    </label>
  );
}
