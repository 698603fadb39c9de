// The kit pieces the drum model may play, as toggles (at least one stays on); pieces switched off are greyed on the roll.
import { drumInstruments, type DrumInstrument } from '../../../../contract/index.js';
import { drumInstrumentNames } from '../../state/music-settings.js';
import { drumLabel } from './roll-geometry.js';

export function DrumKitField({
  value,
  onChange,
}: {
  value: readonly DrumInstrument[];
  onChange: (instruments: DrumInstrument[]) => void;
}) {
  const toggle = (name: DrumInstrument): void => {
    const next = value.includes(name) ? value.filter((entry) => entry !== name) : [...value, name];
    if (next.length > 0) onChange(drumInstrumentNames.filter((entry) => next.includes(entry)));
  };
  return (
    <div className="field">
      <span className="field-label">Kit</span>
      <div className="music-kit" role="group" aria-label="Kit pieces" data-testid="music-kit">
        {drumInstrumentNames.map((name) => {
          const on = value.includes(name);
          return (
            <button
              key={name}
              type="button"
              className="music-chip"
              aria-pressed={on}
              disabled={on && value.length === 1}
              onClick={() => toggle(name)}
            >
              {drumLabel(drumInstruments[name])}
            </button>
          );
        })}
      </div>
    </div>
  );
}
