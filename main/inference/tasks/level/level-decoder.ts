// Decodes spans of level columns with the model: conditioning prompt, left context, per-row constraints, long spans in windows.
import { MosaicError } from '../../../../contract/index.js';
import type { LevelAttributes } from '../../../../contract/levels.js';
import type { SamplingOptions } from '../../decoding/sampler.js';
import type { TaskContext } from '../task-pipeline.js';
import type { AdherencePlan } from './level-attributes.js';
import { LevelConstraint } from './level-constraint.js';
import type { LevelVocabulary } from './level-vocabulary.js';

/** Columns of left context the model sees when a span does not start the level. */
export const contextColumns = 32;

export interface SpanRequest {
  attributes: LevelAttributes;
  /** Every column before the span (the model sees the last `contextColumns`); empty when the span starts the level. */
  before: readonly string[];
  /** The column right after the span, when the span must meet one (region regenerate). */
  after: string | null;
  length: number;
  /** Rows decoded together; row r samples from the stream (seed, r). */
  rows: number;
  seed: number;
  sampling: SamplingOptions;
  /** The prompt's per-window budgets the constraint keeps (none: structure and ends only). */
  plan?: AdherencePlan;
  /** Called as columns are drawn with the share of the span done so far (0–1), for progress bars. */
  onProgress?: (fraction: number) => void;
}

export class LevelDecoder {
  constructor(
    private readonly context: TaskContext,
    private readonly vocabulary: LevelVocabulary,
  ) {}

  /** The span's columns for each row. */
  async decodeSpan(request: SpanRequest): Promise<string[][]> {
    const constraints = Array.from(
      { length: request.rows },
      () =>
        new LevelConstraint({
          vocabulary: this.vocabulary,
          length: request.length,
          leftColumn: request.before.at(-1) ?? null,
          rightColumn: request.after,
          spanStart: request.before.length,
          plan: request.plan,
        }),
    );
    const window = this.context.maxPositions - this.vocabulary.promptLength - contextColumns;
    if (window < 1)
      throw new MosaicError('MODEL_LOAD_FAILED', 'The level model has too few positions for its context.');
    const firstContext = Math.min(request.before.length, contextColumns);
    const first = Math.min(request.length, this.context.maxPositions - this.vocabulary.promptLength - firstContext);
    const decoded = await this.decodeWindow(
      request,
      request.before,
      first,
      request.rows,
      request.seed,
      (row) => constraints[row]!,
    );
    // Longer spans continue row by row, each from its own last columns (the rows no longer share a prompt).
    for (let row = 0; row < request.rows; row += 1) {
      for (let chunk = 1; decoded[row]!.length < request.length; chunk += 1) {
        const history = [...request.before, ...decoded[row]!];
        const count = Math.min(window, request.length - decoded[row]!.length);
        const seed = mixSeed(request.seed, row, chunk);
        const [more] = await this.decodeWindow(request, history, count, 1, seed, () => constraints[row]!);
        if (more!.length === 0) break;
        decoded[row]!.push(...more!);
      }
    }
    return decoded;
  }

  private async decodeWindow(
    request: SpanRequest,
    history: readonly string[],
    count: number,
    rows: number,
    seed: number,
    constraintOf: (row: number) => LevelConstraint,
  ): Promise<string[][]> {
    const context = history.slice(Math.max(0, history.length - contextColumns));
    const startsLevel = context.length === history.length;
    const prompt = [
      ...this.vocabulary.promptTokens(request.attributes, startsLevel),
      ...context.map((column) => this.vocabulary.tokenFor(column)),
    ];
    const result = await this.context.generate({
      prompt,
      batch: rows,
      maxNewTokens: count,
      sampling: request.sampling,
      seed,
      constraint: (row) => constraintOf(row),
      progressEvery: 16,
      onProgress: (decoded) => {
        const drawn = Math.max(...decoded.map((tokens) => tokens.length));
        request.onProgress?.(Math.min(1, (history.length - request.before.length + drawn) / request.length));
      },
    });
    if (result.finish.includes('cancelled')) throw new MosaicError('CANCELLED', 'Level generation was cancelled.');
    return result.rows.map((tokens) =>
      tokens.filter((token) => this.vocabulary.isColumnToken(token)).map((token) => this.vocabulary.column(token)),
    );
  }
}

/** A seed for a derived stream (a later window, a repair attempt) that stays reproducible from the request's seed. */
export function mixSeed(seed: number, ...parts: number[]): number {
  let state = seed >>> 0;
  for (const part of parts) {
    state = Math.imul(state ^ (part + 0x9e3779b9), 0x85ebca6b) >>> 0;
    state = (state ^ (state >>> 13)) >>> 0;
  }
  return state;
}
