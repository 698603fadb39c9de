// The key: tonic (either spelling: Bb or A#) and scale, and the Key lock that keeps every generated note inside the scale.
import {
  describeKey,
  parseMusicKey,
  scaleNames,
  tonicName,
  tonicNames,
  type MusicKey,
} from '../../../../contract/index.js';
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
  // The lock sits in the Scale label's row, so the scale menu has the panel's width for "pentatonic major".
  return (
    <div className="music-key">
      <SelectField
        label="Key"
        value={tonicName(value)}
        options={tonicNames}
        onChange={(tonic) => onChange(parseMusicKey({ tonic, scale: value.scale }))}
        testId="music-tonic"
      />
      <SelectField
        label="Scale"
        value={value.scale}
        options={scaleNames}
        describe={(scale) => scale.replace('-', ' ')}
        onChange={(scale) => onChange({ ...value, scale })}
        testId="music-scale"
        action={
          <button
            type="button"
            className="music-auto music-lock"
            aria-pressed={locked}
            title="Key lock: every note in the scale (a mask on the model's choices, so 100 % in scale)"
            onClick={() => onLock(!locked)}
            data-testid="music-key-lock"
          >
            {locked ? 'locked' : 'lock'}
          </button>
        }
      />
    </div>
  );
}

/** The key detected in a loaded primer, offered in words: "Looks like D dorian — use it?" with Use and Dismiss. */
export function KeySuggestion({ suggestion, onAnswer }: { suggestion: MusicKey; onAnswer: (use: boolean) => void }) {
  return (
    <div className="music-key-suggestion" role="status" data-testid="music-key-suggestion">
      <span>
        The primer looks like <strong>{describeKey(suggestion)}</strong> — use it?
      </span>
      <button type="button" className="music-chip" onClick={() => onAnswer(true)} data-testid="music-key-use">
        Use
      </button>
      <button type="button" className="music-chip" onClick={() => onAnswer(false)} data-testid="music-key-dismiss">
        Dismiss
      </button>
    </div>
  );
}
