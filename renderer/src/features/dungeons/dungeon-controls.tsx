// The dungeon request: rooms, densities, key/lock pairs, seed, variations; Generate, and the progress of the work.
import { taskTable } from '../../../../contract/index.js';
import { CommandButton } from '../../commands/command-button.js';
import { findCommand } from '../../commands/command-registry.js';
import {
  dungeonDensityRange,
  dungeonKeyLocksRange,
  dungeonRoomsRange,
  dungeonSeedRange,
  dungeonVariationsRange,
} from '../../state/dungeon-settings.js';
import { dungeonJobKinds } from '../../state/dungeons-slice.js';
import { fieldProblemIn, useFieldValidity } from '../../state/field-problems-slice.js';
import { activeJobOf } from '../../state/jobs-slice.js';
import { isModelInstalled } from '../../state/model-entries.js';
import { useStudio } from '../../state/store-context.js';
import { NumberField } from '../../ui/number-field.js';
import { ProgressBar, progressPercent } from '../../ui/progress-bar.js';
import { SliderField } from '../../ui/slider-field.js';
import { useEffect } from 'react';

function DungeonProgress() {
  const activity = useStudio((state) => state.dungeonActivity);
  const job = useStudio((state) => activeJobOf(state, dungeonJobKinds));
  const run = useStudio((state) => state.dungeonRun);
  const count = useStudio((state) => state.dungeonTakes.length);
  const installed = useStudio((state) => isModelInstalled(state.modelList, taskTable['level.dungeon'].defaultModel));
  const loadModelList = useStudio((state) => state.loadModelList);
  useEffect(() => void loadModelList(), [loadModelList]);

  if (activity.state === 'generating' || activity.state === 'regenerating') {
    const doing = activity.state === 'generating' ? 'Generating dungeons' : `Redrawing room ${activity.room}`;
    const detail = job?.state === 'queued' ? 'waiting in the queue' : (job?.progress.message ?? 'starting the model');
    const fraction = job?.progress.fraction || undefined;
    // The bar and the text show this one figure, so they never disagree.
    const percent = progressPercent(fraction);
    return (
      <div className="dungeon-progress" data-testid="dungeon-progress">
        <ProgressBar label={doing} fraction={fraction} />
        <div className="dungeon-progress-line">
          <span>
            {doing} · {detail}
            {percent !== undefined ? ` · ${percent}%` : ''}
          </span>
          <CommandButton command={findCommand('dungeons.cancel')} label="Cancel" />
        </div>
      </div>
    );
  }
  return (
    <div className="dungeon-progress">
      <div className="progress progress-idle" aria-hidden="true" />
      <div className="dungeon-progress-line muted" data-testid="dungeon-last-run">
        {run
          ? `${count} ${count === 1 ? 'dungeon' : 'dungeons'} in ${Math.round(run.result.totalMs)} ms · ${run.model.name}@${run.model.version} (${run.model.precision}) · seed ${run.result.seed}`
          : `Set the rooms and densities, then Generate.${installed === false ? ' The first run installs the dungeon model, so it takes a moment longer.' : ''}`}
      </div>
    </div>
  );
}

const percent = (value: number): string => `${Math.round(value * 100)} %`;

export function DungeonControls() {
  const settings = useStudio((state) => state.dungeonSettings);
  const update = useStudio((state) => state.setDungeonSettings);
  const problem = useStudio((state) => fieldProblemIn(state, 'dungeons'));
  const validity = {
    rooms: useFieldValidity('dungeons.rooms', 'Rooms'),
    keyLocks: useFieldValidity('dungeons.keyLocks', 'Key/lock pairs'),
    seed: useFieldValidity('dungeons.seed', 'Seed'),
    variations: useFieldValidity('dungeons.variations', 'Variations'),
  };
  return (
    <section className="panel dungeon-controls" aria-label="Dungeon request">
      <div className="dungeon-controls-row">
        <NumberField
          label="Rooms"
          value={settings.rooms}
          {...dungeonRoomsRange}
          unit="rooms"
          onChange={(rooms) => update({ rooms })}
          onValidity={validity.rooms}
          testId="dungeon-rooms"
          width={3}
        />
        <NumberField
          label="Key/lock pairs"
          value={settings.keyLocks}
          {...dungeonKeyLocksRange}
          onChange={(keyLocks) => update({ keyLocks })}
          onValidity={validity.keyLocks}
          testId="dungeon-keylocks"
          width={2}
        />
      </div>
      <SliderField
        label="Enemy density"
        value={settings.enemyDensity}
        {...dungeonDensityRange}
        format={percent}
        onChange={(enemyDensity) => update({ enemyDensity })}
        testId="dungeon-enemy-density"
        hint="Monsters: 0 none, 100 % many in every room but the start"
      />
      <SliderField
        label="Block density"
        value={settings.blockDensity}
        {...dungeonDensityRange}
        format={percent}
        onChange={(blockDensity) => update({ blockDensity })}
        testId="dungeon-block-density"
        hint="Blocks inside rooms"
      />
      <SliderField
        label="Element density"
        value={settings.elementDensity}
        {...dungeonDensityRange}
        format={percent}
        onChange={(elementDensity) => update({ elementDensity })}
        testId="dungeon-element-density"
        hint="Water or lava inside rooms"
      />
      <div className="dungeon-controls-row">
        <NumberField
          label="Seed"
          value={settings.seed}
          {...dungeonSeedRange}
          onChange={(seed) => update({ seed })}
          onValidity={validity.seed}
          testId="dungeon-seed"
          width={10}
        />
        <CommandButton command={findCommand('dungeons.seed.new')} label="New seed" />
      </div>
      <NumberField
        label="Variations"
        value={settings.variations}
        {...dungeonVariationsRange}
        onChange={(variations) => update({ variations })}
        onValidity={validity.variations}
        testId="dungeon-variations"
        width={2}
      />
      <CommandButton command={findCommand('dungeons.generate')} label="Generate" variant="primary" />
      {problem ? (
        <p className="dungeon-hint" data-testid="dungeon-generate-hint">
          {problem}
        </p>
      ) : null}
      <DungeonProgress />
    </section>
  );
}
