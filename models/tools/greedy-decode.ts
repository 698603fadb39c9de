// Greedy-decodes a mosaic-kv-v2 graph in onnxruntime-node and prints the new tokens as JSON: the reference loop for the app's decoder.
// Usage: node --import tsx models/tools/greedy-decode.ts model.onnx --prompt 3,4,5 [--prompt 10,12,14] [--tokens 16] [--capacity N]
// Every row needs the same prompt length (past_length is shared by the batch). --capacity 0 grows the cache step by step.
import * as ort from 'onnxruntime-node';
import { KvCache, argmaxAt, decodeStep, readKvGeometry } from './kv-decoder.js';

export async function greedyDecode(
  session: ort.InferenceSession,
  prompts: number[][],
  newTokens: number,
  capacity: number,
): Promise<number[][]> {
  const geometry = readKvGeometry(session);
  const promptLength = prompts[0]?.length ?? 0;
  if (promptLength === 0 || prompts.some((prompt) => prompt.length !== promptLength)) {
    throw new Error('every prompt needs the same, non-zero length');
  }
  const cache = new KvCache(geometry, prompts.length, capacity);
  const generated: number[][] = prompts.map(() => []);
  let rows = prompts;
  for (let step = 0; step < newTokens; step += 1) {
    const logits = await decodeStep(session, cache, rows);
    const length = rows[0]!.length;
    rows = rows.map((_, b) => [argmaxAt(logits, geometry.vocabSize, length, b, length - 1)]);
    rows.forEach((row, b) => generated[b]!.push(row[0]!));
  }
  return generated;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const modelPath = argv[0];
  const prompts: number[][] = [];
  let tokens = 16;
  let capacity: number | undefined;
  for (let index = 1; index < argv.length; index += 2) {
    const value = argv[index + 1] ?? '';
    if (argv[index] === '--prompt') prompts.push(value.split(',').map(Number));
    else if (argv[index] === '--tokens') tokens = Number(value);
    else if (argv[index] === '--capacity') capacity = Number(value);
    else throw new Error(`unknown argument ${argv[index]}`);
  }
  if (!modelPath || prompts.length === 0)
    throw new Error('usage: greedy-decode.ts model.onnx --prompt 3,4,5 [--tokens 16]');
  const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'] });
  try {
    const rows = await greedyDecode(session, prompts, tokens, capacity ?? prompts[0]!.length + tokens);
    console.log(JSON.stringify({ rows }));
  } finally {
    await session.release();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
