// Decodes one sequence of an arrangement window by window for every variation: the first window as one batch (every
// row shares its prompt), later ones row by row (each row's prompt shows the cells it already wrote).
import type { SamplingOptions } from '../../../decoding/sampler.js';
import type { TaskContext } from '../../task-pipeline.js';
import { mix } from '../bar-window-decoder.js';
import { ArrangeGrammarConstraint, type ArrangeGrammarOptions, type CellPlan } from './arrange-grammar-constraint.js';
import type { ArrangeSequence, SequenceCell } from './arrange-sequence.js';
import type { ArrangeVocabulary } from './arrange-vocabulary.js';

export interface SequenceDecodeRequest {
  sequence: ArrangeSequence;
  /** Per row: the events of every cell known so far (`track:bar`), given or written; written cells are added. */
  rowCells: Map<string, number[]>[];
  /** How row `row` writes a cell: freely, copying an earlier cell, or following a script. */
  plan: (row: number, cell: SequenceCell) => CellPlan;
  grammar: Pick<ArrangeGrammarOptions, 'allowedFirst' | 'maxNotesPerCell' | 'bassFollowsChords' | 'chordsFollowMelody'>;
  sampling: SamplingOptions;
  seed: number;
  /** Called after each decode with the number of cells it finished (over all its rows). */
  onCells: (cells: number) => void;
  /** Called every few decoding steps, to see which cells were finished meanwhile (streaming the song). */
  watch?: () => void;
}

/** Steps between two `watch` calls: a cell takes tens of tokens, so a finished one is seen within a few tokens. */
const watchEvery = 4;

export interface SequenceDecodeResult {
  sampledTokens: number;
  windows: number;
  cancelled: boolean;
}

export class ArrangeDecoder {
  constructor(
    private readonly context: TaskContext,
    private readonly vocabulary: ArrangeVocabulary,
  ) {}

  async decode(request: SequenceDecodeRequest): Promise<SequenceDecodeResult> {
    const { sequence, rowCells } = request;
    const rows = [...rowCells.keys()];
    const windows = sequence.windows(rowCells[0]!);
    let sampledTokens = 0;
    for (const [index, window] of windows.entries()) {
      for (const group of index === 0 ? [rows] : rows.map((row) => [row])) {
        if (this.context.isCancelled()) return { sampledTokens, windows: index, cancelled: true };
        const { prompt, cells } = sequence.prompt(window, rowCells[group[0]!]!);
        const budget = sequence.newTokenBudget(window, prompt.length);
        const result = await this.context.generate({
          prompt,
          batch: group.length,
          maxNewTokens: budget,
          sampling: request.sampling,
          seed: index === 0 ? request.seed : mix(request.seed, group[0]!, index),
          stopTokens: [this.vocabulary.special('EOS')],
          ...(request.watch ? { onProgress: request.watch, progressEvery: watchEvery } : {}),
          constraint: (member) =>
            new ArrangeGrammarConstraint(this.vocabulary, {
              ...request.grammar,
              cells: cells.map((cell) => request.plan(group[member]!, cell)),
              budget,
              rowCells: rowCells[group[member]!]!,
            }),
        });
        sampledTokens += result.rows.reduce((sum, row) => sum + row.length, 0);
        request.onCells(
          result.rows.reduce((sum, row) => sum + row.filter((t) => t === this.vocabulary.special('End')).length, 0),
        );
        if (result.finish.includes('cancelled')) return { sampledTokens, windows: index + 1, cancelled: true };
      }
    }
    return { sampledTokens, windows: windows.length, cancelled: false };
  }
}
