// The level's token constraint: whole pipes across columns, a start and an end, seams, and the prompt's tile budgets.
import type { TokenConstraint } from '../../decoding/token-constraint.js';
import type { AdherencePlan, AttributeCounts, AttributeTargets, WindowBudget } from './level-attributes.js';
import { columnFeatures, type ColumnFeatures, type LevelVocabulary } from './level-vocabulary.js';
import { solidTiles } from './level-grid.js';
import { spawnColumns } from './playability-agent.js';

export interface LevelConstraintOptions {
  vocabulary: LevelVocabulary;
  /** Columns this row generates. */
  length: number;
  /** The column left of the first generated one; null when generation starts the level. */
  leftColumn: string | null;
  /** The column right of the last generated one (region regenerate); null when the last column ends the level. */
  rightColumn: string | null;
  /** The level column the first generated column is (0 when generation starts the level). */
  spanStart?: number;
  /** What each prompt window should count, and what its columns kept outside the generated span already count. */
  plan?: AdherencePlan;
}

/** Rule layers, strongest first: the decoder falls back to fewer layers only when the stronger ones leave nothing. */
const enum Layer {
  Structure = 0,
  Ends = 1,
  Budgets = 2,
  Pacing = 3,
}

// Columns per forced item when a budget falls behind: a pipe every 6 columns, an enemy every 3; an elevated column is
// forced from 25 columns before the end, so "high elevation" is not met by a lone block in the last column.
const pacing = { pipes: 6, enemies: 3, elevated: 25 } as const;

/**
 * A per-row state machine. Structure: every right pipe half continues the left half just before it (caps with caps,
 * bodies with bodies, same rows), so pipes are always two columns wide and closed; vocabulary columns are whole
 * vertically. Ends: the first 3 columns of a level have ground to spawn on and no enemy, cannon or pipe, the last has
 * ground for the goal and no half pipe, and a regenerated span meets the column after it. Budgets and pacing keep the
 * prompt's counts in range.
 */
export class LevelConstraint implements TokenConstraint {
  private readonly features: readonly ColumnFeatures[];
  private readonly first: number;
  private readonly rightFeatures: ColumnFeatures | null;
  private previous: ColumnFeatures | null;
  private position = 0;
  private readonly spanStart: number;
  private readonly spanEnd: number;
  /** Per window of the plan: its counts so far (kept columns outside the span plus the columns accepted). */
  private readonly counts: AttributeCounts[];
  /** The window the current column lies in (recomputed as the position moves). */
  private window: WindowBudget | null = null;
  private windowCounts: AttributeCounts | null = null;
  private readonly closable = new Map<number, boolean>();
  private readonly hardClosable = new Map<number, boolean>();
  /** Column tokens drawn so far (for the repeat penalty), and gaps opened per window (for the gap boost). */
  private readonly drawn = new Set<number>();
  private readonly gaps: number[];
  /** Per column index: whether its bottom tile is solid, and its bricks and ?-blocks. */
  private readonly solidBottom: Uint8Array;
  private readonly bricks: Uint8Array;
  private readonly questionBlocks: Uint8Array;
  /** Per window: bricks and ?-blocks drawn so far. */
  private readonly windowBricks: number[];
  private readonly windowQuestionBlocks: number[];
  private previousSolidBottom: boolean;
  /** Per step: whether some closing column of a set of left halves still fits the caps. */
  private readonly closingFits = new Map<number, boolean>();
  /** Per step: the strongest layer each column satisfies (-1: not even the structure). */
  private readonly layers: Int8Array;

  constructor(private readonly options: LevelConstraintOptions) {
    this.features = options.vocabulary.features;
    this.first = options.vocabulary.firstColumnToken;
    this.previous = options.leftColumn === null ? null : columnFeatures(options.leftColumn);
    this.rightFeatures = options.rightColumn === null ? null : columnFeatures(options.rightColumn);
    this.spanStart = options.spanStart ?? 0;
    this.spanEnd = this.spanStart + options.length;
    this.counts = (options.plan?.windows ?? []).map((window) => ({ ...window.counted }));
    this.gaps = (options.plan?.windows ?? []).map(() => 0);
    this.windowBricks = (options.plan?.windows ?? []).map(() => 0);
    this.windowQuestionBlocks = (options.plan?.windows ?? []).map(() => 0);
    const tally = (tiles: RegExp) =>
      Uint8Array.from(options.vocabulary.columns, (column) => column.match(tiles)?.length ?? 0);
    this.bricks = tally(/S/g);
    this.questionBlocks = tally(/[?Q]/g);
    this.solidBottom = Uint8Array.from(options.vocabulary.columns, (column) =>
      solidTiles.has(column.at(-1)!) ? 1 : 0,
    );
    this.previousSolidBottom = options.leftColumn === null || solidTiles.has(options.leftColumn.at(-1)!);
    this.layers = new Int8Array(this.features.length);
    this.locateWindow();
  }

  /** Points `window` at the plan's window that holds the current column. */
  private locateWindow(): void {
    const column = this.spanStart + this.position;
    const windows = this.options.plan?.windows ?? [];
    const index = windows.findIndex((window) => column >= window.from && column < window.to);
    this.window = windows[index] ?? null;
    this.windowIndex = index;
    this.windowCounts = this.counts[index] ?? null;
  }

  private windowIndex = -1;

  /** Soft texture steering: a repeat penalty on columns already drawn, a boost for opening a gap while few are open. */
  adjustLogits(logits: Float32Array): void {
    const texture = this.options.plan?.texture;
    if (!texture) return;
    for (const token of this.drawn) logits[token]! -= texture.repeatPenalty;
    const window = this.windowIndex;
    const overBricks = (this.windowBricks[window] ?? 0) >= texture.bricksPerWindow;
    const overQuestions = (this.windowQuestionBlocks[window] ?? 0) >= texture.questionBlocksPerWindow;
    if (overBricks || overQuestions) {
      for (let index = 0; index < this.bricks.length; index += 1) {
        const over = (overBricks ? this.bricks[index]! : 0) + (overQuestions ? this.questionBlocks[index]! : 0);
        if (over > 0) logits[this.first + index]! -= texture.overBudgetPenalty * over;
      }
    }
    if (!this.previousSolidBottom || (this.gaps[this.windowIndex] ?? Infinity) >= texture.gapsPerWindow) return;
    for (let index = 0; index < this.solidBottom.length; index += 1) {
      if (this.solidBottom[index] === 0) logits[this.first + index]! += texture.gapBoost;
    }
  }

  /** One pass rates every column; the mask keeps the columns of the strongest layer any column reaches. */
  writeAllowed(mask: Uint8Array): boolean {
    mask.fill(0);
    this.closingFits.clear();
    let strongest = -1;
    for (let index = 0; index < this.features.length; index += 1) {
      const layer = this.strongestLayer(this.features[index]!);
      this.layers[index] = layer;
      if (layer > strongest) strongest = layer;
    }
    // With nothing fitting even the structure, the mask stays empty and the row ends with no-allowed-token.
    if (strongest < 0) return true;
    for (let index = 0; index < this.features.length; index += 1) {
      if (this.layers[index]! >= strongest) mask[this.first + index] = 1;
    }
    return true;
  }

  accept(token: number): void {
    const feature = this.features[token - this.first];
    if (!feature) return;
    const counts = this.windowCounts;
    if (counts) {
      counts.pipes += feature.pipes;
      counts.enemies += feature.enemies;
      counts.blocks += feature.blocks;
      counts.elevated += feature.elevated ? 1 : 0;
    }
    this.drawn.add(token);
    const solidBottom = this.solidBottom[token - this.first] === 1;
    if (this.windowIndex >= 0) {
      if (!solidBottom && this.previousSolidBottom) this.gaps[this.windowIndex]! += 1;
      this.windowBricks[this.windowIndex]! += this.bricks[token - this.first]!;
      this.windowQuestionBlocks[this.windowIndex]! += this.questionBlocks[token - this.first]!;
    }
    this.previousSolidBottom = solidBottom;
    this.previous = feature;
    this.position += 1;
    this.locateWindow();
  }

  isComplete(): boolean {
    return this.position >= this.options.length;
  }

  /** The strongest rule layer a column satisfies, checking the layers in order; -1 when it breaks the structure. */
  private strongestLayer(feature: ColumnFeatures): number {
    if (feature.pipeRight !== (this.previous?.pipeLeft ?? 0)) return -1;
    const last = this.position === this.options.length - 1;
    const beforeLast = this.position === this.options.length - 2;
    if (last && this.rightFeatures && feature.pipeLeft !== this.rightFeatures.pipeRight) return -1;
    if (beforeLast && this.rightFeatures && !this.canClose(feature.pipeLeft)) return -1;
    const plan = this.options.plan;
    // "No pipes" and "no enemies" are hard: such columns are never allowed, whatever else has to give (except the one
    // column a regenerated span must end on to meet a pipe on its right).
    if (plan?.forbidEnemies && feature.enemies > 0) return -1;
    if (plan?.forbidPipes && feature.pipes > 0 && !(last && this.rightFeatures)) return -1;
    // A column that opens a pipe needs a closing column the hard rules allow.
    if (
      plan &&
      feature.pipeLeft !== 0 &&
      !(last && this.rightFeatures) &&
      !this.canCloseUnderHardRules(feature.pipeLeft)
    ) {
      return -1;
    }
    if (this.position === 0 && this.options.leftColumn === null && feature.standRows === 0) return Layer.Structure;
    // The spawn area of a level (its first 3 columns) has ground and no enemy, cannon or pipe.
    const spawnArea = this.options.leftColumn === null && this.position < spawnColumns;
    if (spawnArea && (feature.enemies > 0 || feature.pipeLeft !== 0 || feature.standRows === 0)) return Layer.Structure;
    if (last && !this.rightFeatures && (feature.pipeLeft !== 0 || feature.standRows === 0)) return Layer.Structure;
    if (beforeLast && !this.rightFeatures && !this.canClose(feature.pipeLeft)) return Layer.Structure;
    const window = this.window;
    const counts = this.windowCounts;
    if (!window || !counts) return Layer.Pacing;
    const targets = window.targets;
    const column = this.spanStart + this.position;
    // Columns of this window still to draw, this one included.
    const remaining = Math.min(window.to, this.spanEnd) - column;
    // Keep a block of ground for every column still to come, so the block budget is not spent before the end.
    if (!withinCaps(targets, counts, remaining - 1, feature)) return Layer.Ends;
    if (feature.pipeLeft !== 0) {
      // A pipe cut by the window's edge would count in neither window (MarioGPT counts `<>` inside a window).
      if (plan!.pipesInsideWindows && column + 1 === window.to && !(last && this.rightFeatures)) return Layer.Ends;
      // A column that opens a pipe needs a closing column that still fits the caps.
      if (!this.closingFitsCaps(feature, targets, counts, remaining - 2)) return Layer.Ends;
    }
    if (feature.pipes === 0 && behind(counts.pipes, targets.pipes.min, pacing.pipes, remaining)) return Layer.Budgets;
    if (feature.enemies === 0 && behind(counts.enemies, targets.enemies.min, pacing.enemies, remaining)) {
      return Layer.Budgets;
    }
    if (!feature.elevated && behind(counts.elevated, targets.elevated.min, pacing.elevated, remaining)) {
      return Layer.Budgets;
    }
    const blocksNeeded = targets.blocks.min - counts.blocks;
    if (blocksNeeded > remaining && feature.blocks < Math.ceil(blocksNeeded / remaining)) return Layer.Budgets;
    return Layer.Pacing;
  }

  private closingFitsCaps(
    feature: ColumnFeatures,
    targets: AttributeTargets,
    counts: AttributeCounts,
    reserve: number,
  ): boolean {
    // Cached per step by the column's own counts too: columns with equal left halves differ in what they add.
    const key = feature.pipeLeft * 4096 + feature.enemies * 512 + feature.blocks * 16 + feature.pipes * 2;
    let fits = this.closingFits.get(key);
    if (fits === undefined) {
      fits = false;
      for (const partner of this.options.vocabulary.byPipeRight.get(feature.pipeLeft) ?? []) {
        if (withinCaps(targets, counts, reserve, feature, partner)) {
          fits = true;
          break;
        }
      }
      this.closingFits.set(key, fits);
    }
    return fits;
  }

  /** Whether some column allowed by the hard "no pipes"/"no enemies" rules can follow left halves `pipeLeft`. */
  private canCloseUnderHardRules(pipeLeft: number): boolean {
    const plan = this.options.plan!;
    if (!plan.forbidEnemies && !plan.forbidPipes) return true;
    let known = this.hardClosable.get(pipeLeft);
    if (known === undefined) {
      known = (this.options.vocabulary.byPipeRight.get(pipeLeft) ?? []).some(
        (partner) => !(plan.forbidEnemies && partner.enemies > 0) && !(plan.forbidPipes && partner.pipes > 0),
      );
      this.hardClosable.set(pipeLeft, known);
    }
    return known;
  }

  /** Whether some column can follow left halves `pipeLeft` as the last one (end of level, or the seam on the right). */
  private canClose(pipeLeft: number): boolean {
    let known = this.closable.get(pipeLeft);
    if (known === undefined) {
      const right = this.rightFeatures;
      known = (this.options.vocabulary.byPipeRight.get(pipeLeft) ?? []).some((feature) =>
        right ? feature.pipeLeft === right.pipeRight : feature.pipeLeft === 0 && feature.standRows !== 0,
      );
      this.closable.set(pipeLeft, known);
    }
    return known;
  }
}

/**
 * Whether the counts so far plus these columns (and the blocks kept for the columns after them) stay within every cap.
 * Columns that add nothing to a count (for blocks: at most a ground tile) always pass it, so a budget the kept columns
 * already exceed stops further growth instead of disabling the budgets.
 */
function withinCaps(
  targets: AttributeTargets,
  counts: AttributeCounts,
  blocksReserved: number,
  feature: ColumnFeatures,
  partner?: ColumnFeatures,
): boolean {
  const pipes = feature.pipes + (partner?.pipes ?? 0);
  const enemies = feature.enemies + (partner?.enemies ?? 0);
  const blocks = feature.blocks + (partner?.blocks ?? 0);
  const elevated = (feature.elevated ? 1 : 0) + (partner?.elevated ? 1 : 0);
  return (
    fits(counts.pipes, pipes, targets.pipes.max, 0) &&
    fits(counts.enemies, enemies, targets.enemies.max, 0) &&
    fits(counts.blocks + Math.max(0, blocksReserved), blocks, targets.blocks.max, partner ? 2 : 1) &&
    fits(counts.elevated, elevated, targets.elevated.max, 0)
  );
}

function fits(have: number, added: number, max: number, free: number): boolean {
  return added <= free || have + added <= max;
}

/** True when a count is short of its minimum and the columns left are few enough to start forcing it. */
function behind(have: number, min: number, every: number, remaining: number): boolean {
  return min - have > 0 && remaining <= (min - have) * every;
}
