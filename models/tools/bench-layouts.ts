// Benchmarks greedy decoding with the mosaic-kv-v1 layout against the older "present" layout (whole cache returned each step).
// Usage: node --import tsx models/tools/bench-layouts.ts kv.onnx present.onnx [--prompt 64] [--steps 448] [--batches 1,8] [--repeats 2]
// Both graphs must come from the same weights (mosaic_models.export.export_kv and mosaic_models.present_layout.export_present).
import * as ort from 'onnxruntime-node';
import { KvCache, argmaxAt, decodeStep, inputIdsTensor, readKvGeometry } from './kv-decoder.js';
import { median, timeDecoding } from './decode-timing.js';

interface LayoutTiming {
  layout: string;
  batch: number;
  stepMs: number;
  tokensPerSecond: number;
}

/** Greedy decoding with per-layer past_key_i/past_value_i inputs fed from the previous step's present outputs. */
async function timePresentDecoding(
  session: ort.InferenceSession,
  prompt: number[],
  batch: number,
  steps: number,
  repeats: number,
) {
  const pastNames = session.inputNames.filter((name) => name.startsWith('past_'));
  const pastShape = session.inputMetadata.find((value) => value.name === pastNames[0]);
  const logitsShape = session.outputMetadata.find((value) => value.name === 'logits');
  if (!pastShape?.isTensor || !logitsShape?.isTensor) throw new Error('not a present-layout graph');
  const [, heads, , headDim] = pastShape.shape as number[];
  const vocabSize = logitsShape.shape[2] as number;
  const stepTimes: number[] = [];
  for (let round = 0; round <= repeats; round += 1) {
    let past: Record<string, ort.Tensor> = {};
    for (const name of pastNames)
      past[name] = new ort.Tensor('float32', new Float32Array(0), [batch, heads!, 0, headDim!]);
    let rows = Array.from({ length: batch }, () => prompt);
    for (let index = 0; index <= steps; index += 1) {
      const started = performance.now();
      const outputs = await session.run({ input_ids: inputIdsTensor(rows), ...past });
      if (round > 0 && index > 0) stepTimes.push(performance.now() - started);
      past = {};
      for (const name of pastNames) past[name] = outputs[name.replace('past_', 'present_')]!;
      const length = rows[0]!.length;
      rows = rows.map((_, b) => [argmaxAt(outputs.logits!.data as Float32Array, vocabSize, length, b, length - 1)]);
    }
  }
  const stepMs = median(stepTimes);
  return { stepMs, tokensPerSecond: (batch * 1000) / stepMs };
}

function parseFlags(argv: string[]) {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index]!.startsWith('--')) flags.set(argv[index]!.slice(2), argv[(index += 1)] ?? '');
    else positional.push(argv[index]!);
  }
  return { flags, positional };
}

async function main(): Promise<void> {
  const { flags, positional } = parseFlags(process.argv.slice(2));
  const [kvPath, presentPath] = positional;
  if (!kvPath || !presentPath)
    throw new Error('usage: bench-layouts.ts kv.onnx present.onnx [--prompt 64] [--steps 448]');
  const promptLength = Number(flags.get('prompt') ?? 64);
  const steps = Number(flags.get('steps') ?? 448);
  const repeats = Number(flags.get('repeats') ?? 2);
  const batches = (flags.get('batches') ?? '1,8').split(',').map(Number);
  const kv = await ort.InferenceSession.create(kvPath, { executionProviders: ['cpu'] });
  const present = await ort.InferenceSession.create(presentPath, { executionProviders: ['cpu'] });
  try {
    const { vocabSize } = readKvGeometry(kv);
    const prompt = Array.from({ length: promptLength }, (_, index) => (index * 7 + 3) % vocabSize);
    // Same weights, so the prompt's logits must agree: a wrong present export would make the comparison meaningless.
    const kvLogits = await decodeStep(kv, new KvCache(readKvGeometry(kv), 1, 0), [prompt]);
    const pastFeeds = Object.fromEntries(
      present.inputNames
        .filter((name) => name.startsWith('past_'))
        .map((name) => [
          name,
          new ort.Tensor('float32', new Float32Array(0), [1, readKvGeometry(kv).heads, 0, readKvGeometry(kv).headDim]),
        ]),
    );
    const presentLogits = (await present.run({ input_ids: inputIdsTensor([prompt]), ...pastFeeds })).logits!
      .data as Float32Array;
    const diff = kvLogits.reduce((worst, value, index) => Math.max(worst, Math.abs(value - presentLogits[index]!)), 0);
    console.log(`prompt logits max |kv - present| = ${diff.toExponential(2)}`);
    if (!(diff < 1e-3)) throw new Error('the two graphs disagree: are they exports of the same weights?');
    const results: LayoutTiming[] = [];
    for (const batch of batches) {
      const kvTiming = await timeDecoding(kv, prompt, batch, steps, repeats);
      results.push({
        layout: 'mosaic-kv-v1',
        batch,
        stepMs: kvTiming.stepMs,
        tokensPerSecond: kvTiming.tokensPerSecond,
      });
      const presentTiming = await timePresentDecoding(present, prompt, batch, steps, repeats);
      results.push({
        layout: 'present',
        batch,
        stepMs: presentTiming.stepMs,
        tokensPerSecond: presentTiming.tokensPerSecond,
      });
    }
    console.log(`| layout | batch | decode ms/step (context ${promptLength}→${promptLength + steps}) | tokens/s |`);
    console.log('|---|---|---|---|');
    for (const r of results)
      console.log(`| ${r.layout} | ${r.batch} | ${r.stepMs.toFixed(2)} | ${r.tokensPerSecond.toFixed(0)} |`);
  } finally {
    await kv.release();
    await present.release();
  }
}

await main();
