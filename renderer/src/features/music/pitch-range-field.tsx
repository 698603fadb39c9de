// The lowest and highest note a melody may use, shown as note names; arrows step a semitone, Page Up/Down an octave.
import type { KeyboardEvent } from 'react';
import { musicRanges } from '../../state/music-settings.js';
import { noteName } from './music-theory.js';

function NoteStepper({
  label,
  value,
  min,
  max,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  testId: string;
}) {
  const change = (by: number): void => onChange(Math.min(max, Math.max(min, value + by)));
  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>): void => {
    const by = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 12, PageDown: -12 }[event.key];
    if (by === undefined) return;
    event.preventDefault();
    change(by);
  };
  return (
    <span className="music-stepper">
      <button type="button" tabIndex={-1} aria-hidden="true" onClick={() => change(-1)} disabled={value <= min}>
        −
      </button>
      <span
        role="spinbutton"
        tabIndex={0}
        aria-label={label}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={noteName(value)}
        className="music-stepper-value"
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        {noteName(value)}
      </span>
      <button type="button" tabIndex={-1} aria-hidden="true" onClick={() => change(1)} disabled={value >= max}>
        +
      </button>
    </span>
  );
}

export function PitchRangeField({
  value,
  onChange,
}: {
  value: { lowest: number; highest: number };
  onChange: (range: { lowest: number; highest: number }) => void;
}) {
  const { min, max, span } = musicRanges.pitch;
  return (
    <div className="field" title="Notes outside the range are never chosen; the roll greys them out">
      <span className="field-label">Pitch range</span>
      <span className="music-range">
        <NoteStepper
          label="Lowest note"
          value={value.lowest}
          min={min}
          max={value.highest - span + 1}
          onChange={(lowest) => onChange({ ...value, lowest })}
          testId="music-range-lowest"
        />
        <span className="muted">to</span>
        <NoteStepper
          label="Highest note"
          value={value.highest}
          min={value.lowest + span - 1}
          max={max}
          onChange={(highest) => onChange({ ...value, highest })}
          testId="music-range-highest"
        />
      </span>
    </div>
  );
}
