// Streams an arrangement while it decodes: each time the first variation finishes a cell, its song so far (the cells
// written, the given notes elsewhere) goes out with the task's progress, so a client draws the first bar well before
// the last.
import type { PartialSong, SongCell } from '../../../../../contract/arrange.js';
import type { TaskProgress } from '../../task-pipeline.js';
import type { ArrangePlan } from './arrange-plan.js';
import { assembleSong } from './arrange-song.js';
import type { ArrangeTokenizer } from './arrange-tokenizer.js';

/** The variation streamed: the first (every window decodes it before the others). */
const streamedRow = 0;
/**
 * Least time between two reports from within a decode: a song is rebuilt and sent at most this often (a screen needs
 * no more), which keeps streaming's cost to a few per cent of the decoding.
 */
const reportEveryMs = 50;

export class PartialSongReporter {
  private cellsSeen = 0;
  private doneCells = 0;
  private latest: PartialSong | undefined;
  private fraction: number | undefined;
  private message: string | undefined;
  private sentAt = -Infinity;

  constructor(
    private readonly plan: ArrangePlan,
    private readonly tokenizer: ArrangeTokenizer,
    /** Every row's cells, given and written (`track:bar`): the decoder adds each cell as it finishes. */
    private readonly rowCells: readonly ReadonlyMap<string, readonly number[]>[],
    /** Cells to write over all rows (the whole job). */
    private readonly totalCells: number,
    private readonly report: (progress: TaskProgress) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Reports how far the job is, with the song as last written. */
  progress(fraction: number, message: string): void {
    this.fraction = fraction;
    this.message = message;
    this.look();
    this.send();
  }

  /**
   * Cheap between decoding steps: when any row finished a cell since the last report (and the last report is
   * `reportEveryMs` old), reports the cells done and the streamed row's song, rebuilt only when that row gained a cell.
   */
  watch(): void {
    if (this.now() - this.sentAt < reportEveryMs) return;
    const done = this.rowCells.reduce((sum, cells) => sum + this.writtenIn(cells).length, 0);
    if (done === this.doneCells) return;
    this.doneCells = done;
    this.fraction = Math.min(1, done / Math.max(1, this.totalCells));
    this.message = `${done} of ${this.totalCells} cells`;
    this.look();
    this.send();
  }

  private writtenIn(cells: ReadonlyMap<string, readonly number[]>): string[] {
    return [...cells.keys()].filter((key) => this.plan.fill.has(key));
  }

  /** The song so far, when the streamed row has finished a new cell since the last call; false otherwise. */
  private look(): boolean {
    const row = this.rowCells[streamedRow]!;
    const written = this.writtenIn(row);
    if (written.length === this.cellsSeen) return false;
    this.cellsSeen = written.length;
    const decoded = new Map(written.map((key) => [key, row.get(key)!]));
    const song = assembleSong(this.plan, this.tokenizer, decoded);
    const filledCells = written.map((key): SongCell => {
      const [track, bar] = key.split(':');
      return { track: track as SongCell['track'], bar: Number(bar) };
    });
    this.latest = {
      variation: streamedRow,
      bars: this.plan.params.bars,
      writtenBars: new Set(filledCells.map((cell) => cell.bar)).size,
      tracks: song.tracks,
      filledCells,
    };
    return true;
  }

  private send(): void {
    this.sentAt = this.now();
    this.report({
      ...(this.fraction === undefined ? {} : { fraction: this.fraction }),
      ...(this.message === undefined ? {} : { message: this.message }),
      ...(this.latest ? { partial: this.latest } : {}),
    });
  }
}
