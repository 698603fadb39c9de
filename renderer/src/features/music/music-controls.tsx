// The Music panel: the controls the current mode takes (only those), the seed, Generate and its progress.
import { drumStyles, melodyStyles } from '../../../../contract/index.js';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import { fieldProblemIn, useFieldValidity } from '../../state/field-problems-slice.js';
import { missingInput } from '../../state/music-requests.js';
import { musicParts, musicRanges, partOf, type MusicSettings } from '../../state/music-settings.js';
import { useStudio } from '../../state/store-context.js';
import { NumberField } from '../../ui/number-field.js';
import { SectionFormField } from '../../ui/section-form-field.js';
import { SegmentedControl } from '../../ui/segmented-control.js';
import { SliderField } from '../../ui/slider-field.js';
import { ClipDropField } from './clip-drop-field.js';
import { DrumKitField } from './drum-kit-field.js';
import { KeyField, KeySuggestion } from './key-field.js';
import { AutoSliderField, SelectField } from './music-fields.js';
import { MusicProgress } from './music-progress.js';
import { PitchRangeField } from './pitch-range-field.js';
import { TempoSuggestion } from './tempo-suggestion.js';

type Update = (patch: Partial<MusicSettings>) => void;

function MelodyControls({ settings, update }: { settings: MusicSettings; update: Update }) {
  const suggestion = useStudio((state) => state.musicKeySuggestion);
  const answer = useStudio((state) => state.answerMusicKeySuggestion);
  return (
    <>
      <SegmentedControl
        label="Style"
        options={melodyStyles}
        value={settings.melodyStyle}
        onChange={(melodyStyle) => update({ melodyStyle })}
        testId="music-melody-style"
      />
      <KeyField
        value={settings.key}
        locked={settings.keyLock}
        onChange={(key) => update({ key })}
        onLock={(keyLock) => update({ keyLock })}
      />
      {suggestion && (suggestion.tonic !== settings.key.tonic || suggestion.scale !== settings.key.scale) ? (
        <KeySuggestion suggestion={suggestion} onAnswer={answer} />
      ) : null}
      <PitchRangeField value={settings.pitchRange} onChange={(pitchRange) => update({ pitchRange })} />
      <SectionFormField
        value={settings.form}
        onChange={(form) => update({ form })}
        placeholder="auto"
        title="Sections of equal length, e.g. AABA: the bars of a repeated letter restate that section's (a quarter of them note for note, the others their first half); auto: AABA from 4 bars; A: none"
        testId="music-form"
      />
      <AutoSliderField
        label="Density · notes per bar"
        value={settings.melodyDensity}
        fallback={4}
        {...musicRanges.melodyDensity}
        onChange={(melodyDensity) => update({ melodyDensity })}
        testId="music-density"
        hint="Auto: the style's typical density (or the primer's)"
      />
    </>
  );
}

function DrumControls({ settings, update }: { settings: MusicSettings; update: Update }) {
  return (
    <>
      <SelectField
        label="Style"
        value={settings.drumStyle}
        options={drumStyles}
        onChange={(drumStyle) => update({ drumStyle })}
        testId="music-drum-style"
      />
      <DrumKitField value={settings.instruments} onChange={(instruments) => update({ instruments })} />
      <AutoSliderField
        label="Density · hits per bar"
        value={settings.drumDensity}
        fallback={16}
        {...musicRanges.drumDensity}
        onChange={(drumDensity) => update({ drumDensity })}
        testId="music-drum-density"
        hint="Auto: the style's typical density (or the primer's)"
      />
    </>
  );
}

function ClipControls({ settings, update }: { settings: MusicSettings; update: Update }) {
  const primer = useStudio((state) => state.musicPrimer);
  const follow = useStudio((state) => state.musicFollow);
  const setPrimer = useStudio((state) => state.setMusicPrimer);
  const setFollow = useStudio((state) => state.setMusicFollow);
  const followBarsValidity = useFieldValidity('music.followBars', 'Bars to follow');
  if (settings.mode === 'continue') {
    return (
      <>
        <ClipDropField
          label="Primer"
          role="primer"
          clip={primer}
          empty="Drop a .mid here (or on the roll)"
          onClear={() => setPrimer(null)}
        />
        <SegmentedControl
          label="Continue the"
          options={musicParts}
          value={settings.continuePart}
          onChange={(continuePart) => update({ continuePart })}
          testId="music-continue-part"
        />
      </>
    );
  }
  if (settings.mode !== 'drums') return null;
  return (
    <>
      <ClipDropField
        label="Follow the rhythm of"
        role="follow"
        clip={follow}
        empty="Optional: drop a .mid whose onsets the groove follows"
        onClear={() => setFollow(null)}
      />
      {follow ? (
        <NumberField
          label="Bars of it to follow"
          value={settings.followBars}
          {...musicRanges.followBars}
          unit="bars"
          onChange={(followBars) => update({ followBars })}
          onValidity={followBarsValidity}
          testId="music-follow-bars"
          width={2}
        />
      ) : null}
    </>
  );
}

export function MusicControls() {
  const settings = useStudio((state) => state.musicSettings);
  const update = useStudio((state) => state.setMusicSettings);
  const missing = useStudio(
    (state) => fieldProblemIn(state, 'music') ?? missingInput(state.musicSettings, state.musicPrimer),
  );
  const barsLabel = settings.mode === 'continue' ? 'Bars to add' : 'Bars';
  const validity = {
    bars: useFieldValidity('music.bars', barsLabel),
    variations: useFieldValidity('music.variations', 'Variations'),
    tempo: useFieldValidity('music.tempo', 'Tempo'),
    seed: useFieldValidity('music.seed', 'Seed'),
  };
  const part = partOf(settings);
  const tempoSuggestion = useStudio((state) => state.musicTempoSuggestion);
  const answerTempo = useStudio((state) => state.answerMusicTempoSuggestion);
  return (
    <section className="panel music-controls" aria-label="Music parameters">
      <ClipControls settings={settings} update={update} />
      {part === 'melody' ? (
        <MelodyControls settings={settings} update={update} />
      ) : (
        <DrumControls settings={settings} update={update} />
      )}
      <div className="music-row">
        <NumberField
          label={barsLabel}
          value={settings.bars}
          {...musicRanges.bars}
          unit="bars"
          onChange={(bars) => update({ bars })}
          onValidity={validity.bars}
          testId="music-bars"
          width={2}
        />
        <NumberField
          label="Variations"
          value={settings.variations}
          {...musicRanges.variations}
          onChange={(variations) => update({ variations })}
          onValidity={validity.variations}
          testId="music-variations"
          width={2}
        />
        <NumberField
          label="Tempo"
          value={settings.tempo}
          {...musicRanges.tempo}
          unit="bpm"
          onChange={(tempo) => update({ tempo })}
          onValidity={validity.tempo}
          testId="music-tempo"
          width={3}
        />
      </div>
      {tempoSuggestion !== null && tempoSuggestion !== settings.tempo ? (
        <TempoSuggestion tempo={tempoSuggestion} onAnswer={answerTempo} />
      ) : null}
      <SliderField
        label="Temperature"
        value={settings.temperature}
        {...musicRanges.temperature}
        onChange={(temperature) => update({ temperature })}
        testId="music-temperature"
        hint="0 always picks the likeliest note; 1 samples the model as trained; higher is wilder"
      />
      <div className="music-row">
        <NumberField
          label="Seed"
          value={settings.seed}
          {...musicRanges.seed}
          onChange={(seed) => update({ seed })}
          onValidity={validity.seed}
          testId="music-seed"
          width={10}
        />
        <CommandButton command={findCommand('music.seed.new')} label="New seed" />
      </div>
      <CommandButton command={findCommand('music.generate')} label="Generate" variant="primary" />
      {missing ? (
        <p className="music-hint" data-testid="music-generate-hint">
          {missing}
        </p>
      ) : null}
      <MusicProgress />
    </section>
  );
}
