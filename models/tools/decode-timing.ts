// Times prefill and greedy step decoding of a mosaic-kv-v1 graph in onnxruntime-node, reporting medians.
import type * as ort from 'onnxruntime-node';
import { KvCache, argmaxAt, decodeStep, readKvGeometry } from './kv-decoder.js';

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

/**
 * Runs `repeats` rounds of: prefill `prompt` (copied to every row) into a cache of capacity prompt + steps, then
 * `steps` greedy steps. The first round is a warm-up and is not counted.
 */
export async function timeDecoding(
  session: ort.InferenceSession,
  prompt: number[],
  batch: number,
  steps: number,
  repeats: number,
): Promise<DecodeTiming> {
  const geometry = readKvGeometry(session);
  const prefill: number[] = [];
  const step: number[] = [];
  for (let round = 0; round <= repeats; round += 1) {
    const cache = new KvCache(geometry, batch, prompt.length + steps);
    let started = performance.now();
    let logits = await decodeStep(
      session,
      cache,
      Array.from({ length: batch }, () => prompt),
    );
    if (round > 0) prefill.push(performance.now() - started);
    let newTokens = prompt.length;
    for (let index = 0; index < steps; index += 1) {
      const next = Array.from({ length: batch }, (_, b) => [
        argmaxAt(logits, geometry.vocabSize, newTokens, b, newTokens - 1),
      ]);
      started = performance.now();
      logits = await decodeStep(session, cache, next);
      if (round > 0) step.push(performance.now() - started);
      newTokens = 1;
    }
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
