// Batch-8 against batch-1 throughput of several graphs through the app's own decoder (`generate()`, plain sampling,
// pooled cache buffers, as the inference host runs it, but in this process), interleaved so that machine noise falls
// on every graph alike: each round runs each graph's batch-1 and batch-8 generation (which goes first alternates).
// Usage: node --import tsx models/research/batch-ratio.ts [label=]model.onnx ... [--rounds 61] [--new-tokens 252]
//        [--batch 8] [--threads 1] [--max-positions 1024]
// --max-positions is the graphs' learned-position limit (1024 for reference_decoder.py's; a package's manifest says
// its own): a generation stops there.
// Prints, per graph, the median batch-1 and batch-N tokens/s and the median of each round's own ratio with its
// quartiles. A round of a ~4M-parameter graph takes about 0.2 s, so many rounds are cheap; with the bench's 15 a
// ratio's median still moves by about ±0.2 between runs here.
import { basename } from 'node:path';
import * as ort from 'onnxruntime-node';
import { KvBufferPool } from '../../main/inference/decoding/kv-buffer-pool.js';
import { generate } from '../../main/inference/decoding/kv-generator.js';
import { readKvGeometry, type KvGeometry } from '../../main/inference/decoding/kv-graph.js';
import { percentile } from '../../tests/bench/bench-stats.js';
import { labelledPath, splitArguments } from '../tools/tool-arguments.js';

interface Flags {
  rounds: number;
  newTokens: number;
  batch: number;
  threads: number;
  maxPositions: number;
}

interface Graph {
  label: string;
  session: ort.InferenceSession;
  geometry: KvGeometry;
  batch1: number[];
  batchN: number[];
}

const PROMPT = [1, 2, 3, 4];

function parseArguments(argv: string[]): { graphs: { label: string; file: string }[]; flags: Flags } {
  const { named, positional } = splitArguments(argv);
  if (positional.length === 0) throw new Error('usage: batch-ratio.ts [label=]model.onnx ... [--rounds 61]');
  const whole = (name: string, fallback: number, least: number) => {
    const value = Number(named.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < least) throw new Error(`--${name} must be an integer ≥ ${least}`);
    return value;
  };
  return {
    graphs: positional.map((arg) => labelledPath(arg, (file) => basename(file))),
    flags: {
      rounds: whole('rounds', 61, 1),
      newTokens: whole('new-tokens', 252, 1),
      batch: whole('batch', 8, 2),
      threads: whole('threads', 1, 1),
      maxPositions: whole('max-positions', 1024, PROMPT.length + 1),
    },
  };
}

async function main(): Promise<void> {
  const { graphs: files, flags } = parseArguments(process.argv.slice(2));
  const graphs: Graph[] = [];
  for (const { label, file } of files) {
    const session = await ort.InferenceSession.create(file, {
      intraOpNumThreads: flags.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    graphs.push({ label, session, geometry: readKvGeometry(session), batch1: [], batchN: [] });
  }
  const pool = new KvBufferPool();
  const tokensPerSecond = async (graph: Graph, batch: number, seed: number) =>
    (
      await generate(graph.session, graph.geometry, {
        prompt: PROMPT,
        batch,
        maxNewTokens: Math.min(flags.newTokens, flags.maxPositions - PROMPT.length),
        sampling: { temperature: 1, topK: 0, topP: 1 },
        seed,
        maxPositions: flags.maxPositions,
        cacheBuffers: pool,
      })
    ).stats.tokensPerSecond;

  for (const graph of graphs) {
    await tokensPerSecond(graph, 1, 0);
    await tokensPerSecond(graph, flags.batch, 0);
  }
  for (let round = 0; round < flags.rounds; round += 1) {
    for (const graph of graphs) {
      const batchFirst = round % 2 === 1;
      if (batchFirst) graph.batchN.push(await tokensPerSecond(graph, flags.batch, round));
      graph.batch1.push(await tokensPerSecond(graph, 1, round));
      if (!batchFirst) graph.batchN.push(await tokensPerSecond(graph, flags.batch, round));
    }
  }

  const b = flags.batch;
  console.log(`${flags.rounds} rounds, ${flags.newTokens} new tokens, threads ${flags.threads}; medians`);
  console.log(`| graph | b1 tok/s | b${b} tok/s | b${b}/b1 | b${b}/b1 rounds p25–p75 |`);
  console.log('|---|---|---|---|---|');
  for (const graph of graphs) {
    const ratios = graph.batchN.map((value, round) => value / graph.batch1[round]!);
    const cells = [
      graph.label,
      percentile(graph.batch1, 50).toFixed(0),
      percentile(graph.batchN, 50).toFixed(0),
      percentile(ratios, 50).toFixed(2),
      `${percentile(ratios, 25).toFixed(2)}–${percentile(ratios, 75).toFixed(2)}`,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

await main();
