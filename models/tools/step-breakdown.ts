// Splits a mosaic-kv-v2 decoding step into run overhead, weight MatMuls, cache attention and the rest, timing probe graphs between real steps.
// Usage: node --import tsx models/tools/step-breakdown.ts probes/ [label=]model.onnx ... [--batch 1] [--context 128]
//        [--steps 32] [--repeats 4] [--threads 1]
// probes/ comes from `python -m mosaic_models.cost_probes` (same sizes as the model); a graph labelled int8-weights or
// int8-dynamic (or named model.int8-*.onnx) is paired with the matching weights probe. Each probe is fed exactly what a
// real step gets, so probe − overhead is that part's cost; "rest" is the step minus the three (other nodes, JS).
import { basename } from 'node:path';
import * as ort from 'onnxruntime-node';
import { KvCache, inputIdsTensor, readKvGeometry } from './kv-decoder.js';
import { GreedyRun, median } from './decode-timing.js';

interface Flags {
  batch: number;
  context: number;
  steps: number;
  repeats: number;
  threads: number;
}

function parseArguments(argv: string[]): { probes: string; graphs: { label: string; file: string }[]; flags: Flags } {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index]!.startsWith('--')) named.set(argv[index]!.slice(2), argv[(index += 1)] ?? '');
    else positional.push(argv[index]!);
  }
  const [probes, ...graphs] = positional;
  if (!probes || graphs.length === 0) throw new Error('usage: step-breakdown.ts probes/ [label=]model.onnx ...');
  const number = (name: string, fallback: number) => Number(named.get(name) ?? fallback);
  return {
    probes,
    graphs: graphs.map((argument) => {
      const equals = argument.indexOf('=');
      if (equals > 0) return { label: argument.slice(0, equals), file: argument.slice(equals + 1) };
      const parts = basename(argument, '.onnx').split('.');
      return { label: parts.length > 1 ? parts[parts.length - 1]! : 'fp32', file: argument };
    }),
    flags: {
      batch: number('batch', 1),
      context: number('context', 128),
      steps: number('steps', 32),
      repeats: number('repeats', 4),
      threads: number('threads', 1),
    },
  };
}

async function main(): Promise<void> {
  const { probes, graphs, flags } = parseArguments(process.argv.slice(2));
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'] };
  if (flags.threads > 0) options.intraOpNumThreads = flags.threads;
  const open = (file: string) => ort.InferenceSession.create(file, options);
  const models = await Promise.all(graphs.map(async (graph) => ({ ...graph, session: await open(graph.file) })));
  const probeNames = ['overhead', 'attention', ...new Set(graphs.map(({ label }) => weightsProbe(label)))];
  const probeSessions = new Map(
    await Promise.all(probeNames.map(async (name) => [name, await open(`${probes}/${name}.onnx`)] as const)),
  );
  const geometry = readKvGeometry(models[0]!.session);
  // A cache written everywhere (as after a long prompt): unwritten pages would be read for free.
  const cache = new KvCache(geometry, flags.batch, flags.context);
  cache.data.forEach((_, index, data) => (data[index] = Math.sin(index) * 0.1));
  const probeFeeds = {
    ...cache.feeds,
    input_ids: inputIdsTensor(Array.from({ length: flags.batch }, () => [7])),
    past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(flags.context - 1)), [1]),
  };
  const times = new Map<string, number[]>();
  const record = (name: string, ms: number) => times.set(name, [...(times.get(name) ?? []), ms]);
  const prompt = Array.from(
    { length: flags.context - flags.steps },
    (_, index) => (index * 7 + 3) % geometry.vocabSize,
  );
  for (let round = 0; round <= flags.repeats; round += 1) {
    const runs = models.map((model) => new GreedyRun(model.session, flags.batch, flags.context));
    for (const run of runs) await run.prefill(prompt);
    for (let step = 0; step < flags.steps; step += 1) {
      for (const [name, session] of probeSessions) {
        const started = performance.now();
        await session.run(probeFeeds);
        if (round > 0) record(name, performance.now() - started);
      }
      for (const [index, run] of runs.entries()) {
        const ms = await run.step();
        if (round > 0) record(models[index]!.label, ms);
      }
    }
  }
  const us = (name: string) => median(times.get(name)!) * 1000;
  const overhead = us('overhead');
  const attention = us('attention') - overhead;
  console.log(`batch ${flags.batch}, S = ${flags.context}, threads ${flags.threads || 'default'}; medians in µs`);
  console.log('| graph | step | run overhead | weight MatMuls | cache attention | rest (other nodes, JS) |');
  console.log('|---|---|---|---|---|---|');
  for (const { label } of models) {
    const step = us(label);
    const weights = us(weightsProbe(label)) - overhead;
    const rest = step - overhead - weights - attention;
    const cells = [step, overhead, weights, attention, rest].map((value) => value.toFixed(0));
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  for (const session of [...probeSessions.values(), ...models.map((model) => model.session)]) await session.release();
}

/** The weights probe matching a graph's label. */
function weightsProbe(label: string): string {
  return label.startsWith('int8-') ? `weights.${label}` : 'weights';
}

await main();
