// Makes a level playable within a budget: the model redraws the region the agent is stuck in, then floors or originals.
import type { LevelRepair } from '../../../../contract/levels.js';
import { rowCount } from './level-grid.js';
import { tidyLevel } from './level-tidy.js';
import type { PlayabilityAgent, PlayabilityReport } from './playability-agent.js';

/** Columns the repairs may change, [from, to); everything else stays byte-identical. */
export interface EditableSpan {
  from: number;
  to: number;
}

/** Candidate redraws of columns [from, to) of `columns` (each candidate is to - from columns long). */
export type RegionRedraw = (
  columns: readonly string[],
  from: number,
  to: number,
  attempt: number,
) => Promise<string[][]>;

export interface RepairOutcome {
  columns: string[];
  report: PlayabilityReport;
  repairs: LevelRepair[];
  repairedColumns: number;
  /** Milliseconds spent in the playability agent. */
  checkMs: number;
}

export interface RepairOptions {
  span: EditableSpan;
  /** Model redraws allowed; 0 only checks. Floors and restores follow the redraws and are bounded by the span width. */
  budget: number;
  /** Region regenerate: the level before the edit, whose columns can be put back at the span's right end. */
  original?: readonly string[];
}

const leftHalf = /[<[]/g;
const rightHalf = /[>\]]/g;

export class LevelRepairer {
  private checkMs = 0;

  constructor(
    private readonly agent: PlayabilityAgent,
    private readonly redraw: RegionRedraw | null,
  ) {}

  async repair(start: readonly string[], options: RepairOptions): Promise<RepairOutcome> {
    this.checkMs = 0;
    const { span, budget } = options;
    // The spawn area is cleared and sunk pipe stubs raised first, and again after every repair.
    let columns = tidyLevel(start, span);
    let report = this.check(columns);
    const repairs: LevelRepair[] = [];
    const changed = new Set<number>();
    let redraws = 0;
    for (let round = 0; !report.playable && budget > 0 && round < budget + 2 * (span.to - span.from); round += 1) {
      const stuck = report.furthestColumn;
      let next: { columns: string[]; repair: LevelRepair } | null = null;
      if (redraws < budget && this.redraw) {
        const from = Math.max(span.from, Math.min(stuck - 1, span.to - 10));
        const to = Math.min(span.to, Math.max(from + 10, stuck + 9));
        const candidates = await this.redraw(columns, from, to, redraws);
        redraws += 1;
        const best = this.best(columns, from, candidates, span);
        if (best && (best.report.playable || best.report.furthestColumn > stuck)) {
          next = { columns: best.columns, repair: { kind: 'regenerate', from, to, stuckAt: stuck } };
        }
      } else {
        next = this.floor(columns, report, span) ?? this.restore(columns, span, stuck, options.original);
        if (!next) break;
      }
      if (!next) continue;
      columns = tidyLevel(next.columns, span);
      report = this.check(columns);
      for (let x = next.repair.from; x < next.repair.to; x += 1) changed.add(x);
      const last = repairs.at(-1);
      if (last && last.kind === next.repair.kind && next.repair.kind === 'bridge' && last.to === next.repair.from) {
        last.to = next.repair.to;
      } else {
        repairs.push(next.repair);
      }
    }
    return { columns, report, repairs, repairedColumns: changed.size, checkMs: this.checkMs };
  }

  private check(columns: readonly string[]): PlayabilityReport {
    const started = performance.now();
    const report = this.agent.check(columns);
    this.checkMs += performance.now() - started;
    return report;
  }

  /** The candidate that gets the player furthest (playable first). */
  private best(columns: readonly string[], from: number, candidates: string[][], span: EditableSpan) {
    let best: { columns: string[]; report: PlayabilityReport } | null = null;
    for (const candidate of candidates) {
      const spliced = tidyLevel(
        [...columns.slice(0, from), ...candidate, ...columns.slice(from + candidate.length)],
        span,
      );
      const report = this.check(spliced);
      const score = report.playable ? Infinity : report.furthestColumn;
      const bestScore = best ? (best.report.playable ? Infinity : best.report.furthestColumn) : -Infinity;
      if (score > bestScore) best = { columns: spliced, report };
      if (report.playable) break;
    }
    return best;
  }

  /**
   * Lays floor: the column after the furthest standing cell becomes ground up to that cell's height with air above, so
   * the player can always walk on. Pipes that touch the column are removed whole; a pipe reaching outside the span
   * forbids the floor there.
   */
  private floor(columns: readonly string[], report: PlayabilityReport, span: EditableSpan) {
    const x = Math.max(span.from, report.furthestColumn + 1);
    if (x >= span.to || x < 0) return null;
    const height = report.furthest ? report.furthest[1] : rowCount - 2;
    const next = [...columns];
    const touches = (a: number) => a >= 0 && a + 1 < next.length && (next[a]!.match(leftHalf)?.length ?? 0) > 0;
    for (const pipeColumn of [x - 1, x]) {
      if (!touches(pipeColumn)) continue;
      if (pipeColumn < span.from || pipeColumn + 1 >= span.to) return null;
      next[pipeColumn] = next[pipeColumn]!.replace(leftHalf, '-');
      next[pipeColumn + 1] = next[pipeColumn + 1]!.replace(rightHalf, '-');
    }
    next[x] = Array.from({ length: rowCount }, (_, y) => (y <= height ? '-' : 'X')).join('');
    return { columns: next, repair: { kind: 'bridge' as const, from: x, to: x + 1, stuckAt: report.furthestColumn } };
  }

  /** Puts back the original's last k columns of the span (the fewest that make the level playable). */
  private restore(columns: readonly string[], span: EditableSpan, stuck: number, original?: readonly string[]) {
    if (!original) return null;
    for (let k = 1; k <= span.to - span.from; k += 1) {
      const cut = span.to - k;
      if (pipeSignature(columns[cut - 1] ?? '', leftHalf) !== pipeSignature(original[cut]!, rightHalf)) continue;
      const next = [...columns.slice(0, cut), ...original.slice(cut, span.to), ...columns.slice(span.to)];
      if (k === span.to - span.from || this.check(next).playable) {
        return { columns: next, repair: { kind: 'restore' as const, from: cut, to: span.to, stuckAt: stuck } };
      }
    }
    return null;
  }
}

/** Rows and kinds (cap or body) of one side's pipe halves in a column, as a string. */
function pipeSignature(column: string, side: RegExp): string {
  return column
    .replace(side === leftHalf ? /[^<[]/g : /[^>\]]/g, '.')
    .replace(/[>]/g, '<')
    .replace(/]/g, '[');
}
