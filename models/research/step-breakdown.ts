// Splits a mosaic-kv-v2 decoding step into its parts (run overhead, weight MatMuls, cache attention, layer norms,
// GELUs, the rest) at batch 1 and batch 8, and so says what each extra row of a batch costs, part by part.
// Usage: node --import tsx models/research/step-breakdown.ts probes/ [label=]model.onnx ... [--batches 1,8]
//        [--context 128] [--steps 32] [--repeats 5] [--threads 1]
// probes/ comes from `python -m mosaic_research.cost_probes` (the model's sizes: --kv-heads 1 for the multi-query
// reference); a graph labelled int8-weights or int8-dynamic (or named model.int8-*.onnx) is paired with the matching
// weights probe. Each round prefills the graph to context − steps positions, times `steps` real greedy steps (the cache
// then holds `context` positions) and then `steps` runs of each probe on that cache's views, every part in its own
// run of consecutive calls; the parts take turns in a different order each round. A probe's cost is its time minus
// the overhead probe's, and "rest" is the step minus all of them: the other nodes (concats, slices, transposes, adds),
// the parts' eviction of each other's data from the CPU caches, and the JS around session.run.
import * as ort from 'onnxruntime-node';
import { inputIdsTensor, readKvGeometry } from '../tools/kv-decoder.js';
import { GreedyRun, median } from '../tools/decode-timing.js';
import { labelledPath, splitArguments, variantLabel } from '../tools/tool-arguments.js';

interface Flags {
  batches: number[];
  context: number;
  steps: number;
  repeats: number;
  threads: number;
}

const PARTS = ['overhead', 'weights', 'attention', 'norms', 'activations'] as const;
type Part = (typeof PARTS)[number];

function parseArguments(argv: string[]): { probes: string; graphs: { label: string; file: string }[]; flags: Flags } {
  const { named, positional } = splitArguments(argv);
  const [probes, ...graphs] = positional;
  if (!probes || graphs.length === 0) throw new Error('usage: step-breakdown.ts probes/ [label=]model.onnx ...');
  const number = (name: string, fallback: number) => Number(named.get(name) ?? fallback);
  return {
    probes,
    graphs: graphs.map((argument) => labelledPath(argument, (file) => variantLabel(file, 'fp32'))),
    flags: {
      batches: (named.get('batches') ?? '1,8').split(',').map(Number),
      context: number('context', 128),
      steps: number('steps', 32),
      repeats: number('repeats', 5),
      threads: number('threads', 1),
    },
  };
}

/** Median µs per call of the graph's steps ('step') and of each probe, at one batch size. */
async function timeParts(
  session: ort.InferenceSession,
  probes: Map<Part, ort.InferenceSession>,
  batch: number,
  flags: Flags,
): Promise<Map<string, number>> {
  const geometry = readKvGeometry(session);
  const prompt = Array.from(
    { length: flags.context - flags.steps },
    (_, index) => (index * 7 + 3) % geometry.vocabSize,
  );
  const times = new Map<string, number[]>();
  const keep = (name: string, ms: number) => times.set(name, [...(times.get(name) ?? []), ms]);
  for (let round = 0; round <= flags.repeats; round += 1) {
    const run = new GreedyRun(session, batch, flags.context);
    await run.prefill(prompt);
    // The probes read the run's cache once its steps are done (all `context` positions); before, the positions the
    // steps have written so far (the probes would read the same amount of cache either way: the views are fixed).
    const feeds = () => ({
      ...run.cache.feeds,
      input_ids: inputIdsTensor(Array.from({ length: batch }, () => [7])),
      past_length: new ort.Tensor('int64', BigInt64Array.of(BigInt(run.cache.length)), [1]),
    });
    const order = ['step', ...PARTS];
    for (let turn = 0; turn < round % order.length; turn += 1) order.push(order.shift()!);
    for (const part of order) {
      for (let call = 0; call < flags.steps; call += 1) {
        if (part === 'step') {
          if (run.cache.length >= flags.context) break;
          const ms = await run.step();
          if (round > 0) keep(part, ms); // round 0 warms up
          continue;
        }
        const input = feeds();
        const started = performance.now();
        await probes.get(part as Part)!.run(input);
        if (round > 0) keep(part, performance.now() - started);
      }
    }
  }
  return new Map([...times].map(([name, ms]) => [name, median(ms) * 1000]));
}

/** The parts of a step in µs: each probe less the overhead probe, and the rest. */
function split(us: Map<string, number>): Record<string, number> {
  const overhead = us.get('overhead')!;
  const parts: Record<string, number> = { step: us.get('step')!, overhead };
  for (const part of PARTS.slice(1)) parts[part] = us.get(part)! - overhead;
  parts.rest = parts.step! - PARTS.reduce((sum, part) => sum + parts[part]!, 0);
  return parts;
}

async function main(): Promise<void> {
  const { probes, graphs, flags } = parseArguments(process.argv.slice(2));
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'] };
  if (flags.threads > 0) options.intraOpNumThreads = flags.threads;
  const open = (file: string) => ort.InferenceSession.create(file, options);
  const [first, last] = [flags.batches[0]!, flags.batches[flags.batches.length - 1]!];
  console.log(`S = ${flags.context}, threads ${flags.threads || 'default'}; medians in µs per step`);
  for (const { label, file } of graphs) {
    const session = await open(file);
    const probeSessions = new Map<Part, ort.InferenceSession>();
    for (const part of PARTS) {
      probeSessions.set(part, await open(`${probes}/${part === 'weights' ? weightsProbe(label) : part}.onnx`));
    }
    const byBatch = new Map<number, Record<string, number>>();
    for (const batch of flags.batches) byBatch.set(batch, split(await timeParts(session, probeSessions, batch, flags)));
    const rows = ['step', ...PARTS, 'rest'];
    const header = flags.batches.map((batch) => `b${batch}`);
    const perRow = last > first ? [`per row b${first}→b${last}`] : [];
    console.log(`\n${label} (${file})`);
    console.log(`| part | ${[...header, ...perRow].join(' | ')} |`);
    console.log(`|---|${[...header, ...perRow].map(() => '---').join('|')}|`);
    for (const row of rows) {
      const cells = flags.batches.map((batch) => byBatch.get(batch)![row]!.toFixed(1));
      if (last > first) {
        cells.push(((byBatch.get(last)![row]! - byBatch.get(first)![row]!) / (last - first)).toFixed(2));
      }
      console.log(`| ${row} | ${cells.join(' | ')} |`);
    }
    for (const probe of [session, ...probeSessions.values()]) await probe.release();
  }
}

/** The weights probe matching a graph's label. */
function weightsProbe(label: string): string {
  return label.startsWith('int8-') ? `weights.${label}` : 'weights';
}

await main();
