// MarioGPT-style prompt attributes: reading text prompts, measuring a grid, and the tile counts a width allows.
import { enemyAmounts, pipeAmounts, type LevelAttributes } from '../../../../contract/levels.js';
import { parseLevelPrompt } from '../../../../common/level-prompt.js';
import { columnFeatures, type ColumnFeatures } from './level-vocabulary.js';

/** The attributes a prompt that names nothing gets: the most common combination of the corpus' 50-column windows. */
export const defaultAttributes: LevelAttributes = {
  pipes: 'little',
  enemies: 'some',
  blocks: 'little',
  elevation: 'low',
};

/** MarioGPT's thresholds per 50 columns, applied as np.digitize(right=True): a bucket is how many thresholds lie below. */
const thresholds = { pipes: [0, 2, 5], enemies: [1, 3, 7], blocks: [50, 75, 176] } as const;
const bucketWords = {
  pipes: pipeAmounts,
  enemies: enemyAmounts,
  blocks: ['little', 'little', 'some', 'many'],
} as const;
const windowColumns = 50;

/**
 * Reads "many pipes, some enemies, little blocks, low elevation" into the attributes it names: the contract's reader,
 * the one the Studio's prompt field uses, so the CLI's --prompt, levels.generate and the Studio read text alike.
 */
export const parsePrompt = parseLevelPrompt;

/** The attributes asked for: the fallback (the defaults), then the words of the prompt, then any structured attribute. */
export function resolveAttributes(
  prompt?: string,
  attributes?: Partial<LevelAttributes>,
  fallback: LevelAttributes = defaultAttributes,
): LevelAttributes {
  return { ...fallback, ...(prompt ? parsePrompt(prompt) : {}), ...(attributes ?? {}) };
}

export function promptText(attributes: LevelAttributes): string {
  const { pipes, enemies, blocks, elevation } = attributes;
  return `${pipes} pipes, ${enemies} enemies, ${blocks} blocks, ${elevation} elevation`;
}

export interface AttributeCounts {
  pipes: number;
  enemies: number;
  blocks: number;
  elevated: number;
}

export function countFeatures(features: readonly ColumnFeatures[]): AttributeCounts {
  const counts = { pipes: 0, enemies: 0, blocks: 0, elevated: 0 };
  for (const feature of features) {
    counts.pipes += feature.pipes;
    counts.enemies += feature.enemies;
    counts.blocks += feature.blocks;
    counts.elevated += feature.elevated ? 1 : 0;
  }
  return counts;
}

function bucket(value: number, limits: readonly number[]): number {
  return limits.filter((limit) => limit < value).length;
}

/** The attributes a grid (as columns) has: counts scaled to 50 columns and bucketed as MarioGPT does. */
export function measureAttributes(columns: readonly string[]): LevelAttributes {
  return bucketCounts(countFeatures(columns.map(columnFeatures)), columns.length);
}

/** MarioGPT's buckets of raw counts over `width` columns (scaled to 50). */
function bucketCounts(counts: AttributeCounts, width: number): LevelAttributes {
  const scale = windowColumns / Math.max(1, width);
  return {
    pipes: bucketWords.pipes[bucket(counts.pipes * scale, thresholds.pipes)]!,
    enemies: bucketWords.enemies[bucket(counts.enemies * scale, thresholds.enemies)]!,
    blocks: bucketWords.blocks[bucket(counts.blocks * scale, thresholds.blocks)]!,
    elevation: counts.elevated > 0 ? 'high' : 'low',
  };
}

/** Columns of one MarioGPT prompt window. */
export const promptWindowColumns = windowColumns;

/** A window of a level: columns [from, to). */
export interface ColumnRange {
  from: number;
  to: number;
}

/**
 * The 50-column windows a level of `width` columns is cut into, side by side from column 0; the last one is shorter
 * when the width is not a multiple of 50 (MarioGPT measures only the whole ones; the decoder steers the last one too,
 * with its bucket edges scaled to its width).
 */
export function windowRanges(width: number): ColumnRange[] {
  const ranges: ColumnRange[] = [];
  for (let from = 0; from < width; from += windowColumns)
    ranges.push({ from, to: Math.min(width, from + windowColumns) });
  return ranges;
}

/**
 * MarioGPT's raw counts over columns [from, to) of a level: pipes are `<>` pairs on a row inside the window (a pipe cut
 * by the window's edge counts in neither window), enemies E and cannon tops B, blocks X S ? Q, elevated columns those
 * with X, `<` or `>` in the top 6 rows. The same column features the decoder's per-window controller adds up.
 */
export function countWindow(features: readonly ColumnFeatures[], from: number, to: number): AttributeCounts {
  const counts = countFeatures(features.slice(from, to));
  counts.pipes = 0;
  for (let x = from; x + 1 < to; x += 1) {
    counts.pipes += bitCount(features[x]!.pipeLeft & features[x + 1]!.pipeRight & capRows);
  }
  return counts;
}

/** Bits 0–13 of pipeLeft/pipeRight: the rows of pipe caps. */
const capRows = (1 << 14) - 1;

function bitCount(value: number): number {
  let count = 0;
  for (let bits = value; bits !== 0; bits &= bits - 1) count += 1;
  return count;
}

/**
 * The attributes of each 50-column window, counted as MarioGPT counts a prompt (whole windows from column 0, side by
 * side; a level narrower than 50 columns is one window scaled to 50): what a per-window adherence figure compares.
 */
export function measureWindows(columns: readonly string[]): LevelAttributes[] {
  const features = columns.map(columnFeatures);
  if (columns.length < windowColumns) return [bucketCounts(countWindow(features, 0, columns.length), columns.length)];
  return windowRanges(columns.length)
    .filter((range) => range.to - range.from === windowColumns)
    .map((range) => bucketCounts(countWindow(features, range.from, range.to), windowColumns));
}

/** How many of the four requested attributes a measured level meets. */
export function adherence(requested: LevelAttributes, measured: LevelAttributes): number {
  return (['pipes', 'enemies', 'blocks', 'elevation'] as const).filter((name) => requested[name] === measured[name])
    .length;
}

/** Inclusive [min, max] count of an attribute that lands in the requested bucket over `width` columns. */
export interface CountRange {
  min: number;
  max: number;
}

export interface AttributeTargets {
  pipes: CountRange;
  enemies: CountRange;
  blocks: CountRange;
  /** Columns with an elevated tile: low needs none, high at least one. */
  elevated: CountRange;
}

/** The counts each requested attribute allows in a level of `width` columns (bucket edges scaled from 50 columns). */
export function attributeTargets(attributes: LevelAttributes, width: number): AttributeTargets {
  const scale = width / windowColumns;
  const range = (limits: readonly number[], first: number, last: number): CountRange => ({
    // Bucket b holds values in (limits[b-1], limits[b]]: counts are integers, so the lower edge is exclusive.
    min: first === 0 ? 0 : Math.floor(limits[first - 1]! * scale) + 1,
    max: last >= limits.length ? Infinity : Math.floor(limits[last]! * scale),
  });
  const index = (words: readonly string[], word: string) => words.indexOf(word);
  const blocks = attributes.blocks === 'little' ? [0, 1] : attributes.blocks === 'some' ? [2, 2] : [3, 3];
  return {
    pipes: range(thresholds.pipes, index(pipeAmounts, attributes.pipes), index(pipeAmounts, attributes.pipes)),
    enemies: range(
      thresholds.enemies,
      index(enemyAmounts, attributes.enemies),
      index(enemyAmounts, attributes.enemies),
    ),
    blocks: range(thresholds.blocks, blocks[0]!, blocks[1]!),
    elevated: attributes.elevation === 'low' ? { min: 0, max: 0 } : { min: 1, max: Infinity },
  };
}

/** How the decoder steers a prompt's counts. */
export type AdherenceControl =
  /** Every 50-column window on its own lands in the prompt's buckets; "no pipes"/"no enemies" are hard masks. */
  | 'per-window'
  /** The level's total counts (scaled from 50 columns) land in the buckets: the decoding of level-platformer 1.0.0. */
  | 'level-wide';

/** What one window of a level must count, and what its columns outside the decoded span already count. */
export interface WindowBudget extends ColumnRange {
  targets: AttributeTargets;
  counted: AttributeCounts;
}

/** The budgets the decoder's constraint keeps while it draws columns [span.from, span.to) of a level. */
export interface AdherencePlan {
  windows: WindowBudget[];
  /** Hard masks, never relaxed: "no pipes" opens no pipe, "no enemies" places no enemy or cannon. */
  forbidPipes: boolean;
  forbidEnemies: boolean;
  /** Pipes may not cross a window's right edge (they would count in neither window). */
  pipesInsideWindows: boolean;
  /** Soft texture steering (logit offsets in nats), or null for none. */
  texture: TextureSteering | null;
}

/**
 * Nudges toward the Super Mario Bros corpus' texture: a column already drawn in the level loses `repeatPenalty` nats
 * (more different columns); while a window has fewer than `gapsPerWindow` gaps a column that opens one (no solid
 * bottom tile after a column with one) gains `gapBoost` nats; once a window holds its budget of bricks or ?-blocks,
 * every further such tile in a column costs `overBudgetPenalty` nats. Masks always win: a count the prompt needs is
 * still forced.
 */
export interface TextureSteering {
  repeatPenalty: number;
  gapBoost: number;
  gapsPerWindow: number;
  /** Once a window holds this many bricks `S` (or ?-blocks `?`/`Q`), each more in a column costs `overBudgetPenalty`. */
  bricksPerWindow: number;
  questionBlocksPerWindow: number;
  overBudgetPenalty: number;
}

/**
 * The steering the per-window controller uses, chosen by measurement over 96 corpus-prompted levels (evaluate-levels.ts,
 * texture at matching prompts; SMB corpus per 100 columns: 22.0 distinct columns, 3.4 gaps, 32.9 bricks, 4.2 ?-blocks).
 * Without it: 13.9 distinct columns, 2.4 gaps. Repeat penalty 1 and gap boost 1 overshoot (27.0, 4.9); 0.75 and 0.5
 * give 23.8 and 4.2 but 46.6 bricks and 5.4 ?-blocks; adding budgets of 32 bricks and 2 ?-blocks per window, 0.5 nats
 * per tile beyond them: 24.8 bricks, 5.1 ?-blocks, 23.5 distinct columns, 4.0 gaps, 2×2 pattern KL 0.053 (0.094 without
 * any steering).
 */
export const textureSteering: TextureSteering = {
  repeatPenalty: 0.75,
  gapBoost: 0.5,
  gapsPerWindow: 2,
  bricksPerWindow: 32,
  questionBlocksPerWindow: 2,
  overBudgetPenalty: 0.5,
};

/**
 * The plan for decoding columns [span.from, span.to) of a level `width` columns wide whose other columns are
 * `columns` (ignored inside the span). Per window: each window's bucket edges (scaled to its width) and the counts of
 * its columns outside the span; level-wide: one window over the whole level, as the 1.0.0 decoder did.
 */
export function adherencePlan(
  attributes: LevelAttributes,
  width: number,
  columns: readonly string[],
  span: ColumnRange,
  control: AdherenceControl = 'per-window',
): AdherencePlan {
  const features = columns.map(columnFeatures);
  const outside = (range: ColumnRange): AttributeCounts => {
    const kept = [
      ...features.slice(range.from, Math.min(range.to, span.from)),
      ...features.slice(Math.max(range.from, span.to), range.to),
    ];
    return countFeatures(kept);
  };
  const ranges = control === 'per-window' ? windowRanges(width) : [{ from: 0, to: width }];
  return {
    windows: ranges.map((range) => ({
      ...range,
      targets: attributeTargets(attributes, range.to - range.from),
      counted: outside(range),
    })),
    forbidPipes: control === 'per-window' && attributes.pipes === 'none',
    forbidEnemies: control === 'per-window' && attributes.enemies === 'none',
    pipesInsideWindows: control === 'per-window',
    texture: control === 'per-window' ? textureSteering : null,
  };
}
