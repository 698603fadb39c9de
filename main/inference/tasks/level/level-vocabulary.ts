// The level model's vocabulary file: conditioning tokens and whole-column tokens, with what each column holds.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MosaicError } from '../../../../contract/index.js';
import { levelRows, type LevelAttributes } from '../../../../contract/levels.js';
import { solidTiles } from './level-grid.js';

const vocabularyFileSchema = z.object({
  format: z.literal('mosaic-level-columns-v1'),
  rows: z.literal(levelRows),
  conditioning: z.object({
    pipes: z.object({
      none: z.number().int(),
      little: z.number().int(),
      some: z.number().int(),
      many: z.number().int(),
    }),
    enemies: z.object({
      none: z.number().int(),
      little: z.number().int(),
      some: z.number().int(),
      many: z.number().int(),
    }),
    blocks: z.object({ little: z.number().int(), some: z.number().int(), many: z.number().int() }),
    elevation: z.object({ low: z.number().int(), high: z.number().int() }),
  }),
  markers: z.object({ start: z.number().int(), continue: z.number().int() }),
  promptLength: z.number().int().positive(),
  firstColumnToken: z.number().int().nonnegative(),
  /** Sampling and repair settings the model was evaluated with. */
  defaults: z
    .object({
      temperature: z.number().min(0).max(5),
      topK: z.number().int().min(0),
      topP: z.number().gt(0).max(1),
      repairBudget: z.number().int().min(0).max(64),
    })
    .default({ temperature: 1, topK: 0, topP: 1, repairBudget: 4 }),
  columns: z
    .array(
      z
        .string()
        .length(levelRows)
        .regex(/^[-XS?QE<>[\]oBb]+$/),
    )
    .min(1),
});
export type LevelVocabularyFile = z.infer<typeof vocabularyFileSchema>;

/** What one column token holds, precomputed for the constraint and the attribute counts. */
export interface ColumnFeatures {
  /** Rows of left pipe halves: caps `<` in bits 0–13, bodies `[` in bits 14–27. */
  pipeLeft: number;
  /** Rows of right pipe halves: caps `>` in bits 0–13, bodies `]` in bits 14–27. */
  pipeRight: number;
  /** Pipes that start in this column (one `<` cap each). */
  pipes: number;
  /** Enemies and cannon tops. */
  enemies: number;
  /** X, S, ? and Q tiles. */
  blocks: number;
  /** True when X or a pipe top lies in the top 6 rows. */
  elevated: boolean;
  /** Bit y set when the player can stand in row y (free cell on a solid one). */
  standRows: number;
}

export function columnFeatures(column: string): ColumnFeatures {
  let pipeLeft = 0;
  let pipeRight = 0;
  let pipes = 0;
  let enemies = 0;
  let blocks = 0;
  let elevated = false;
  let standRows = 0;
  for (let y = 0; y < levelRows; y += 1) {
    const tile = column[y]!;
    if (tile === '<') {
      pipeLeft |= 1 << y;
      pipes += 1;
    } else if (tile === '[') pipeLeft |= 1 << (y + levelRows);
    else if (tile === '>') pipeRight |= 1 << y;
    else if (tile === ']') pipeRight |= 1 << (y + levelRows);
    if (tile === 'E' || tile === 'B') enemies += 1;
    if (tile === 'X' || tile === 'S' || tile === '?' || tile === 'Q') blocks += 1;
    if (y < 6 && (tile === 'X' || tile === '<' || tile === '>')) elevated = true;
    if (y + 1 < levelRows && !solidTiles.has(tile) && solidTiles.has(column[y + 1]!)) standRows |= 1 << y;
  }
  return { pipeLeft, pipeRight, pipes, enemies, blocks, elevated, standRows };
}

export class LevelVocabulary {
  readonly columns: readonly string[];
  readonly features: readonly ColumnFeatures[];
  readonly firstColumnToken: number;
  readonly promptLength: number;
  readonly defaults: LevelVocabularyFile['defaults'];
  /** Columns by the right pipe halves they hold: the columns that may follow a given set of left halves. */
  readonly byPipeRight: ReadonlyMap<number, readonly ColumnFeatures[]>;
  private readonly tokenOf: ReadonlyMap<string, number>;

  constructor(private readonly file: LevelVocabularyFile) {
    this.columns = file.columns;
    this.firstColumnToken = file.firstColumnToken;
    this.promptLength = file.promptLength;
    this.defaults = file.defaults;
    this.features = file.columns.map(columnFeatures);
    const byPipeRight = new Map<number, ColumnFeatures[]>();
    for (const feature of this.features) {
      byPipeRight.set(feature.pipeRight, [...(byPipeRight.get(feature.pipeRight) ?? []), feature]);
    }
    this.byPipeRight = byPipeRight;
    this.tokenOf = new Map(file.columns.map((column, index) => [column, file.firstColumnToken + index]));
  }

  static fromFile(path: string): LevelVocabulary {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new MosaicError(
        'MODEL_LOAD_FAILED',
        `Cannot read the level vocabulary ${path}: ${(error as Error).message}`,
      );
    }
    const result = vocabularyFileSchema.safeParse(parsed);
    if (!result.success) throw new MosaicError('MODEL_LOAD_FAILED', `${path} is not a level vocabulary file.`);
    return new LevelVocabulary(result.data);
  }

  /** Vocabulary size the graph must have at least: conditioning tokens plus columns. */
  get size(): number {
    return this.firstColumnToken + this.columns.length;
  }

  /** The conditioning prompt: one token per attribute, then the start (level begins here) or continue marker. */
  promptTokens(attributes: LevelAttributes, start: boolean): number[] {
    const { conditioning, markers } = this.file;
    return [
      conditioning.pipes[attributes.pipes],
      conditioning.enemies[attributes.enemies],
      conditioning.blocks[attributes.blocks],
      conditioning.elevation[attributes.elevation],
      start ? markers.start : markers.continue,
    ];
  }

  isColumnToken(token: number): boolean {
    return token >= this.firstColumnToken && token < this.size;
  }

  column(token: number): string {
    const column = this.columns[token - this.firstColumnToken];
    if (column === undefined) throw new MosaicError('INFERENCE_FAILED', `Token ${token} is not a column.`);
    return column;
  }

  featuresOf(token: number): ColumnFeatures {
    return this.features[token - this.firstColumnToken]!;
  }

  /** The token of a column; a column the vocabulary lacks maps to the nearest one (fewest differing tiles). */
  tokenFor(column: string): number {
    const exact = this.tokenOf.get(column);
    if (exact !== undefined) return exact;
    let best = 0;
    let bestDistance = Infinity;
    this.columns.forEach((known, index) => {
      let distance = 0;
      for (let y = 0; y < levelRows && distance < bestDistance; y += 1) if (known[y] !== column[y]) distance += 1;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    return this.firstColumnToken + best;
  }
}
