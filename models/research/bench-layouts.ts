// Benchmarks step decoding of mosaic-kv-v2 against the older layouts (mosaic-kv-v1, "present"), round by round.
// Usage: node --import tsx models/research/bench-layouts.ts [set=]v2.onnx[,v1.onnx][,present.onnx] ... [--batches 1,8]
//        [--contexts 128,512] [--steps 32] [--repeats 3] [--threads 1,0] [--json out.json]
// Each argument is a set of graphs from the same weights (reference_decoder.py writes them), the v2 graph first; a
// graph is labelled by the layout its inputs show, or by `label:` before its path. Steps are timed at cache capacity
// S = context: a prompt of S − steps tokens, then `steps` greedy steps; the set's graphs take turns round by round.
// --threads 0 is onnxruntime's default (one thread per core).
import { writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { inputIdsTensor, readKvGeometry, type KvCache, type KvGeometry } from '../tools/kv-decoder.js';
import { GreedyRun, TimedGreedyDecoding, median } from '../tools/decode-timing.js';
import { splitArguments } from '../tools/tool-arguments.js';

type Layout = 'mosaic-kv-v2' | 'mosaic-kv-v1' | 'present';

interface Graph {
  label: string;
  file: string;
  layout: Layout;
  session: ort.InferenceSession;
}

interface Timing {
  set: string;
  graph: string;
  threads: number;
  batch: number;
  context: number;
  stepMs: number;
  tokensPerSecond: number;
}

function layoutOf(session: ort.InferenceSession): Layout {
  if (session.inputNames.includes('kv_cache')) return 'mosaic-kv-v1';
  return session.inputNames.includes('past_length') ? 'mosaic-kv-v2' : 'present';
}

/** v1 (benchmark only): the same [L, 2, B, H, S, Dh] buffer as one `kv_cache` tensor, which the graph must Split. */
function v1Feeds(cache: KvCache): Record<string, ort.Tensor> {
  const { layers, kvHeads, headDim } = cache.geometry;
  return {
    kv_cache: new ort.Tensor('float32', cache.data, [layers, 2, cache.batch, kvHeads, cache.capacity, headDim]),
  };
}

/** "present" (benchmark only): per-layer past in, the whole grown cache out and fed back in at the next step. */
class PresentRun extends TimedGreedyDecoding {
  private past: Record<string, ort.Tensor>;
  private readonly pastNames: string[];

  constructor(
    private readonly session: ort.InferenceSession,
    geometry: KvGeometry,
    batch: number,
  ) {
    super(geometry, batch);
    this.pastNames = session.inputNames.filter((name) => name.startsWith('past_'));
    const empty = new ort.Tensor('float32', new Float32Array(0), [batch, geometry.kvHeads, 0, geometry.headDim]);
    this.past = Object.fromEntries(this.pastNames.map((name) => [name, empty]));
  }

  protected async decode(rows: number[][]): Promise<Float32Array> {
    const outputs = await this.session.run({ input_ids: inputIdsTensor(rows), ...this.past });
    this.past = Object.fromEntries(this.pastNames.map((name) => [name, outputs[name.replace('past_', 'present_')]!]));
    return outputs.logits!.data as Float32Array;
  }
}

function startRun(graph: Graph, geometry: KvGeometry, batch: number, capacity: number): TimedGreedyDecoding {
  if (graph.layout === 'present') return new PresentRun(graph.session, geometry, batch);
  const options = graph.layout === 'mosaic-kv-v1' ? { geometry, cacheFeeds: v1Feeds } : {};
  return new GreedyRun(graph.session, batch, capacity, options);
}

/** The prompt's logits must agree across a set: graphs of different weights would make the comparison meaningless. */
async function checkSameWeights(graphs: Graph[], geometry: KvGeometry, prompt: number[]): Promise<void> {
  const logits: Float32Array[] = [];
  for (const graph of graphs) {
    const run = startRun(graph, geometry, 1, prompt.length);
    await run.prefill(prompt);
    logits.push(run.logits);
  }
  for (const [index, values] of logits.entries()) {
    const diff = values.reduce((worst, value, i) => Math.max(worst, Math.abs(value - logits[0]![i]!)), 0);
    if (!(diff < 1e-3)) throw new Error(`${graphs[index]!.file} disagrees with ${graphs[0]!.file}: ${diff}`);
  }
}

async function openSet(argument: string, threads: number): Promise<{ set: string; graphs: Graph[] }> {
  const equals = argument.indexOf('=');
  const files = argument.slice(equals + 1).split(',');
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['cpu'] };
  if (threads > 0) options.intraOpNumThreads = threads;
  const graphs: Graph[] = [];
  for (const entry of files) {
    const colon = entry.indexOf(':');
    const file = entry.slice(colon + 1);
    const session = await ort.InferenceSession.create(file, options);
    const layout = layoutOf(session);
    graphs.push({ label: colon > 0 ? entry.slice(0, colon) : layout, file, layout, session });
  }
  return { set: equals > 0 ? argument.slice(0, equals) : files[0]!, graphs };
}

async function benchSet(argument: string, threads: number, flags: Flags): Promise<Timing[]> {
  const { set, graphs } = await openSet(argument, threads);
  const timings: Timing[] = [];
  try {
    if (graphs[0]!.layout !== 'mosaic-kv-v2') throw new Error(`${argument}: the first graph must be mosaic-kv-v2`);
    const geometry = readKvGeometry(graphs[0]!.session);
    const prompt = (length: number) => Array.from({ length }, (_, index) => (index * 7 + 3) % geometry.vocabSize);
    await checkSameWeights(graphs, geometry, prompt(16));
    for (const batch of flags.batches) {
      for (const context of flags.contexts) {
        const times: number[][] = graphs.map(() => []);
        // The graphs take turns round by round, each round a whole prompt + steps run: drift in machine speed hits
        // them alike, while every graph keeps its weights in cache through its steps as the app's one model would.
        for (let round = 0; round <= flags.repeats; round += 1) {
          for (const [index, graph] of graphs.entries()) {
            const run = startRun(graph, geometry, batch, context);
            await run.prefill(prompt(context - flags.steps));
            for (let step = 0; step < flags.steps; step += 1) {
              const ms = await run.step();
              if (round > 0) times[index]!.push(ms); // round 0 warms up
            }
          }
        }
        for (const [index, graph] of graphs.entries()) {
          const stepMs = median(times[index]!);
          const tokensPerSecond = (batch * 1000) / stepMs;
          timings.push({ set, graph: graph.label, threads, batch, context, stepMs, tokensPerSecond });
        }
      }
    }
  } finally {
    for (const graph of graphs) await graph.session.release();
  }
  return timings;
}

interface Flags {
  batches: number[];
  contexts: number[];
  steps: number;
  repeats: number;
  threads: number[];
  json: string | undefined;
}

function parseArguments(argv: string[]): { sets: string[]; flags: Flags } {
  const { named, positional: sets } = splitArguments(argv);
  const list = (name: string, fallback: string) => (named.get(name) ?? fallback).split(',').map(Number);
  return {
    sets,
    flags: {
      batches: list('batches', '1,8'),
      contexts: list('contexts', '128,512'),
      steps: Number(named.get('steps') ?? 32),
      repeats: Number(named.get('repeats') ?? 3),
      threads: list('threads', '1,0'),
      json: named.get('json'),
    },
  };
}

/** One row per set, threads, batch and S; ms/step and tokens/s per graph; batch-b ÷ batch-1 tokens/s of the first. */
function markdown(timings: Timing[]): string {
  const labels = [...new Set(timings.map((timing) => timing.graph))];
  const rows = timings.filter((timing) => timing.graph === timings.find((t) => t.set === timing.set)!.graph);
  const find = (row: Timing, graph: string, batch = row.batch) =>
    timings.find(
      (t) =>
        t.set === row.set &&
        t.threads === row.threads &&
        t.context === row.context &&
        t.batch === batch &&
        t.graph === graph,
    );
  const lines = [
    `| set | threads | batch | S | ${labels.map((l) => `${l} ms/step`).join(' | ')} | ` +
      `${labels.map((l) => `${l} tok/s`).join(' | ')} | tok/s ÷ batch 1 |`,
    `|---|---|---|---|${labels.map(() => '---|---|').join('')}---|`,
  ];
  for (const row of rows) {
    const cells = labels.map((label) => find(row, label));
    const single = find(row, row.graph, 1);
    const ratio = row.batch !== 1 && single ? (row.tokensPerSecond / single.tokensPerSecond).toFixed(2) : '';
    lines.push(
      `| ${row.set} | ${row.threads || 'default'} | ${row.batch} | ${row.context} | ` +
        `${cells.map((cell) => cell?.stepMs.toFixed(3) ?? '').join(' | ')} | ` +
        `${cells.map((cell) => cell?.tokensPerSecond.toFixed(0) ?? '').join(' | ')} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { sets, flags } = parseArguments(process.argv.slice(2));
  if (sets.length === 0) throw new Error('usage: bench-layouts.ts [set=]v2.onnx[,v1.onnx][,present.onnx] ...');
  const timings: Timing[] = [];
  for (const threads of flags.threads) for (const set of sets) timings.push(...(await benchSet(set, threads, flags)));
  if (flags.json) writeFileSync(flags.json, `${JSON.stringify({ flags, timings }, null, 2)}\n`);
  console.log(markdown(timings));
}

await main();
