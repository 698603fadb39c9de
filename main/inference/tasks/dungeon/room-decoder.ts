// Draws room interiors with the room model, all rooms of a dungeon in one batch: the generic KV decoder shares one
// prompt token (`<room>`) across rows, and each row's own condition prefix is forced through its constraint (one
// allowed token per step), then the 84 tiles are sampled from the tile tokens only.
import { MosaicError } from '../../../../contract/index.js';
import { dungeonInterior } from '../../../../contract/dungeons.js';
import type { SamplingOptions } from '../../decoding/sampler.js';
import type { TokenConstraint } from '../../decoding/token-constraint.js';
import type { TaskContext } from '../task-pipeline.js';
import type { RoomCondition } from './dungeon-builder.js';
import type { RoomVocabulary } from './room-vocabulary.js';

const tileCount = dungeonInterior.width * dungeonInterior.height;

/** One row: the forced rest of its prefix, then exactly 84 tile tokens. */
class RoomConstraint implements TokenConstraint {
  private step = 0;

  constructor(
    private readonly forced: readonly number[],
    private readonly tiles: readonly number[],
  ) {}

  writeAllowed(mask: Uint8Array): boolean {
    mask.fill(0);
    if (this.step < this.forced.length) mask[this.forced[this.step]!] = 1;
    else for (const token of this.tiles) mask[token] = 1;
    return true;
  }

  accept(): void {
    this.step += 1;
  }

  isComplete(): boolean {
    return this.step >= this.forced.length + tileCount;
  }
}

export class RoomDecoder {
  constructor(
    private readonly context: TaskContext,
    private readonly vocabulary: RoomVocabulary,
    private readonly sampling: SamplingOptions,
  ) {}

  /** Interiors (7 rows of 12 tiles) for each condition; row r samples from the stream (seed, r). */
  async draw(
    conditions: readonly RoomCondition[],
    seed: number,
    onProgress?: (fraction: number) => void,
  ): Promise<string[][]> {
    if (conditions.length === 0) return [];
    const prompts = conditions.map((condition) => this.vocabulary.promptTokens(condition));
    const forcedLength = prompts[0]!.length - 1;
    const result = await this.context.generate({
      prompt: prompts[0]!.slice(0, 1),
      batch: conditions.length,
      maxNewTokens: forcedLength + tileCount,
      sampling: this.sampling,
      seed,
      constraint: (row) => new RoomConstraint(prompts[row]!.slice(1), this.vocabulary.tileTokenIds),
      progressEvery: 16,
      onProgress: (_, step) => onProgress?.(Math.min(1, step / (forcedLength + tileCount))),
    });
    if (result.finish.includes('cancelled')) throw new MosaicError('CANCELLED', 'Dungeon generation was cancelled.');
    return result.rows.map((tokens) => {
      const tiles = tokens.slice(forcedLength).map((token) => this.vocabulary.tileOf(token) ?? '');
      if (tiles.length !== tileCount || tiles.includes('')) {
        throw new MosaicError('INTERNAL', 'The room model stopped before drawing a whole room.');
      }
      return Array.from({ length: dungeonInterior.height }, (_, y) =>
        tiles.slice(y * dungeonInterior.width, (y + 1) * dungeonInterior.width).join(''),
      );
    });
  }
}
