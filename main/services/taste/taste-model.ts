// The taste model: a pairwise logistic ranker with L2 regularisation (RankNet / BPR-style pairs, fitted exactly by
// Newton's method), over features standardised per kind. Pure and deterministic: the same events give the same weights.
import type { TasteSignal } from '../../../contract/index.js';

/** One run's variations as the taste log holds them: a feature vector each, in generated order. */
export interface TasteRun {
  historyId: string;
  features: number[][];
}

export interface TasteEvent {
  historyId: string;
  variation: number;
  signal: TasteSignal;
}

export interface FittedTaste {
  featureNames: string[];
  /** Per feature: mean and standard deviation over every logged variation of this kind (std 0: the feature is off). */
  mean: number[];
  std: number[];
  /** Weights on standardised features: score = Σ weight × (x − mean) / std. */
  weights: number[];
  pairs: number;
}

/** Pair weights: a rated variation against the other rated kind counts fully, against an unrated one half. */
const ratedPairWeight = 1;
const unratedPairWeight = 0.5;
/** L2 strength on the weights (in units of a pair's weight): keeps a handful of pairs from overfitting. */
const l2 = 0.5;

export function isPositive(signal: TasteSignal): boolean {
  return signal !== 'discard';
}

/** Mean and (population) standard deviation of each feature over every variation of the runs. */
export function standardisation(runs: readonly TasteRun[], dimensions: number): { mean: number[]; std: number[] } {
  const rows = runs.flatMap((run) => run.features);
  const mean = new Array<number>(dimensions).fill(0);
  const std = new Array<number>(dimensions).fill(0);
  if (rows.length === 0) return { mean, std };
  for (const row of rows) for (let k = 0; k < dimensions; k++) mean[k]! += row[k]! / rows.length;
  for (const row of rows) for (let k = 0; k < dimensions; k++) std[k]! += (row[k]! - mean[k]!) ** 2 / rows.length;
  return { mean, std: std.map((variance) => (variance > 1e-12 ? Math.sqrt(variance) : 0)) };
}

export function standardise(row: readonly number[], model: Pick<FittedTaste, 'mean' | 'std'>): number[] {
  return row.map((value, k) => (model.std[k]! > 0 ? (value - model.mean[k]!) / model.std[k]! : 0));
}

/**
 * Preference pairs within each run, from each variation's latest signal: kept (keep, export, play) ≻ discarded, and
 * with half the weight kept ≻ unrated ≻ discarded (unrated variations were seen and passed over).
 */
export function preferencePairs(
  runs: readonly TasteRun[],
  events: readonly TasteEvent[],
): { better: number[]; worse: number[]; runIndex: number; weight: number }[] {
  const latest = new Map<string, Map<number, TasteSignal>>();
  for (const event of events) {
    const signals = latest.get(event.historyId) ?? new Map<number, TasteSignal>();
    signals.set(event.variation, event.signal);
    latest.set(event.historyId, signals);
  }
  const pairs: { better: number[]; worse: number[]; runIndex: number; weight: number }[] = [];
  runs.forEach((run, runIndex) => {
    const signals = latest.get(run.historyId);
    if (!signals) return;
    const liked: number[] = [];
    const disliked: number[] = [];
    const unrated: number[] = [];
    run.features.forEach((_row, index) => {
      const signal = signals.get(index);
      if (signal === undefined) unrated.push(index);
      else (isPositive(signal) ? liked : disliked).push(index);
    });
    const add = (better: number[], worse: number[], weight: number) => {
      for (const b of better)
        for (const w of worse) pairs.push({ better: run.features[b]!, worse: run.features[w]!, runIndex, weight });
    };
    add(liked, disliked, ratedPairWeight);
    add(liked, unrated, unratedPairWeight);
    add(unrated, disliked, unratedPairWeight);
  });
  return pairs;
}

/**
 * Fits weights w minimising Σ pairWeight · log(1 + exp(−w·(z_better − z_worse))) + (l2 / 2)·|w|², by Newton's method
 * from zero (the loss is strictly convex, so it converges to the one optimum in a few steps).
 */
export function fitTaste(featureNames: readonly string[], runs: readonly TasteRun[], events: readonly TasteEvent[]) {
  const dimensions = featureNames.length;
  const scaling = standardisation(runs, dimensions);
  const pairs = preferencePairs(runs, events);
  const differences = pairs.map((pair) => {
    const better = standardise(pair.better, scaling);
    const worse = standardise(pair.worse, scaling);
    return { x: better.map((value, k) => value - worse[k]!), weight: pair.weight };
  });
  let weights = new Array<number>(dimensions).fill(0);
  for (let iteration = 0; iteration < 50 && differences.length > 0; iteration++) {
    const gradient = weights.map((w) => l2 * w);
    const hessian = weights.map((_, i) => weights.map((__, j) => (i === j ? l2 : 0)));
    for (const { x, weight } of differences) {
      const margin = dot(weights, x);
      const p = 1 / (1 + Math.exp(margin)); // σ(−margin): how wrong the pair still is
      for (let i = 0; i < dimensions; i++) {
        gradient[i]! -= weight * p * x[i]!;
        const curvature = weight * p * (1 - p) * x[i]!;
        for (let j = 0; j < dimensions; j++) hessian[i]![j]! += curvature * x[j]!;
      }
    }
    const step = solve(hessian, gradient);
    weights = weights.map((w, k) => w - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { featureNames: [...featureNames], ...scaling, weights, pairs: pairs.length } satisfies FittedTaste;
}

/** A variation's score and each feature's share of it (weight × standardised value). */
export function scoreOf(model: FittedTaste, row: readonly number[]): { score: number; shares: number[] } {
  const shares = standardise(row, model).map((value, k) => value * model.weights[k]!);
  return { score: shares.reduce((sum, share) => sum + share, 0), shares };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is symmetric positive definite here). */
function solve(matrix: readonly number[][], vector: readonly number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++)
      if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    for (let row = column + 1; row < n; row++) {
      const factor = a[row]![column]! / a[column]![column]!;
      for (let k = column; k <= n; k++) a[row]![k]! -= factor * a[column]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}
