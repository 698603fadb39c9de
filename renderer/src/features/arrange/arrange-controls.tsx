// The Arrange panel: the parts, length, key and lock, tempo, styles, form, density per part, sampling, variations,
// seed, Arrange and its progress — in the Music panel's style.
import { arrangeTracks, arrangeTrackTitles, drumStyles, melodyStyles } from '../../../../contract/index.js';
import { CommandButton } from '../../commands/command-button.js';
import { findCommand } from '../../commands/command-registry.js';
import { arrangeRanges, densityFallback, type ArrangeSettings } from '../../state/arrange-settings.js';
import { fieldProblemIn, useFieldValidity } from '../../state/field-problems-slice.js';
import { useStudio } from '../../state/store-context.js';
import { NumberField } from '../../ui/number-field.js';
import { SectionFormField } from '../../ui/section-form-field.js';
import { SegmentedControl } from '../../ui/segmented-control.js';
import { SliderField } from '../../ui/slider-field.js';
import { KeyField } from '../music/key-field.js';
import { AutoSliderField, SelectField } from '../music/music-fields.js';
import { ArrangeProgress } from './arrange-progress.js';

type Update = (patch: Partial<ArrangeSettings>) => void;

function PartsField({ settings, update }: { settings: ArrangeSettings; update: Update }) {
  const toggle = (track: (typeof arrangeTracks)[number]): void => {
    const on = settings.tracks.includes(track);
    if (on && settings.tracks.length === 1) return;
    update({ tracks: on ? settings.tracks.filter((t) => t !== track) : [...settings.tracks, track] });
  };
  return (
    <div className="field" role="group" aria-label="Parts">
      <span className="field-label">Parts</span>
      <span className="music-kit">
        {arrangeTracks.map((track) => (
          <button
            key={track}
            type="button"
            className="music-chip"
            aria-pressed={settings.tracks.includes(track)}
            title={
              settings.tracks.length === 1 && settings.tracks[0] === track
                ? 'A song needs one part at least'
                : undefined
            }
            onClick={() => toggle(track)}
            data-testid={`arrange-part-${track}`}
          >
            {arrangeTrackTitles[track]}
          </button>
        ))}
      </span>
    </div>
  );
}

function DensityFields({ settings, update }: { settings: ArrangeSettings; update: Update }) {
  const unit = { melody: 'notes', chords: 'chords', bass: 'notes', drums: 'hits' } as const;
  return (
    <details className="arrange-density">
      <summary>Density per part</summary>
      {settings.tracks.map((track) => {
        const [min, max] = arrangeRanges.density[track];
        return (
          <AutoSliderField
            key={track}
            label={`${arrangeTrackTitles[track]} · ${unit[track]} per bar`}
            value={settings.density[track]}
            fallback={densityFallback[track]}
            min={min}
            max={max}
            step={track === 'chords' ? 0.5 : 1}
            onChange={(value) => update({ density: { ...settings.density, [track]: value } })}
            testId={`arrange-density-${track}`}
            hint="Auto: the corpus's typical density for the style"
          />
        );
      })}
    </details>
  );
}

export function ArrangeControls() {
  const settings = useStudio((state) => state.arrangeSettings);
  const update = useStudio((state) => state.setArrangeSettings);
  const problem = useStudio((state) => fieldProblemIn(state, 'arrange'));
  const validity = {
    bars: useFieldValidity('arrange.bars', 'Bars'),
    variations: useFieldValidity('arrange.variations', 'Variations'),
    tempo: useFieldValidity('arrange.tempo', 'Tempo'),
    seed: useFieldValidity('arrange.seed', 'Seed'),
  };
  return (
    <section className="panel music-controls arrange-controls" aria-label="Arrange parameters">
      <PartsField settings={settings} update={update} />
      <KeyField
        value={settings.key}
        locked={settings.keyLock}
        onChange={(key) => update({ key })}
        onLock={(keyLock) => update({ keyLock })}
      />
      <div className="arrange-pair">
        <SegmentedControl
          label="Style"
          options={melodyStyles}
          value={settings.style}
          onChange={(style) => update({ style })}
          testId="arrange-style"
        />
        <SelectField
          label="Drums"
          value={settings.drumStyle}
          options={drumStyles}
          onChange={(drumStyle) => update({ drumStyle })}
          testId="arrange-drum-style"
        />
      </div>
      <div className="music-row">
        <NumberField
          label="Bars"
          value={settings.bars}
          {...arrangeRanges.bars}
          unit="bars"
          onChange={(bars) => update({ bars })}
          onValidity={validity.bars}
          testId="arrange-bars"
          width={2}
        />
        <NumberField
          label="Tempo"
          value={settings.tempo}
          {...arrangeRanges.tempo}
          unit="bpm"
          onChange={(tempo) => update({ tempo })}
          onValidity={validity.tempo}
          testId="arrange-tempo"
          width={3}
        />
        <SectionFormField
          value={settings.form}
          onChange={(form) => update({ form })}
          placeholder="auto"
          title="Sections of equal length, e.g. AABA: a repeated letter restates that section"
          testId="arrange-form"
        />
      </div>
      <DensityFields settings={settings} update={update} />
      <SliderField
        label="Temperature"
        value={settings.temperature}
        {...arrangeRanges.temperature}
        onChange={(temperature) => update({ temperature })}
        testId="arrange-temperature"
        hint="0 always picks the likeliest note; 1 samples the model as trained; higher is wilder"
      />
      <div className="music-row">
        <NumberField
          label="Variations"
          value={settings.variations}
          {...arrangeRanges.variations}
          onChange={(variations) => update({ variations })}
          onValidity={validity.variations}
          testId="arrange-variations"
          width={2}
        />
        <NumberField
          label="Seed"
          value={settings.seed}
          {...arrangeRanges.seed}
          onChange={(seed) => update({ seed })}
          onValidity={validity.seed}
          testId="arrange-seed"
          width={8}
        />
        <CommandButton command={findCommand('arrange.seed.new')} label="New" />
      </div>
      <CommandButton command={findCommand('arrange.generate')} label="Arrange" variant="primary" />
      {problem ? (
        <p className="music-hint" data-testid="arrange-generate-hint">
          {problem}
        </p>
      ) : null}
      <ArrangeProgress />
    </section>
  );
}
