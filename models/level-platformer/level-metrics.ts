// Level quality metrics: novelty against training windows, diversity, and 2×2 tile-pattern KL divergence.
import { readFileSync } from 'node:fs';
import { columnsOf } from '../../main/inference/tasks/level/level-grid.js';

export interface PreparedLevel {
  name: string;
  game: 'smb' | 'lost';
  split: 'train' | 'validation' | 'test';
  rows: string[];
}

/** The cleaned corpus written by `level_data.py` (models/level-platformer/.work/prepared-corpus.json). */
export function readPreparedCorpus(path: string): PreparedLevel[] {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { levels: PreparedLevel[] }).levels;
  } catch {
    throw new Error(`${path} is missing: run /usr/bin/python3 models/level-platformer/level_data.py first`);
  }
}

export interface Novelty {
  /** Fewest tiles differing from any training window of the same width. */
  distance: number;
  /** The same as a fraction of the level's tiles. */
  fraction: number;
  exactCopy: boolean;
}

/** Minimum Hamming distance of a level to every same-width window of the training levels. */
export function novelty(rows: readonly string[], training: readonly PreparedLevel[]): Novelty {
  const width = rows[0]!.length;
  const level = columnsOf(rows);
  let best = Infinity;
  for (const source of training) {
    const columns = columnsOf(source.rows);
    for (let offset = 0; offset + width <= columns.length; offset += 1) {
      let distance = 0;
      for (let x = 0; x < width && distance < best; x += 1) {
        const a = level[x]!;
        const b = columns[offset + x]!;
        if (a === b) continue;
        for (let y = 0; y < a.length; y += 1) if (a[y] !== b[y]) distance += 1;
      }
      if (distance < best) best = distance;
    }
  }
  return { distance: best, fraction: best / (width * rows.length), exactCopy: best === 0 };
}

/** Mean Hamming distance between every pair of levels of equal size, as a fraction of tiles. */
export function meanPairwiseDistance(levels: readonly (readonly string[])[]): number {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < levels.length; i += 1) {
    for (let j = i + 1; j < levels.length; j += 1) {
      const a = levels[i]!.join('');
      const b = levels[j]!.join('');
      if (a.length !== b.length) continue;
      let distance = 0;
      for (let k = 0; k < a.length; k += 1) if (a[k] !== b[k]) distance += 1;
      total += distance / a.length;
      pairs += 1;
    }
  }
  return pairs > 0 ? total / pairs : 0;
}

/** Counts of every k×k tile pattern (as a string) in a set of levels. */
export function patternCounts(levels: readonly (readonly string[])[], k = 2): Map<string, number> {
  const counts = new Map<string, number>();
  for (const rows of levels) {
    for (let y = 0; y + k <= rows.length; y += 1) {
      for (let x = 0; x + k <= rows[0]!.length; x += 1) {
        let pattern = '';
        for (let dy = 0; dy < k; dy += 1) pattern += rows[y + dy]!.slice(x, x + k);
        counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/**
 * KL(P ‖ Q) of two pattern histograms in nats, with ε-smoothing over the union of patterns (Lucas & Volz 2019 use
 * ε-smoothed k×k tile-pattern distributions).
 */
export function patternKl(p: Map<string, number>, q: Map<string, number>, epsilon = 1e-4): number {
  const keys = new Set([...p.keys(), ...q.keys()]);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, value) => sum + value, 0);
  const pTotal = total(p) + epsilon * keys.size;
  const qTotal = total(q) + epsilon * keys.size;
  let divergence = 0;
  for (const key of keys) {
    const pp = ((p.get(key) ?? 0) + epsilon) / pTotal;
    const qq = ((q.get(key) ?? 0) + epsilon) / qTotal;
    divergence += pp * Math.log(pp / qq);
  }
  return divergence;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** What a set of levels holds per 100 columns: the texture the SMB corpus is compared on. */
export interface Texture {
  /** Breakable bricks `S`. */
  bricks: number;
  /** Gaps: runs of columns whose bottom row is not solid. */
  gaps: number;
  /** Enemies `E` and cannon tops `B` (MarioGPT's enemy count). */
  enemies: number;
  /** Pipes: `<>` pairs on a row (MarioGPT's pipe count). */
  pipes: number;
  /** Question blocks `?` and `Q`. */
  questionBlocks: number;
  /** Distinct columns (whole 14-tile columns) in each 100-column window, averaged over the whole windows. */
  distinctColumns: number;
  /** Share of tiles that are not air. */
  nonAir: number;
}

const solidTiles = new Set('XS?QBb<>[]');

/**
 * Texture per 100 columns of a set of levels (rows, top first), counted over all their columns; distinct columns over
 * every whole 100-column window (levels narrower than 100 columns are skipped for that one figure).
 */
export function texture(levels: readonly (readonly string[])[]): Texture {
  let columns = 0;
  const totals = { bricks: 0, gaps: 0, enemies: 0, pipes: 0, questionBlocks: 0, nonAir: 0 };
  const distinct: number[] = [];
  for (const rows of levels) {
    const width = rows[0]!.length;
    columns += width;
    for (const row of rows) {
      for (const tile of row) {
        if (tile === 'S') totals.bricks += 1;
        else if (tile === 'E' || tile === 'B') totals.enemies += 1;
        else if (tile === '?' || tile === 'Q') totals.questionBlocks += 1;
        if (tile !== '-') totals.nonAir += 1;
      }
      totals.pipes += row.split('<>').length - 1;
    }
    const bottom = rows[rows.length - 1]!;
    for (let x = 0; x < width; x += 1) {
      if (!solidTiles.has(bottom[x]!) && (x === 0 || solidTiles.has(bottom[x - 1]!))) totals.gaps += 1;
    }
    const level = columnsOf(rows);
    for (let from = 0; from + 100 <= width; from += 100) distinct.push(new Set(level.slice(from, from + 100)).size);
  }
  const per100 = (value: number) => (100 * value) / Math.max(1, columns);
  return {
    bricks: per100(totals.bricks),
    gaps: per100(totals.gaps),
    enemies: per100(totals.enemies),
    pipes: per100(totals.pipes),
    questionBlocks: per100(totals.questionBlocks),
    distinctColumns: distinct.length > 0 ? distinct.reduce((sum, value) => sum + value, 0) / distinct.length : NaN,
    nonAir: totals.nonAir / Math.max(1, columns * (levels[0]?.length ?? 14)),
  };
}

/** The whole 100-column windows of a set of levels (rows), side by side from column 0. */
export function hundredColumnWindows(levels: readonly (readonly string[])[]): string[][] {
  return levels.flatMap((rows) =>
    Array.from({ length: Math.floor(rows[0]!.length / 100) }, (_, i) =>
      rows.map((row) => row.slice(i * 100, i * 100 + 100)),
    ),
  );
}
