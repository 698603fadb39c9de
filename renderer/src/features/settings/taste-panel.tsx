// Settings → Taste: whether taste ranking is on, what each kind's model learnt from (and weighs most), and a reset.
import { useEffect, useState } from 'react';
import { useStudio } from '../../state/store-context.js';
import { tasteFeatureLabels } from '../../state/taste-slice.js';

const kindNames = { melody: 'Melodies', drums: 'Drum grooves', song: 'Songs', level: 'Levels' } as const;

export function TastePanel() {
  const status = useStudio((state) => state.tasteStatus);
  const error = useStudio((state) => state.tasteError);
  const setEnabled = useStudio((state) => state.setTasteEnabled);
  const reset = useStudio((state) => state.resetTaste);
  const loadStatus = useStudio((state) => state.loadTasteStatus);
  const models = useStudio((state) => state.tasteModels);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  const learnt = models.filter((model) => model.events > 0);
  return (
    <section className="settings-section" aria-labelledby="taste-heading" data-testid="taste-settings">
      <h2 id="taste-heading">Taste</h2>
      <p className="muted">
        Learns on this machine which variations you prefer from what you keep, export, play to the end and discard (X),
        and orders Music and Levels “For you”. It stays in this data folder{status ? ` (${status.folder})` : ''}.
      </p>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={status?.enabled ?? false}
          disabled={!status}
          onChange={(event) => void setEnabled(event.target.checked)}
          data-testid="taste-enabled"
        />
        <span>Learn from my feedback and offer “For you”</span>
      </label>
      {learnt.length === 0 ? (
        <p className="muted" data-testid="taste-learnt">
          Nothing learnt yet.
        </p>
      ) : (
        <ul className="taste-learnt" data-testid="taste-learnt">
          {learnt.map((model) => (
            <li key={model.kind}>
              <strong>{kindNames[model.kind]}</strong>: {model.events} signals on {model.runs}{' '}
              {model.runs === 1 ? 'run' : 'runs'}
              {model.fitted
                ? ` · weighs ${model.features
                    .slice(0, 3)
                    .map(
                      (feature) =>
                        `${tasteFeatureLabels[feature.feature] ?? feature.feature} ${feature.weight >= 0 ? '↑' : '↓'}`,
                    )
                    .join(', ')}`
                : ' · needs a kept and a passed-over variation of one run'}
            </li>
          ))}
        </ul>
      )}
      <div className="settings-token">
        {confirming ? (
          <>
            <span>Forget every signal and weight?</span>
            <button
              type="button"
              className="button"
              data-testid="taste-reset-confirm"
              onClick={() => {
                setConfirming(false);
                void reset();
              }}
            >
              Reset
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button"
            disabled={learnt.length === 0}
            data-testid="taste-reset"
            onClick={() => setConfirming(true)}
          >
            Reset what it learnt
          </button>
        )}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error.code}: {error.message}
        </p>
      ) : null}
    </section>
  );
}
