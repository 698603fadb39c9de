// The `level.platformer` task: prompt → conditioning → constrained decoding → playability check → repair → levels.
import { MosaicError } from '../../../../contract/index.js';
import type { GeneratedLevel, LevelAttributes, LevelTaskResult, TaskParams } from '../../../../contract/index.js';
import type { SamplingOptions } from '../../decoding/sampler.js';
import { PackageVocabularies } from '../package-vocabularies.js';
import type { TaskContext, TaskPipeline } from '../task-pipeline.js';
import {
  adherence,
  adherencePlan,
  measureAttributes,
  promptText,
  resolveAttributes,
  type AdherenceControl,
} from './level-attributes.js';
import { LevelDecoder, mixSeed } from './level-decoder.js';
import { columnsOf, rowsOf } from './level-grid.js';
import { LevelRepairer, type RegionRedraw } from './level-repair.js';
import { LevelVocabulary } from './level-vocabulary.js';
import { PlayabilityAgent } from './playability-agent.js';

/** The vocabulary file a level.platformer package carries next to its graph. */
export const levelVocabularyFile = 'level-vocabulary.json';
/** Candidates the model draws for a stuck region in one repair round. */
const redrawCandidates = 4;

interface LevelJob {
  attributes: LevelAttributes;
  seed: number;
  sampling: SamplingOptions;
  budget: number;
  /** The level before the edit (region regenerate), and the columns redrawn. */
  original?: string[];
  from: number;
  to: number;
  width: number;
}

export interface LevelPipelineOptions {
  /**
   * How the prompt's counts are steered: every 50-column window on its own (the default), or the level's totals (the
   * 1.0.0 decoding, kept for side-by-side evaluation).
   */
  control?: AdherenceControl;
}

export class LevelPipeline implements TaskPipeline<'level.platformer'> {
  readonly task = 'level.platformer';
  private readonly vocabularies = new PackageVocabularies(
    levelVocabularyFile,
    (path) => LevelVocabulary.fromFile(path),
    'level',
  );
  private readonly control: AdherenceControl;

  constructor(
    private readonly agent: PlayabilityAgent = new PlayabilityAgent(),
    options: LevelPipelineOptions = {},
  ) {
    this.control = options.control ?? 'per-window';
  }

  async run(context: TaskContext, request: TaskParams<'level.platformer'>): Promise<LevelTaskResult> {
    const started = performance.now();
    const vocabulary = this.vocabularies.of(context);
    const original = request.mode === 'regenerate' ? columnsOf(request.rows) : undefined;
    const width = original ? original.length : request.mode === 'generate' ? request.width : 0;
    const attributes = resolveAttributes(
      request.prompt,
      request.attributes,
      original ? measureAttributes(original) : undefined,
    );
    const defaults = vocabulary.defaults;
    const job: LevelJob = {
      attributes,
      seed: request.seed ?? Math.floor(Math.random() * 0x100000000),
      sampling: {
        temperature: request.temperature ?? defaults.temperature,
        topK: request.topK ?? defaults.topK,
        topP: request.topP ?? defaults.topP,
      },
      budget: request.repairBudget ?? defaults.repairBudget,
      original,
      from: request.mode === 'regenerate' ? request.from : 0,
      to: request.mode === 'regenerate' ? request.to : width,
      width,
    };
    const decoder = new LevelDecoder(context, vocabulary);
    context.reportProgress({ fraction: 0, message: 'drawing columns' });
    const decodeStarted = performance.now();
    const spans = await decoder.decodeSpan({
      ...this.spanOf(job, original ?? [], job.from, job.to),
      rows: request.variations,
      seed: job.seed,
      onProgress: (fraction) => context.reportProgress({ fraction: 0.5 * fraction, message: 'drawing columns' }),
    });
    const decodeMs = performance.now() - decodeStarted;
    const levels: GeneratedLevel[] = [];
    for (const [variation, span] of spans.entries()) {
      if (context.isCancelled()) throw new MosaicError('CANCELLED', 'Level generation was cancelled.');
      context.reportProgress({
        fraction: 0.5 + (0.5 * variation) / spans.length,
        message: `checking playability of variation ${variation + 1}`,
      });
      levels.push(await this.finish(job, decoder, variation, span, decodeMs));
    }
    context.reportProgress({ fraction: 1, message: 'done' });
    return {
      mode: request.mode,
      prompt: promptText(attributes),
      attributes,
      seed: job.seed,
      width,
      ...(original ? { region: { from: job.from, to: job.to } } : {}),
      levels,
      totalMs: performance.now() - started,
    };
  }

  /** What decoding columns [from, to) of `columns` needs: its context, its seam, and the budgets left for it. */
  private spanOf(job: LevelJob, columns: readonly string[], from: number, to: number) {
    return {
      attributes: job.attributes,
      before: columns.slice(0, from),
      after: columns[to] ?? null,
      length: to - from,
      sampling: job.sampling,
      plan: adherencePlan(job.attributes, job.width, columns, { from, to }, this.control),
    };
  }

  private async finish(
    job: LevelJob,
    decoder: LevelDecoder,
    variation: number,
    span: string[],
    decodeMs: number,
  ): Promise<GeneratedLevel> {
    const repairStarted = performance.now();
    const base = job.original ?? [];
    const columns = [...base.slice(0, job.from), ...padSpan(span, job.to - job.from), ...base.slice(job.to)];
    const redraw: RegionRedraw = (current, from, to, attempt) =>
      decoder.decodeSpan({
        ...this.spanOf(job, current, from, to),
        rows: redrawCandidates,
        seed: mixSeed(job.seed, variation, attempt + 1),
      });
    const repairer = new LevelRepairer(this.agent, redraw);
    const outcome = await repairer.repair(columns, {
      span: { from: job.from, to: job.to },
      budget: job.budget,
      original: job.original,
    });
    const measured = measureAttributes(outcome.columns);
    const { report } = outcome;
    return {
      variation,
      rows: rowsOf(outcome.columns),
      path: report.path,
      playable: report.playable,
      spawn: report.spawn,
      goal: report.goal,
      repairs: outcome.repairs,
      attributes: measured,
      adherence: adherence(job.attributes, measured),
      stats: {
        decodeMs,
        checkMs: outcome.checkMs,
        repairMs: performance.now() - repairStarted - outcome.checkMs,
        repairedColumns: outcome.repairedColumns,
      },
    };
  }
}

/** A span the decoder ended early (no column fitted) is completed with plain ground; pipes cut short are removed. */
function padSpan(span: string[], length: number): string[] {
  if (span.length >= length) return span;
  const padded = [...span];
  const last = padded.length - 1;
  if (last >= 0) padded[last] = padded[last]!.replace(/[<[]/g, '-');
  while (padded.length < length) padded.push('-------------X');
  return padded;
}
