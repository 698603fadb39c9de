// Scores a variant's logits against the fp32 graph's on held-out token sequences: max |difference|, top-1 agreement, cross-entropy.
import type * as ort from 'onnxruntime-node';
import { KvCache, argmaxAt, decodeStep, readKvGeometry } from './kv-decoder.js';

/** Logits [N, V] of one sequence, from a single prompt run with an empty cache. */
export async function sequenceLogits(session: ort.InferenceSession, tokens: number[]): Promise<Float32Array> {
  const cache = new KvCache(readKvGeometry(session), 1, 0);
  return decodeStep(session, cache, [tokens]);
}

/** Mean next-token cross-entropy (nats per token) of logits [N, V] for tokens[1..N-1]. */
export function crossEntropy(
  logits: Float32Array,
  tokens: number[],
  vocabSize: number,
): { total: number; count: number } {
  let total = 0;
  for (let t = 0; t + 1 < tokens.length; t += 1) {
    const row = logits.subarray(t * vocabSize, (t + 1) * vocabSize);
    let peak = -Infinity;
    for (const value of row) peak = Math.max(peak, value);
    let sum = 0;
    for (const value of row) sum += Math.exp(value - peak);
    total += peak + Math.log(sum) - row[tokens[t + 1]!]!;
  }
  return { total, count: Math.max(0, tokens.length - 1) };
}

export interface QualityReport {
  sequences: number;
  tokens: number;
  maxAbsLogitDiff: number;
  /** Mean |variant - fp32| over every logit: steadier than the maximum for choosing between variants. */
  meanAbsLogitDiff: number;
  /** Share of positions where the variant's argmax equals fp32's. */
  top1Agreement: number;
  /** Mean next-token cross-entropy in nats per token. */
  heldoutLoss: number;
  /** heldoutLoss minus fp32's (positive = worse). */
  lossDelta: number;
}

export async function compareLogits(
  base: Float32Array[],
  variant: ort.InferenceSession,
  sequences: number[][],
): Promise<QualityReport> {
  const { vocabSize } = readKvGeometry(variant);
  let maxAbsLogitDiff = 0;
  let sumAbsLogitDiff = 0;
  let logitCount = 0;
  let agree = 0;
  let positions = 0;
  const variantLoss = { total: 0, count: 0 };
  const baseLoss = { total: 0, count: 0 };
  for (const [index, tokens] of sequences.entries()) {
    const reference = base[index]!;
    const logits = await sequenceLogits(variant, tokens);
    for (let i = 0; i < logits.length; i += 1) {
      const diff = Math.abs(logits[i]! - reference[i]!);
      sumAbsLogitDiff += diff;
      if (!(diff <= maxAbsLogitDiff)) maxAbsLogitDiff = Number.isFinite(diff) ? diff : Number.MAX_VALUE;
    }
    for (let t = 0; t < tokens.length; t += 1) {
      const same =
        argmaxAt(logits, vocabSize, tokens.length, 0, t) === argmaxAt(reference, vocabSize, tokens.length, 0, t);
      agree += same ? 1 : 0;
    }
    positions += tokens.length;
    logitCount += logits.length;
    for (const [sum, source] of [
      [variantLoss, logits],
      [baseLoss, reference],
    ] as const) {
      const { total, count } = crossEntropy(source, tokens, vocabSize);
      sum.total += total;
      sum.count += count;
    }
  }
  const heldoutLoss = variantLoss.total / variantLoss.count;
  return {
    sequences: sequences.length,
    tokens: positions,
    maxAbsLogitDiff,
    meanAbsLogitDiff: sumAbsLogitDiff / logitCount,
    top1Agreement: agree / positions,
    heldoutLoss,
    lossDelta: heldoutLoss - baseLoss.total / baseLoss.count,
  };
}
