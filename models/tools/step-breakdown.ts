// Splits a mosaic-kv-v2 decoding step into run overhead, weight MatMuls, cache attention and the rest, timing probe graphs between real steps.
// Usage: node --import tsx models/tools/step-breakdown.ts probes/ [label=]model.onnx ... [--batch 1] [--context 128]
//        [--steps 32] [--repeats 4] [--threads 1]
// probes/ comes from `python -m mosaic_models.cost_probes` (same sizes as the model); a graph labelled int8-weights or
// int8-dynamic (or named model.int8-*.onnx) is paired with the matching weights probe. Before every real step each
// probe runs on that step's feeds (views of a copy of the run's cache), so probe − overhead is that part's cost and
// "rest" is the step minus the three (the other nodes, and the JS around session.run).
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

/** Medians (µs) of a graph's steps and of the probes run just before each step on the same cache views. */
async function breakdown(session: ort.InferenceSession, probes: Map<string, ort.InferenceSession>, flags: Flags) {
  const geometry = readKvGeometry(session);
  const prompt = Array.from(
    { length: flags.context - flags.steps },
    (_, index) => (index * 7 + 3) % geometry.vocabSize,
  );
  const times = new Map<string, number[]>();
  const time = async (name: string, work: () => Promise<unknown>, keep: boolean) => {
    const started = performance.now();
    await work();
    if (keep) times.set(name, [...(times.get(name) ?? []), performance.now() - started]);
  };
  for (let round = 0; round <= flags.repeats; round += 1) {
    const run = new GreedyRun(session, flags.batch, flags.context);
    await run.prefill(prompt);
    // The probes read a copy of the run's cache (its written positions only, so that the rest stays untouched zero
    // pages as in the run's): as cold as the run's own, which they would otherwise warm up.
    const copy = new KvCache(geometry, flags.batch, flags.context);
    const [row, written] = [flags.context * geometry.headDim, run.cache.length * geometry.headDim];
    for (let start = 0; start < copy.data.length; start += row) {
      copy.data.set(run.cache.data.subarray(start, start + written), start);
    }
    for (let step = 0; step < flags.steps; step += 1) {
      const feeds = {
        ...copy.feeds,
        input_ids: inputIdsTensor(Array.from({ length: flags.batch }, () => [7])),
        past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(run.cache.length)), [1]),
      };
      for (const [name, probe] of probes) await time(name, () => probe.run(feeds), round > 0);
      await time('step', () => run.step(), round > 0); // round 0 warms up
    }
  }
  return (name: string) => median(times.get(name)!) * 1000;
}

async function main(): Promise<void> {
  const { probes, graphs, flags } = parseArguments(process.argv.slice(2));
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'] };
  if (flags.threads > 0) options.intraOpNumThreads = flags.threads;
  const open = (file: string) => ort.InferenceSession.create(file, options);
  console.log(`batch ${flags.batch}, S = ${flags.context}, threads ${flags.threads || 'default'}; medians in µs`);
  console.log('| graph | step | run overhead | weight MatMuls | cache attention | rest (other nodes, JS) |');
  console.log('|---|---|---|---|---|---|');
  for (const { label, file } of graphs) {
    const session = await open(file);
    const names = ['overhead', 'attention', weightsProbe(label)];
    const probeSessions = new Map(
      await Promise.all(names.map(async (name) => [name, await open(`${probes}/${name}.onnx`)] as const)),
    );
    const us = await breakdown(session, probeSessions, flags);
    const [step, overhead] = [us('step'), us('overhead')];
    const [weights, attention] = [us(weightsProbe(label)) - overhead, us('attention') - overhead];
    const cells = [step, overhead, weights, attention, step - overhead - weights - attention];
    console.log(`| ${label} | ${cells.map((value) => value.toFixed(0)).join(' | ')} |`);
    for (const probe of [session, ...probeSessions.values()]) await probe.release();
  }
}

/** The weights probe matching a graph's label. */
function weightsProbe(label: string): string {
  return label.startsWith('int8-') ? `weights.${label}` : 'weights';
}

await main();
