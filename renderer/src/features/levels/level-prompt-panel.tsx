// The prompt: free text read as MarioGPT attributes, the attributes as segmented controls, the prompt text they make,
// size, seed, temperature, Generate.
import {
  blockAmounts,
  elevations,
  enemyAmounts,
  levelRows,
  pipeAmounts,
  type LevelAttributes,
} from '../../../../contract/index.js';
import { findCommand } from '../../commands/command-registry.js';
import { CommandButton } from '../../commands/command-button.js';
import {
  levelPromptText,
  levelSeedRange,
  levelTemperatureRange,
  levelVariationsRange,
  levelWidthRange,
} from '../../state/level-settings.js';
import { fieldProblemIn, useFieldValidity } from '../../state/field-problems-slice.js';
import { useStudio } from '../../state/store-context.js';
import { NumberField } from '../../ui/number-field.js';
import { SegmentedControl } from '../../ui/segmented-control.js';
import { SliderField } from '../../ui/slider-field.js';
import { LevelProgress } from './level-progress.js';
import { LevelPromptWords } from './level-prompt-words.js';

const attributeControls = [
  { name: 'pipes', label: 'Pipes', options: pipeAmounts },
  { name: 'enemies', label: 'Enemies', options: enemyAmounts },
  { name: 'blocks', label: 'Blocks', options: blockAmounts },
  { name: 'elevation', label: 'Elevation', options: elevations },
] as const;

export function LevelPromptPanel() {
  const settings = useStudio((state) => state.levelSettings);
  const update = useStudio((state) => state.setLevelSettings);
  const problem = useStudio((state) => fieldProblemIn(state, 'levels'));
  const validity = {
    width: useFieldValidity('levels.width', 'Width'),
    variations: useFieldValidity('levels.variations', 'Variations'),
    seed: useFieldValidity('levels.seed', 'Seed'),
  };
  const setAttribute = (name: keyof LevelAttributes, value: string): void =>
    update({ attributes: { ...settings.attributes, [name]: value } });

  return (
    <section className="panel level-prompt" aria-label="Level prompt">
      <LevelPromptWords />
      {attributeControls.map(({ name, label, options }) => (
        <SegmentedControl<string>
          key={name}
          label={label}
          options={options}
          value={settings.attributes[name]}
          onChange={(value) => setAttribute(name, value)}
          testId={`level-${name}`}
        />
      ))}
      <p className="level-prompt-text" data-testid="level-prompt-text" title="The prompt the model is given">
        {levelPromptText(settings.attributes)}
      </p>
      <div className="level-prompt-row">
        <NumberField
          label="Width"
          value={settings.width}
          {...levelWidthRange}
          unit="columns"
          onChange={(width) => update({ width })}
          onValidity={validity.width}
          testId="level-width"
          width={4}
        />
        <div
          className="field"
          title={`The model draws columns ${levelRows} tiles tall (VGLC Super Mario Bros): every level is ${levelRows} rows high`}
        >
          <span className="field-label">Height</span>
          <span className="field-static" data-testid="level-height">
            {levelRows} rows
          </span>
        </div>
        <NumberField
          label="Variations"
          value={settings.variations}
          {...levelVariationsRange}
          onChange={(variations) => update({ variations })}
          onValidity={validity.variations}
          testId="level-variations"
          width={2}
        />
      </div>
      <div className="level-prompt-row">
        <NumberField
          label="Seed"
          value={settings.seed}
          {...levelSeedRange}
          onChange={(seed) => update({ seed })}
          onValidity={validity.seed}
          testId="level-seed"
          width={10}
        />
        <CommandButton command={findCommand('levels.seed.new')} label="New seed" />
      </div>
      <SliderField
        label="Temperature"
        value={settings.temperature}
        {...levelTemperatureRange}
        onChange={(temperature) => update({ temperature })}
        testId="level-temperature"
      />
      <CommandButton command={findCommand('levels.generate')} label="Generate" variant="primary" />
      {problem ? (
        <p className="level-hint" data-testid="level-generate-hint">
          {problem}
        </p>
      ) : null}
      <LevelProgress />
    </section>
  );
}
