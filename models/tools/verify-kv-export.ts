// Checks a mosaic-kv-v2 graph in onnxruntime-node against torch's full-sequence logits: prefill, chunks and single steps, with empty, exact and oversized garbage-filled caches.
// Usage: node --import tsx models/tools/verify-kv-export.ts model.onnx torch-reference.json [--tolerance 1e-3]
// Prints a JSON report; exit code 0 when every logit is within tolerance, 1 when not, 2 on bad usage.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { KvCache, decodeStep, readKvGeometry } from './kv-decoder.js';

interface ReferenceCase {
  name: string;
  tokens: number[][];
  /** How many tokens each run feeds: [prompt, 1, 1, ...] or chunks. */
  chunks: number[];
  /** 'exact': start with S = 0 and grow to exactly past_length; 'oversized': fixed capacity filled with garbage. */
  cache: 'exact' | 'oversized';
  capacity: number;
  /** Torch full-sequence logits [B][N][V]. */
  logits: number[][][];
}

interface CaseReport {
  name: string;
  batch: number;
  runs: number;
  maxAbsDiff: number;
}

/** Deterministic garbage so a failure reproduces: values in [-100, 100). */
function fillWithGarbage(data: Float32Array, seed: number): void {
  let state = seed >>> 0;
  for (let index = 0; index < data.length; index += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[index] = (state / 2 ** 32) * 200 - 100;
  }
}

async function verifyCase(session: ort.InferenceSession, reference: ReferenceCase): Promise<CaseReport> {
  const geometry = readKvGeometry(session);
  const batch = reference.tokens.length;
  const cache = new KvCache(geometry, batch, reference.capacity);
  if (reference.cache === 'oversized') fillWithGarbage(cache.data, 12345);
  let position = 0;
  let maxAbsDiff = 0;
  for (const chunk of reference.chunks) {
    const rows = reference.tokens.map((row) => row.slice(position, position + chunk));
    const logits = await decodeStep(session, cache, rows);
    for (let b = 0; b < batch; b += 1) {
      for (let t = 0; t < chunk; t += 1) {
        const expected = reference.logits[b]![position + t]!;
        for (let v = 0; v < geometry.vocabSize; v += 1) {
          const diff = Math.abs(logits[(b * chunk + t) * geometry.vocabSize + v]! - expected[v]!);
          // NaN and Infinity must fail the check and still survive JSON, so they count as Number.MAX_VALUE.
          if (!(diff <= maxAbsDiff)) maxAbsDiff = Number.isFinite(diff) ? diff : Number.MAX_VALUE;
        }
      }
    }
    position += chunk;
  }
  return { name: reference.name, batch, runs: reference.chunks.length, maxAbsDiff };
}

async function main(): Promise<number> {
  const [modelPath, referencePath, ...rest] = process.argv.slice(2);
  if (!modelPath || !referencePath) {
    console.error('usage: verify-kv-export.ts model.onnx torch-reference.json [--tolerance 1e-3]');
    return 2;
  }
  const toleranceIndex = rest.indexOf('--tolerance');
  const tolerance = toleranceIndex >= 0 ? Number(rest[toleranceIndex + 1]) : 1e-3;
  const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as { cases: ReferenceCase[] };
  const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'] });
  try {
    const cases: CaseReport[] = [];
    for (const referenceCase of reference.cases) cases.push(await verifyCase(session, referenceCase));
    const maxAbsDiff = Math.max(0, ...cases.map((report) => report.maxAbsDiff));
    const ok = cases.length > 0 && maxAbsDiff <= tolerance;
    console.log(JSON.stringify({ model: modelPath, tolerance, ok, maxAbsDiff, cases }, null, 2));
    return ok ? 0 : 1;
  } finally {
    await session.release();
  }
}

process.exitCode = await main();
