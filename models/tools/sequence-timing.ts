// Times whole greedy sequences of a mosaic-kv-v2 graph in onnxruntime-node on one intra-op thread: one prompt run, then
// `steps` single-token steps, per batch size; medians of wall and process CPU time after one warm-up.
// Usage: node --import tsx models/tools/sequence-timing.ts model.onnx --prompt 1,5,7 --steps 85 [--batches 1,12]
//        [--repeats 20]
// Used for level-dungeon's card (one room = a 10-token prompt and 85 steps; a 12-room dungeon can be one batch of 12).
import * as ort from 'onnxruntime-node';
import { decodeRound, median } from './decode-timing.js';

export interface SequenceTiming {
  batch: number;
  promptTokens: number;
  steps: number;
  /** Median wall time of one whole batch (prompt + steps), ms. */
  msPerBatch: number;
  /** Median process CPU time of one whole batch (user + system), ms. */
  cpuMsPerBatch: number;
  /** msPerBatch / batch. */
  msPerSequence: number;
}

export async function timeSequences(
  session: ort.InferenceSession,
  prompt: number[],
  batch: number,
  steps: number,
  repeats: number,
): Promise<SequenceTiming> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round <= repeats; round += 1) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await decodeRound(session, prompt, batch, steps);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuStarted);
    if (round === 0) continue;
    wall.push(elapsed);
    cpu.push((used.user + used.system) / 1000);
  }
  const msPerBatch = median(wall);
  return {
    batch,
    promptTokens: prompt.length,
    steps,
    msPerBatch,
    cpuMsPerBatch: median(cpu),
    msPerSequence: msPerBatch / batch,
  };
}

async function main(): Promise<void> {
  const [modelPath, ...rest] = process.argv.slice(2);
  const flags: Record<string, string> = {};
  for (let index = 0; index < rest.length; index += 2) {
    const name = rest[index] ?? '';
    if (!['--prompt', '--steps', '--batches', '--repeats'].includes(name) || rest[index + 1] === undefined) {
      throw new Error(
        `unknown or incomplete argument ${name}: use --prompt ids --steps N [--batches 1,12] [--repeats 20]`,
      );
    }
    flags[name.slice(2)] = rest[index + 1]!;
  }
  if (!modelPath || !flags.prompt || !flags.steps) {
    throw new Error('usage: sequence-timing.ts model.onnx --prompt 1,5,7 --steps 85 [--batches 1,12] [--repeats 20]');
  }
  const prompt = flags.prompt.split(',').map(Number);
  const session = await ort.InferenceSession.create(modelPath, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
  try {
    const results: SequenceTiming[] = [];
    for (const batch of (flags.batches ?? '1').split(',').map(Number)) {
      results.push(await timeSequences(session, prompt, batch, Number(flags.steps), Number(flags.repeats ?? 20)));
    }
    console.log(JSON.stringify(results));
  } finally {
    await session.release();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
