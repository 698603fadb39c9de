// Batched, seeded, constrained autoregressive decoding over a mosaic-kv-v1 graph.
import { randomUUID } from 'node:crypto';
import * as ort from 'onnxruntime-node';
import { MosaicError } from '../../../contract/index.js';
import type { ModelSession } from '../model-session.js';
import type { KvBufferPool } from './kv-buffer-pool.js';
import { KvCache } from './kv-cache.js';
import { emptyCacheFeeds, forwardKv, type KvGeometry } from './kv-graph.js';
import { Sampler, type SamplingOptions } from './sampler.js';
import { SeededRandom } from './seeded-random.js';
import { unconstrained, type ConstraintFactory, type TokenConstraint } from './token-constraint.js';

export type FinishReason = 'stop-token' | 'max-tokens' | 'constraint' | 'cancelled' | 'no-allowed-token';

export interface GenerateOptions {
  /** Tokens every row starts from (conditioning tokens first); at least one. */
  prompt: readonly number[];
  /** Rows decoded together (variations). */
  batch: number;
  maxNewTokens: number;
  sampling: SamplingOptions;
  /** Row r samples from its own stream seeded by (seed, r): a variation does not depend on the batch size. */
  seed: number;
  stopTokens?: readonly number[];
  constraint?: ConstraintFactory;
  /** The graph's learned-position limit: prompt plus new tokens must fit. */
  maxPositions: number;
  /** Called every `progressEvery` steps with the tokens generated so far. */
  onProgress?: (rows: readonly number[][], step: number) => void;
  progressEvery?: number;
  /** Called after each step's tokens are chosen, with the number of steps done. */
  onStep?: (step: number) => void;
  /** Checked between steps, after the host's message loop has run: return true to stop (cancellation). */
  shouldStop?: () => boolean;
  /** Where the KV cache buffer comes from and goes back to (a new buffer, dropped afterwards, without one). */
  cacheBuffers?: KvBufferPool;
}

export interface GenerateStats {
  promptTokens: number;
  steps: number;
  /** Tokens kept across all rows. */
  newTokens: number;
  prefillMs: number;
  /** From the start until every row has its first token. */
  firstTokenMs: number;
  totalMs: number;
  /** newTokens / totalMs, in tokens per second. */
  tokensPerSecond: number;
  cacheBytes: number;
  /** The step at which a cancel request was received, when one was. */
  cancelledAtStep?: number;
}

export interface GenerateResult {
  rows: number[][];
  finish: FinishReason[];
  stats: GenerateStats;
}

export async function generate(
  session: ModelSession,
  geometry: KvGeometry,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const { prompt, batch } = options;
  validate(options, geometry);
  const started = performance.now();
  if (session.runInSequence) {
    return decode(geometry, options, started, new HeldCacheSteps(session.runInSequence.bind(session), batch));
  }
  const capacity = prompt.length + options.maxNewTokens;
  const buffer = options.cacheBuffers?.acquire(KvCache.floats(geometry, batch, capacity));
  try {
    const cache = new KvCache(geometry, batch, capacity, { buffer });
    return await decode(geometry, options, started, new LocalCacheSteps(session, geometry, cache));
  } finally {
    if (buffer) options.cacheBuffers!.release(buffer);
  }
}

/** The decoder's forward passes, wherever its KV cache lives; each answers the logits [B, T, V]. */
interface DecodingSteps {
  /** The prompt's tokens at batch 1, its keys and values then shared by every row. */
  prefill(ids: BigInt64Array): Promise<Float32Array>;
  /** One token per row; `last` when no step follows (every row will have reached its length). */
  step(ids: BigInt64Array, last: boolean): Promise<Float32Array>;
  /** Bytes of cache this process holds. */
  readonly cacheBytes: number;
}

/** The cache in this process's buffer, fed to the graph as views and sent with every pass. */
class LocalCacheSteps implements DecodingSteps {
  constructor(
    private readonly session: ModelSession,
    private readonly geometry: KvGeometry,
    private readonly cache: KvCache,
  ) {}

  get cacheBytes(): number {
    return this.cache.bytes;
  }

  async prefill(ids: BigInt64Array): Promise<Float32Array> {
    const pass = await forwardKv(this.session, emptyCacheFeeds(this.geometry, 1), 0, ids, 1, ids.length);
    this.cache.appendBroadcast(pass.kvNew, ids.length);
    return pass.logits;
  }

  async step(ids: BigInt64Array): Promise<Float32Array> {
    const pass = await forwardKv(this.session, this.cache.feeds, this.cache.length, ids, this.cache.batch, 1);
    this.cache.append(pass.kvNew, 1);
    return pass.logits;
  }
}

/**
 * The cache held where the graph runs, as one sequence (a remote server with the mosaic_kv_sequence extension): each
 * pass sends only its token ids and past_length and fetches only the logits. The batch-1 prefill starts the sequence
 * and the first batch-B step widens it to every row.
 */
class HeldCacheSteps implements DecodingSteps {
  readonly cacheBytes = 0;
  private readonly id = randomUUID();
  private length = 0;

  constructor(
    private readonly runInSequence: NonNullable<ModelSession['runInSequence']>,
    private readonly batch: number,
  ) {}

  prefill(ids: BigInt64Array): Promise<Float32Array> {
    return this.pass(ids, 1, true, false);
  }

  step(ids: BigInt64Array, last: boolean): Promise<Float32Array> {
    return this.pass(ids, this.batch, false, last);
  }

  private async pass(ids: BigInt64Array, batch: number, start: boolean, end: boolean): Promise<Float32Array> {
    const newTokens = ids.length / batch;
    const outputs = await this.runInSequence(
      {
        input_ids: new ort.Tensor('int64', ids, [batch, newTokens]),
        past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(this.length)), [1]),
      },
      { id: this.id, start, end },
      ['logits'],
    );
    const logits = outputs.logits;
    if (!logits) throw new MosaicError('INFERENCE_FAILED', 'The server did not return logits.');
    this.length += newTokens;
    return logits.data as Float32Array;
  }
}

async function decode(
  geometry: KvGeometry,
  options: GenerateOptions,
  started: number,
  cache: DecodingSteps,
): Promise<GenerateResult> {
  const { prompt, batch, sampling } = options;
  const sampler = new Sampler(geometry.vocabSize);
  const mask = new Uint8Array(geometry.vocabSize);
  /** A row's logits, copied for constraints that adjust them (the step's logits may be shared by every row). */
  const adjusted = new Float32Array(geometry.vocabSize);
  const stopTokens = new Set(options.stopTokens ?? []);
  const makeConstraint = options.constraint ?? unconstrained;
  const randoms = Array.from({ length: batch }, (_, row) => new SeededRandom(options.seed, row));
  const constraints: TokenConstraint[] = Array.from({ length: batch }, (_, row) => makeConstraint(row, prompt));
  const rows: number[][] = Array.from({ length: batch }, () => []);
  const finish: (FinishReason | null)[] = Array.from({ length: batch }, () => null);

  // Prefill once at batch 1 and copy the prompt's keys and values into every row.
  const promptIds = BigInt64Array.from(prompt, (token) => BigInt(token));
  let logits = await cache.prefill(promptIds);
  const prefillMs = performance.now() - started;
  // After the prefill every row reads the prompt's last position ([1, P, V]); after a step, its own row ([B, 1, V]).
  const promptLastOffset = (prompt.length - 1) * geometry.vocabSize;

  const ids = new BigInt64Array(batch);
  let steps = 0;
  let firstTokenMs = 0;
  for (;;) {
    for (let row = 0; row < batch; row += 1) {
      if (finish[row] !== null) continue;
      const constraint = constraints[row]!;
      const masked = constraint.writeAllowed(mask);
      const offset = steps === 0 ? promptLastOffset : row * geometry.vocabSize;
      let token: number;
      if (constraint.adjustLogits) {
        adjusted.set(logits.subarray(offset, offset + geometry.vocabSize));
        constraint.adjustLogits(adjusted);
        token = sampler.sample(adjusted, 0, sampling, randoms[row]!, masked ? mask : undefined);
      } else {
        token = sampler.sample(logits, offset, sampling, randoms[row]!, masked ? mask : undefined);
      }
      if (token < 0) {
        finish[row] = 'no-allowed-token';
        continue;
      }
      rows[row]!.push(token);
      ids[row] = BigInt(token);
      constraint.accept(token);
      if (stopTokens.has(token)) finish[row] = 'stop-token';
      else if (constraint.isComplete()) finish[row] = 'constraint';
      else if (rows[row]!.length >= options.maxNewTokens) finish[row] = 'max-tokens';
    }
    steps += 1;
    options.onStep?.(steps);
    if (steps === 1) firstTokenMs = performance.now() - started;
    if (options.onProgress && steps % (options.progressEvery ?? 16) === 0) options.onProgress(rows, steps);
    if (finish.every((reason) => reason !== null)) break;
    // Let the host's message loop run (a cancel request arrives as a message), then honour it at this step boundary.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.shouldStop?.()) {
      for (let row = 0; row < batch; row += 1) finish[row] ??= 'cancelled';
      break;
    }
    // The last step: every row still decoding takes its final token from it.
    const last = rows.every((row, index) => finish[index] !== null || row.length + 1 >= options.maxNewTokens);
    logits = await cache.step(ids, last);
  }

  const totalMs = performance.now() - started;
  const newTokens = rows.reduce((sum, row) => sum + row.length, 0);
  return {
    rows,
    finish: finish as FinishReason[],
    stats: {
      promptTokens: prompt.length,
      steps,
      newTokens,
      prefillMs,
      firstTokenMs,
      totalMs,
      tokensPerSecond: totalMs > 0 ? (newTokens / totalMs) * 1000 : 0,
      cacheBytes: cache.cacheBytes,
    },
  };
}

function validate(options: GenerateOptions, geometry: KvGeometry): void {
  const problems: string[] = [];
  if (options.prompt.length === 0) problems.push('the prompt needs at least one token');
  if (options.prompt.some((token) => !Number.isInteger(token) || token < 0 || token >= geometry.vocabSize)) {
    problems.push(`prompt tokens must be integers in [0, ${geometry.vocabSize})`);
  }
  if (!Number.isInteger(options.batch) || options.batch < 1 || options.batch > 64) problems.push('batch must be 1–64');
  if (!Number.isInteger(options.maxNewTokens) || options.maxNewTokens < 1) problems.push('maxNewTokens must be ≥ 1');
  if (options.prompt.length + options.maxNewTokens > options.maxPositions) {
    problems.push(
      `prompt (${options.prompt.length}) + maxNewTokens (${options.maxNewTokens}) exceeds the model's ${options.maxPositions} positions`,
    );
  }
  if (problems.length > 0) throw new MosaicError('BAD_REQUEST', `Cannot generate: ${problems.join('; ')}.`);
}
