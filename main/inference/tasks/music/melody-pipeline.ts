// The `music.melody` task: generate or continue melodies, conditioned on style, key, tempo and density, with key lock.
import type { MusicKey, TaskParams } from '../../../../contract/index.js';
import type { TaskContext, TaskPipeline } from '../task-pipeline.js';
import { forbiddenPitches } from './key-lock-constraint.js';
import { densityCondition, generateMusic, refusePrimerOutsideContinue } from './music-generation.js';
import type { MusicPackages } from './music-packages.js';
import { estimateKey, keyTokenValue } from './music-theory.js';
import { copiedBarsOf, restatedBars } from './song-form.js';

/** Mean notes per bar of 16-bar clips of each style's corpus (POP909 melodies, Nottingham 4/4 tunes): the default density. */
const styleDensity = { pop: 4.8, folk: 5.5 } as const;

export class MelodyPipeline implements TaskPipeline<'music.melody'> {
  readonly task = 'music.melody';

  constructor(private readonly packages: MusicPackages) {}

  async run(context: TaskContext, params: TaskParams<'music.melody'>) {
    const request = refusePrimerOutsideContinue(params);
    const tokenizer = this.packages.tokenizer(context.modelDir);
    const primer = request.primer;
    // The models need a key token; without a key asked for, the primer's major/minor estimate (as the corpora were
    // labelled) or C major conditions the model, but the result claims no key it was not asked for.
    const condition: MusicKey = request.key ?? (primer ? estimateKey(primer.notes) : { tonic: 'C', scale: 'major' });
    const lockedKey = request.key && request.lockToScale ? request.key : undefined;
    const density = densityCondition(request, styleDensity[request.style]);
    const restates = restatedBars(request.bars, request.form);
    return generateMusic(context, tokenizer, request, {
      task: 'music.melody',
      profile: 'melody',
      conditions: { style: request.style, key: keyTokenValue(condition), tempo: request.tempo, density },
      grammar: { maxNotesPerBar: 32, maxNotesPerPosition: 4, maxEmptyBars: 1 },
      forbidden: forbiddenPitches(tokenizer.vocabulary, lockedKey, request.pitchRange),
      ...(request.key ? { key: request.key } : {}),
      lockedKey,
      ...(request.form
        ? {
            restate: { form: request.form, restates, copied: copiedBarsOf(restates, request.form, request.repetition) },
          }
        : {}),
    });
  }
}
