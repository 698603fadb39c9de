// The `music.drums` task: drum grooves for a style and tempo with real velocities and micro-timing, optionally
// following a given rhythm or continuing a drum clip.
import type { DrumsParams, TaskParams } from '../../../../contract/index.js';
import { drumInstruments } from '../../../../contract/index.js';
import type { TaskContext, TaskPipeline } from '../task-pipeline.js';
import { forbiddenDrums } from './key-lock-constraint.js';
import { densityCondition, generateMusic, refusePrimerOutsideContinue } from './music-generation.js';
import type { MusicPackages } from './music-packages.js';

/** Mean notes per bar of each style's Groove MIDI 4/4 beats (what the model saw): the default density. */
export const styleDensity: Record<DrumsParams['style'], number> = {
  rock: 17.2,
  latin: 23.1,
  funk: 20.4,
  jazz: 14.3,
  afrobeat: 22.3,
  hiphop: 18.6,
  afrocuban: 20.9,
  neworleans: 24,
  soul: 17.6,
  dance: 20.3,
  pop: 13.6,
  reggae: 15.7,
  punk: 15.6,
  highlife: 26,
  country: 18.5,
  middleeastern: 18.8,
  blues: 25.6,
  gospel: 23.7,
};

export class DrumsPipeline implements TaskPipeline<'music.drums'> {
  readonly task = 'music.drums';

  constructor(private readonly packages: MusicPackages) {}

  async run(context: TaskContext, params: TaskParams<'music.drums'>) {
    const request = refusePrimerOutsideContinue(params);
    const tokenizer = this.packages.tokenizer(context.modelDir);
    const rhythm = request.rhythm ? onsetFlags(request.rhythm.steps, request.rhythm.bars * 16) : undefined;
    // Following a rhythm fixes the onsets; the density condition then counts the hits those onsets usually carry.
    const density = densityCondition(request, rhythm ? rhythmDensity(rhythm) : styleDensity[request.style]);
    const kit = request.instruments?.map((name) => drumInstruments[name]) ?? Object.values(drumInstruments);
    return generateMusic(context, tokenizer, request, {
      task: 'music.drums',
      profile: 'drums',
      conditions: { style: request.style, tempo: request.tempo, density },
      grammar: { maxNotesPerBar: 64, maxNotesPerPosition: 6, rhythm, maxEmptyBars: 0 },
      forbidden: forbiddenDrums(tokenizer.vocabulary, kit),
    });
  }
}

function onsetFlags(steps: readonly number[], length: number): boolean[] {
  const flags = new Array<boolean>(length).fill(false);
  for (const step of steps) flags[step] = true;
  return flags;
}

/** About 1.6 hits per onset in Groove MIDI beats (kick or snare with a hi-hat or ride). */
function rhythmDensity(rhythm: readonly boolean[]): number {
  return (rhythm.filter(Boolean).length * 16 * 1.6) / rhythm.length;
}
