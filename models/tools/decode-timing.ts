// Times prefill and greedy step decoding of a mosaic-kv-v2 graph in onnxruntime-node, reporting medians.
import type * as ort from 'onnxruntime-node';
import { KvCache, argmaxAt, decodeStep, readKvGeometry, type KvGeometry } from './kv-decoder.js';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface DecodeTiming {
  batch: number;
  promptTokens: number;
  steps: number;
  /** Median time of one prompt run (T = promptTokens, past_length 0), in ms. */
  prefillMs: number;
  /** Median time of one T = 1 step for the whole batch, in ms. */
  stepMs: number;
  /** batch × 1000 / stepMs. */
  tokensPerSecond: number;
}

export interface RoundOptions {
  /** For graphs readKvGeometry cannot read (the benchmark-only v1 layout). */
  geometry?: KvGeometry;
  /** Cache inputs other than the per-layer views (see decodeStep). */
  cacheFeeds?: (cache: KvCache) => Record<string, ort.Tensor>;
}

/** Timed greedy decoding, one run at a time, so that a benchmark can interleave several graphs; subclasses say how a
 * graph layout runs `rows` and returns its logits. */
export abstract class TimedGreedyDecoding {
  /** logits [B, T, V] of the latest run. */
  logits: Float32Array = new Float32Array(0);
  private newTokens = 0;

  constructor(
    readonly geometry: KvGeometry,
    readonly batch: number,
  ) {}

  /** Runs `rows` [B][T] through the graph and returns logits [B, T, V]. */
  protected abstract decode(rows: number[][]): Promise<Float32Array>;

  /** Runs `rows` and returns the run's ms (input tensors, session.run and any cache copy included). */
  private async run(rows: number[][]): Promise<number> {
    const started = performance.now();
    this.logits = await this.decode(rows);
    this.newTokens = rows[0]!.length;
    return performance.now() - started;
  }

  /** The prompt, copied to every row. */
  prefill(prompt: number[]): Promise<number> {
    return this.run(Array.from({ length: this.batch }, () => prompt));
  }

  /** One T = 1 step on every row's greedy choice. */
  step(): Promise<number> {
    const { vocabSize } = this.geometry;
    const last = this.newTokens - 1;
    return this.run(
      Array.from({ length: this.batch }, (_, b) => [argmaxAt(this.logits, vocabSize, this.newTokens, b, last)]),
    );
  }
}

/** Greedy decoding of a mosaic-kv graph (v2, or v1 through options.cacheFeeds) on a preallocated cache. */
export class GreedyRun extends TimedGreedyDecoding {
  /** The run's cache: its feeds are the views the graph reads (step-breakdown.ts feeds them to probes too). */
  readonly cache: KvCache;

  constructor(
    private readonly session: ort.InferenceSession,
    batch: number,
    capacity: number,
    private readonly options: RoundOptions = {},
  ) {
    const geometry = options.geometry ?? readKvGeometry(session);
    super(geometry, batch);
    this.cache = new KvCache(geometry, batch, capacity);
  }

  protected decode(rows: number[][]): Promise<Float32Array> {
    return decodeStep(this.session, this.cache, rows, this.options.cacheFeeds);
  }
}

/**
 * One round: prefill `prompt` into a cache of capacity prompt + steps, then `steps` greedy steps, so the steps run
 * at cache capacity S = prompt + steps. Returns the prefill time and every step's time (ms).
 */
export async function decodeRound(
  session: ort.InferenceSession,
  prompt: number[],
  batch: number,
  steps: number,
  options: RoundOptions = {},
): Promise<{ prefillMs: number; stepMs: number[] }> {
  const run = new GreedyRun(session, batch, prompt.length + steps, options);
  const prefillMs = await run.prefill(prompt);
  const stepMs: number[] = [];
  for (let index = 0; index < steps; index += 1) stepMs.push(await run.step());
  return { prefillMs, stepMs };
}

/** `repeats` rounds of decodeRound after one uncounted warm-up round; medians over all of them. */
export async function timeDecoding(
  session: ort.InferenceSession,
  prompt: number[],
  batch: number,
  steps: number,
  repeats: number,
  options: RoundOptions = {},
): Promise<DecodeTiming> {
  const prefill: number[] = [];
  const step: number[] = [];
  for (let round = 0; round <= repeats; round += 1) {
    const timing = await decodeRound(session, prompt, batch, steps, options);
    if (round === 0) continue;
    prefill.push(timing.prefillMs);
    step.push(...timing.stepMs);
  }
  const stepMs = median(step);
  return {
    batch,
    promptTokens: prompt.length,
    steps,
    prefillMs: median(prefill),
    stepMs,
    tokensPerSecond: (batch * 1000) / stepMs,
  };
}
