// The key: tonic and scale, and the Key lock that keeps every generated note inside the scale.
import { pitchClassNames, scaleNames, type MusicKey } from '../../../../contract/index.js';
import { SelectField } from './music-fields.js';

export function KeyField({
  value,
  locked,
  onChange,
  onLock,
}: {
  value: MusicKey;
  locked: boolean;
  onChange: (key: MusicKey) => void;
  onLock: (locked: boolean) => void;
}) {
  return (
    <div className="music-key">
      <SelectField
        label="Key"
        value={value.tonic}
        options={pitchClassNames}
        onChange={(tonic) => onChange({ ...value, tonic })}
        testId="music-tonic"
      />
      <SelectField
        label="Scale"
        value={value.scale}
        options={scaleNames}
        describe={(scale) => scale.replace('-', ' ')}
        onChange={(scale) => onChange({ ...value, scale })}
        testId="music-scale"
      />
      <button
        type="button"
        className="music-toggle"
        aria-pressed={locked}
        title="Key lock: every note in the scale (a mask on the model's choices, so 100 % in scale)"
        onClick={() => onLock(!locked)}
        data-testid="music-key-lock"
      >
        {locked ? 'Locked' : 'Lock'}
      </button>
    </div>
  );
}
