// Compares a mosaic-kv-v2 fp32 graph with its precision variants: size, prefill and decode speed, and logit quality on held-out tokens.
// Usage: node --import tsx models/tools/compare-variants.ts base.onnx [name=]variant.onnx ... --heldout tokens.json --out report.json
//        [--prompt 64] [--steps 32] [--batches 1,8] [--repeats 3] [--max-sequences 16] [--max-tokens 128]
// tokens.json is a JSON array of token sequences; the report's `variants` array is meant for the model card.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cpus } from 'node:os';
import * as ort from 'onnxruntime-node';
import { timeDecoding } from './decode-timing.js';
import { labelledPath, splitArguments, variantLabel } from './tool-arguments.js';
import { compareLogits, sequenceLogits, type QualityReport } from './logit-quality.js';

interface Options {
  graphs: { name: string; file: string }[];
  heldout: string;
  out: string;
  prompt: number;
  steps: number;
  batches: number[];
  repeats: number;
  maxSequences: number;
  maxTokens: number;
}

interface VariantReport {
  name: string;
  file: string;
  bytes: number;
  /** Median ms of one batch-1 prompt run of `settings.prompt` tokens. */
  prefillMs: number;
  decode: { batch: number; stepMs: number; msPerToken: number; tokensPerSecond: number }[];
  quality: QualityReport;
}

/** "model.int8-dynamic.onnx" -> "int8-dynamic"; "label=path" names a graph explicitly. */
function namedGraph(argument: string, fallback: string): { name: string; file: string } {
  const { label, file } = labelledPath(argument, (path) => variantLabel(path, fallback));
  return { name: label, file };
}

function parseOptions(argv: string[]): Options {
  const { named: flags, positional } = splitArguments(argv);
  const [base, ...variants] = positional;
  if (!base || !flags.get('heldout') || !flags.get('out')) {
    throw new Error('usage: compare-variants.ts base.onnx variant.onnx ... --heldout tokens.json --out report.json');
  }
  const number = (name: string, fallback: number) => Number(flags.get(name) ?? fallback);
  return {
    graphs: [namedGraph(base, 'fp32'), ...variants.map((variant, index) => namedGraph(variant, `variant${index + 1}`))],
    heldout: flags.get('heldout')!,
    out: flags.get('out')!,
    prompt: number('prompt', 64),
    steps: number('steps', 32),
    batches: (flags.get('batches') ?? '1,8').split(',').map(Number),
    repeats: number('repeats', 3),
    maxSequences: number('max-sequences', 16),
    maxTokens: number('max-tokens', 128),
  };
}

async function measure(
  graph: { name: string; file: string },
  options: Options,
  sequences: number[][],
  baseLogits: Float32Array[],
): Promise<VariantReport> {
  const session = await ort.InferenceSession.create(graph.file, { executionProviders: ['cpu'] });
  try {
    const promptSource = sequences.flat();
    const prompt = Array.from({ length: options.prompt }, (_, index) => promptSource[index % promptSource.length]!);
    const decode = [];
    let prefillMs = Number.NaN;
    for (const batch of options.batches) {
      const timing = await timeDecoding(session, prompt, batch, options.steps, options.repeats);
      if (batch === 1 || Number.isNaN(prefillMs)) prefillMs = timing.prefillMs;
      decode.push({
        batch,
        stepMs: timing.stepMs,
        msPerToken: timing.stepMs / batch,
        tokensPerSecond: timing.tokensPerSecond,
      });
    }
    const quality = await compareLogits(baseLogits, session, sequences);
    return {
      name: graph.name,
      file: basename(graph.file),
      bytes: statSync(graph.file).size,
      prefillMs,
      decode,
      quality,
    };
  } finally {
    await session.release();
  }
}

function markdownTable(reports: VariantReport[], options: Options): string {
  const decodeHeads = options.batches.map((batch) => `decode ms/step b${batch}`);
  const lines = [
    `| variant | size | prefill ms (${options.prompt} tok) | ${decodeHeads.join(' | ')} | max abs logit diff | mean abs logit diff | top-1 agree | loss delta |`,
    `|---|---|---|${decodeHeads.map(() => '---').join('|')}|---|---|---|---|`,
  ];
  for (const report of reports) {
    const decode = report.decode.map((entry) => entry.stepMs.toFixed(2));
    const quality = report.quality;
    lines.push(
      `| ${report.name} | ${(report.bytes / 1e6).toFixed(2)} MB | ${report.prefillMs.toFixed(2)} | ${decode.join(' | ')} | ` +
        `${quality.maxAbsLogitDiff.toExponential(2)} | ${quality.meanAbsLogitDiff.toExponential(2)} | ${(quality.top1Agreement * 100).toFixed(2)} % | ${quality.lossDelta.toFixed(5)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const all = JSON.parse(readFileSync(options.heldout, 'utf8')) as number[][];
  const sequences = all
    .slice(0, options.maxSequences)
    .map((sequence) => sequence.slice(0, options.maxTokens))
    .filter((sequence) => sequence.length >= 2);
  if (sequences.length === 0) throw new Error(`${options.heldout} holds no sequence of 2 or more tokens`);

  const baseSession = await ort.InferenceSession.create(options.graphs[0]!.file, { executionProviders: ['cpu'] });
  const baseLogits: Float32Array[] = [];
  try {
    for (const sequence of sequences) baseLogits.push(await sequenceLogits(baseSession, sequence));
  } finally {
    await baseSession.release();
  }

  const reports: VariantReport[] = [];
  for (const graph of options.graphs) reports.push(await measure(graph, options, sequences, baseLogits));
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', onnxruntime: ort.env.versions.common },
    settings: { prompt: options.prompt, steps: options.steps, batches: options.batches, repeats: options.repeats },
    heldout: { file: basename(options.heldout), sequences: sequences.length, tokens: sequences.flat().length },
    variants: reports,
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(markdownTable(reports, options));
}

await main();
