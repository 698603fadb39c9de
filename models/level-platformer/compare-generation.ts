// Generation half of the tokenization comparison: speed and raw (unconstrained, unrepaired) level quality per model.
// node --import tsx models/level-platformer/compare-generation.ts <column.onnx> <tile.onnx> <vocabulary.json> <corpus.json> [levels]
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { generate } from '../../main/inference/decoding/kv-generator.js';
import { readKvGeometry } from '../../main/inference/decoding/kv-graph.js';
import type { ConstraintFactory } from '../../main/inference/decoding/token-constraint.js';
import { columnsOf, rowsOf } from '../../main/inference/tasks/level/level-grid.js';
import { structureProblems } from '../../main/inference/tasks/level/level-structure.js';
import { PlayabilityAgent } from '../../main/inference/tasks/level/playability-agent.js';
import { median, novelty, patternCounts, patternKl, readPreparedCorpus } from './level-metrics.js';

const [columnModel, tileModel, vocabularyPath, corpusPath, count = '20'] = process.argv.slice(2);
const vocabulary = JSON.parse(readFileSync(vocabularyPath!, 'utf8')) as { columns: string[]; tiles: string };
const corpus = readPreparedCorpus(corpusPath!);
const training = corpus.filter((level) => level.split === 'train');
const levels = Number(count);
const width = 100;
const window = 32;
const context = 16;
const first = 16;
// One prompt per level, cycling through the conditioning combinations most common in the training windows.
const prompts = [
  [1, 6, 8, 11],
  [0, 5, 8, 12],
  [2, 7, 9, 12],
  [1, 5, 8, 11],
];

interface Tokenization {
  name: string;
  tokensPerColumn: number;
  vocabularySize: number;
  encode(columns: string[]): number[];
  decode(tokens: number[]): string[];
}

const columnTokens: Tokenization = {
  name: 'column',
  tokensPerColumn: 1,
  vocabularySize: first + vocabulary.columns.length,
  encode: (columns) => columns.map((column) => first + vocabulary.columns.indexOf(column)),
  decode: (tokens) => tokens.map((token) => vocabulary.columns[token - first]!),
};
const tileTokens: Tokenization = {
  name: 'tile',
  tokensPerColumn: 14,
  vocabularySize: first + vocabulary.tiles.length,
  encode: (columns) =>
    columns.flatMap((column) => [...column].reverse().map((tile) => first + vocabulary.tiles.indexOf(tile))),
  decode: (tokens) => {
    const columns: string[] = [];
    for (let x = 0; x + 14 <= tokens.length; x += 14) {
      columns.push(
        tokens
          .slice(x, x + 14)
          .map((token) => vocabulary.tiles[token - first])
          .reverse()
          .join(''),
      );
    }
    return columns;
  },
};

async function measure(path: string, tokenization: Tokenization) {
  const session = await ort.InferenceSession.create(path, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
  const geometry = readKvGeometry(session);
  const levelTokens = new Uint8Array(geometry.vocabSize)
    .fill(0)
    .map((_, token) => (token >= first && token < tokenization.vocabularySize ? 1 : 0));
  const onlyLevelTokens: ConstraintFactory = () => ({
    writeAllowed: (mask) => (mask.set(levelTokens), true),
    accept: () => undefined,
    isComplete: () => false,
  });
  const per = tokenization.tokensPerColumn;
  const maxPositions = 5 + window * per;
  const agent = new PlayabilityAgent();
  const made: string[][] = [];
  const times: number[] = [];
  for (let seed = -1; seed < levels; seed += 1) {
    const prompt = prompts[Math.abs(seed) % prompts.length]!;
    const started = performance.now();
    let columns: string[] = [];
    for (let chunk = 0; columns.length < width; chunk += 1) {
      const history = columns.slice(-context);
      const take = Math.min(width - columns.length, chunk === 0 ? window : window - context);
      const result = await generate(session, geometry, {
        prompt: [...prompt, chunk === 0 ? 13 : 14, ...tokenization.encode(history)],
        batch: 1,
        maxNewTokens: take * per,
        sampling: { temperature: 1, topK: 0, topP: 1 },
        seed: Math.max(0, seed) * 1000 + chunk,
        maxPositions,
        constraint: onlyLevelTokens,
      });
      columns = [...columns, ...tokenization.decode(result.rows[0]!)];
    }
    if (seed >= 0) {
      times.push(performance.now() - started);
      made.push(rowsOf(columns));
    }
  }
  await session.release();
  const playable = made.filter((rows) => agent.check(columnsOf(rows)).playable).length;
  const broken = made.filter((rows) => structureProblems(columnsOf(rows)).length > 0).length;
  const novelties = made.map((rows) => novelty(rows, training));
  return {
    ms_per_100_columns: median(times),
    playable_unrepaired: playable / made.length,
    pipes_malformed: broken / made.length,
    novel_levels: novelties.filter((entry) => !entry.exactCopy).length / made.length,
    median_novelty_fraction: median(novelties.map((entry) => entry.fraction)),
    pattern_kl_2x2: patternKl(patternCounts(training.map((level) => level.rows)), patternCounts(made)),
    levels: made.length,
  };
}

const report = {
  column: await measure(columnModel!, columnTokens),
  tile: await measure(tileModel!, tileTokens),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
