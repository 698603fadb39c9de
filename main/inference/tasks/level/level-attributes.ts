// MarioGPT-style prompt attributes: reading text prompts, measuring a grid, and the tile counts a width allows.
import {
  blockAmounts,
  elevations,
  enemyAmounts,
  pipeAmounts,
  type LevelAttributes,
} from '../../../../contract/levels.js';
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

const synonyms: Record<string, string> = {
  no: 'none',
  few: 'little',
  lots: 'many',
  lot: 'many',
  low: 'low',
  high: 'high',
};

/**
 * Reads "many pipes, some enemies, little blocks, low elevation" (any order, any subset, commas optional); words it does
 * not understand are ignored. Returns only the attributes the text names.
 */
export function parsePrompt(text: string): Partial<LevelAttributes> {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const found: Partial<LevelAttributes> = {};
  for (let i = 0; i + 1 < words.length; i += 1) {
    const amount = synonyms[words[i]!] ?? words[i]!;
    const noun = words[i + 1]!;
    if (/^pipes?$/.test(noun) && (pipeAmounts as readonly string[]).includes(amount)) {
      found.pipes = amount as LevelAttributes['pipes'];
    } else if (/^enem(y|ies)$/.test(noun) && (enemyAmounts as readonly string[]).includes(amount)) {
      found.enemies = amount as LevelAttributes['enemies'];
    } else if (/^blocks?$/.test(noun)) {
      const blocks = amount === 'none' ? 'little' : amount;
      if ((blockAmounts as readonly string[]).includes(blocks)) found.blocks = blocks as LevelAttributes['blocks'];
    } else if (noun === 'elevation' && (elevations as readonly string[]).includes(amount)) {
      found.elevation = amount as LevelAttributes['elevation'];
    }
  }
  return found;
}

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
  const counts = countFeatures(columns.map(columnFeatures));
  const scale = windowColumns / Math.max(1, columns.length);
  return {
    pipes: bucketWords.pipes[bucket(counts.pipes * scale, thresholds.pipes)]!,
    enemies: bucketWords.enemies[bucket(counts.enemies * scale, thresholds.enemies)]!,
    blocks: bucketWords.blocks[bucket(counts.blocks * scale, thresholds.blocks)]!,
    elevation: counts.elevated > 0 ? 'high' : 'low',
  };
}

/**
 * The attributes of each 50-column window, counted as MarioGPT counts a prompt (whole windows from column 0, side by
 * side; a level narrower than 50 columns is one window scaled to 50): what a per-window adherence figure compares.
 */
export function measureWindows(columns: readonly string[]): LevelAttributes[] {
  if (columns.length < windowColumns) return [measureAttributes(columns)];
  const windows: LevelAttributes[] = [];
  for (let from = 0; from + windowColumns <= columns.length; from += windowColumns) {
    windows.push(measureAttributes(columns.slice(from, from + windowColumns)));
  }
  return windows;
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
