// Metrics of the packaged level model over 200 levels with fixed seeds, run through the real pipeline in-process with
// onnxruntime-node; writes evaluation.json, then rewrites the card and the manifest (package_level.py --refresh, or,
// without the training checkpoint, only the card's metrics section and the manifest's evaluation and card entry).
// node --import tsx models/level-platformer/evaluate-levels.ts [--levels 200] [--no-refresh]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  blockAmounts,
  elevations,
  enemyAmounts,
  levelTaskResultSchema,
  pipeAmounts,
  type GeneratedLevel,
  type LevelAttributes,
} from '../../contract/levels.js';
import { createInProcessRuntime } from '../../main/inference/in-process-runtime.js';
import { measureWindows } from '../../main/inference/tasks/level/level-attributes.js';
import { columnsOf } from '../../main/inference/tasks/level/level-grid.js';
import { LevelPipeline } from '../../main/inference/tasks/level/level-pipeline.js';
import { structureProblems } from '../../main/inference/tasks/level/level-structure.js';
import { locateResources } from '../../main/platform/paths.js';
import {
  meanPairwiseDistance,
  median,
  novelty,
  patternCounts,
  patternKl,
  readPreparedCorpus,
} from './level-metrics.js';

const here = new URL('.', import.meta.url).pathname;
const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const count = process.argv.includes('--levels') ? Number(argument('--levels')) : 200;
const resources = locateResources();
const modelDir = join(resources.root, 'models', 'packages', 'level-platformer', '1.0.0');
const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as { maxPositions: number };
execFileSync('/usr/bin/python3', [join(here, 'level_data.py')]);
const corpus = readPreparedCorpus(join(here, '.work', 'prepared-corpus.json'));
const training = corpus.filter((level) => level.split === 'train');
const test = corpus.filter((level) => level.split === 'test');

/** Level i asks for combination i mod 96: every MarioGPT prompt about twice. */
const combination = (i: number): LevelAttributes => ({
  pipes: pipeAmounts[i % 4]!,
  enemies: enemyAmounts[(i >> 2) % 4]!,
  blocks: blockAmounts[(i >> 4) % 3]!,
  elevation: elevations[Math.floor(i / 48) % 2]!,
});

const pipeline = new LevelPipeline();
const runtime = createInProcessRuntime({ pipelines: [pipeline] });
let id = 1;
async function generateLevel(seed: number, repairBudget?: number): Promise<[GeneratedLevel, number]> {
  const started = performance.now();
  const result = await runtime.handle({
    id: id++,
    op: 'task',
    task: 'level.platformer',
    modelPath: join(modelDir, 'model.onnx'),
    modelDir,
    maxPositions: manifest.maxPositions,
    params: {
      attributes: combination(seed),
      width: 100,
      seed,
      ...(repairBudget === undefined ? {} : { repairBudget }),
    },
  });
  return [levelTaskResultSchema.parse(result).levels[0]!, performance.now() - started];
}

const delivered: GeneratedLevel[] = [];
const raw: GeneratedLevel[] = [];
const times: number[] = [];
for (let seed = 0; seed < count; seed += 1) {
  const [level, ms] = await generateLevel(seed);
  delivered.push(level);
  times.push(ms);
  raw.push((await generateLevel(seed, 0))[0]);
  if ((seed + 1) % 25 === 0) process.stderr.write(`${seed + 1}/${count} levels\n`);
}
await runtime.dispose();

const rate = (levels: GeneratedLevel[], test: (level: GeneratedLevel) => boolean) =>
  levels.filter(test).length / levels.length;
const attributeNames = ['pipes', 'enemies', 'blocks', 'elevation'] as const;
// MarioGPT's count: a prompt describes a 50-column window, so each whole 50-column window of a level (0–49, 50–99) is
// measured on its own and compared with the prompt the level was asked for.
const windows = delivered.flatMap((level, seed) =>
  measureWindows(columnsOf(level.rows)).map((measured) => ({ requested: combination(seed), measured })),
);
const windowRate = (test: (window: (typeof windows)[number]) => boolean) =>
  windows.filter(test).length / windows.length;
const perWindow = Object.fromEntries(
  attributeNames.map((name) => [name, windowRate((window) => window.measured[name] === window.requested[name])]),
);
const noEnemies = delivered.filter((_, seed) => combination(seed).enemies === 'none');
const noEnemiesWindows = windows.filter((window) => window.requested.enemies === 'none');
const perAttribute = Object.fromEntries(
  attributeNames.map((name) => [
    name,
    rate(delivered, (level) => level.attributes[name] === combination(delivered.indexOf(level))[name]),
  ]),
);
const novelties = delivered.map((level) => novelty(level.rows, training));
const trainingPatterns = patternCounts(training.map((level) => level.rows));
const testWindows = test.flatMap((level) =>
  Array.from({ length: Math.floor(level.rows[0]!.length / 100) }, (_, i) =>
    level.rows.map((row) => row.slice(i * 100, i * 100 + 100)),
  ),
);
const summary = {
  levels: delivered.length,
  playableDelivered: rate(delivered, (level) => level.playable),
  playableBeforeRepair: rate(raw, (level) => level.playable),
  repairedLevels: rate(delivered, (level) => level.repairs.length > 0),
  promptWindows: windows.length,
  promptAdherencePerWindow:
    windows.reduce(
      (sum, window) => sum + attributeNames.filter((name) => window.measured[name] === window.requested[name]).length,
      0,
    ) /
    (4 * windows.length),
  promptAdherencePerWindowAllFour: windowRate((window) =>
    attributeNames.every((name) => window.measured[name] === window.requested[name]),
  ),
  noEnemiesLevels: noEnemies.length,
  noEnemiesLevelsWithEnemies: noEnemies.filter((level) => /[EB]/.test(level.rows.join(''))).length,
  noEnemiesWindowsMet: noEnemiesWindows.filter((window) => window.measured.enemies === 'none').length,
  noEnemiesWindows: noEnemiesWindows.length,
  promptAdherenceLevelWide: delivered.reduce((sum, level) => sum + level.adherence, 0) / (4 * delivered.length),
  promptAdherenceLevelWideAllFour: rate(delivered, (level) => level.adherence === 4),
  exactCopies: novelties.filter((entry) => entry.exactCopy).length,
  noveltyMedianTiles: median(novelties.map((entry) => entry.distance)),
  noveltyMinTiles: Math.min(...novelties.map((entry) => entry.distance)),
  diversityMeanPairwise: meanPairwiseDistance(delivered.map((level) => level.rows)),
  patternKl2x2: patternKl(trainingPatterns, patternCounts(delivered.map((level) => level.rows))),
  patternKl2x2HeldOutReference: patternKl(trainingPatterns, patternCounts(testWindows)),
  brokenStructures: delivered.filter((level) => structureProblems(columnsOf(level.rows)).length > 0).length,
  msPerLevelMedian: median(times),
};
const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
const markdown = [
  `${delivered.length} levels of 100 columns, seeds 0–${delivered.length - 1}, level i prompted with MarioGPT combination ` +
    `i mod 96 (all 96 prompts about twice), default settings, generated by the real pipeline in onnxruntime-node ` +
    '(models/level-platformer/evaluate-levels.ts).',
  '',
  '| metric | result | goal |',
  '|---|---|---|',
  `| playable as delivered (agent) | ${percent(summary.playableDelivered)} | ≥ 99 % |`,
  `| playable before any repair (same seeds, repair budget 0) | ${percent(summary.playableBeforeRepair)} | |`,
  `| levels the pipeline repaired | ${percent(summary.repairedLevels)} | |`,
  `| prompt adherence per 50-column window (MarioGPT's count, ${summary.promptWindows} windows: columns 0–49 and 50–99 of each level), per attribute | ${percent(summary.promptAdherencePerWindow)} (pipes ${percent(perWindow.pipes!)}, enemies ${percent(perWindow.enemies!)}, blocks ${percent(perWindow.blocks!)}, elevation ${percent(perWindow.elevation!)}) | ≥ 90 % |`,
  `| prompt adherence per 50-column window, all four attributes | ${percent(summary.promptAdherencePerWindowAllFour)} | |`,
  `| "no enemies" prompts: levels with any enemy or cannon; windows with at most 1 (MarioGPT's "no") | ${summary.noEnemiesLevelsWithEnemies} of ${summary.noEnemiesLevels} levels; ${summary.noEnemiesWindowsMet} of ${summary.noEnemiesWindows} windows | |`,
  `| prompt adherence on level-wide counts scaled to 50 columns (what the pipeline's budgets steer; not MarioGPT's count), per attribute / all four | ${percent(summary.promptAdherenceLevelWide)} (pipes ${percent(perAttribute.pipes!)}, enemies ${percent(perAttribute.enemies!)}, blocks ${percent(perAttribute.blocks!)}, elevation ${percent(perAttribute.elevation!)}) / ${percent(summary.promptAdherenceLevelWideAllFour)} | |`,
  `| exact copies of a 100-column training window | ${summary.exactCopies} | 0 |`,
  `| novelty: minimum Hamming distance to the training windows | median ${summary.noveltyMedianTiles} tiles of 1,400 (lowest ${summary.noveltyMinTiles}) | |`,
  `| diversity: mean pairwise Hamming distance | ${percent(summary.diversityMeanPairwise)} of tiles | |`,
  `| 2×2 tile-pattern KL(training ‖ generated) | ${summary.patternKl2x2.toFixed(3)} nats (held-out test levels: ${summary.patternKl2x2HeldOutReference.toFixed(3)}) | lower is closer |`,
  `| levels with a broken pipe or cannon | ${summary.brokenStructures} | 0 |`,
  `| median ms per level during this run (in-process; the machine is shared: see Speed for the benchmark) | ${summary.msPerLevelMedian.toFixed(0)} | |`,
].join('\n');
const previous = existsSync(join(here, 'evaluation.json'))
  ? (JSON.parse(readFileSync(join(here, 'evaluation.json'), 'utf8')) as { markdown?: string })
  : {};
writeFileSync(
  join(here, 'evaluation.json'),
  `${JSON.stringify({ summary, perWindow, perAttribute, markdown }, null, 1)}\n`,
);
// The levels themselves, for inspection and independent checks (not committed).
writeFileSync(
  join(here, '.work', 'evaluation-levels.json'),
  JSON.stringify(delivered.map((level, seed) => ({ seed, requested: combination(seed), ...level }))),
);
process.stdout.write(`${markdown}\n`);
if (!process.argv.includes('--no-refresh')) {
  if (existsSync(join(here, '.work', 'final', 'training.json'))) {
    execFileSync('/usr/bin/python3', [join(here, 'package_level.py'), '--refresh'], {
      env: { ...process.env, PYTHONPATH: `${join(here, '..', 'common')}:${here}` },
      stdio: 'inherit',
    });
  } else {
    patchPackage(previous.markdown ?? '', markdown, summary);
  }
}

/**
 * Without the training checkpoint (a fresh clone): the card's metrics section is replaced in place, and the manifest's
 * evaluation figures and card entry (size, sha256) follow, so the package stays consistent.
 */
function patchPackage(before: string, after: string, figures: Record<string, number>): void {
  const cardPath = join(modelDir, 'card.md');
  const card = readFileSync(cardPath, 'utf8');
  if (!before || !card.includes(before)) throw new Error('card.md has no metrics section to replace; run build.sh');
  const newCard = Buffer.from(card.replace(before, after));
  writeFileSync(cardPath, newCard);
  const manifestPath = join(modelDir, 'manifest.json');
  const packaged = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    files: { path: string; size: number; sha256: string }[];
    evaluation: Record<string, unknown>;
  };
  const { parameters, testNllPerColumn, trainingCpuMinutes } = packaged.evaluation;
  packaged.evaluation = { parameters, testNllPerColumn, trainingCpuMinutes, ...figures };
  const entry = packaged.files.find((file) => file.path === 'card.md')!;
  entry.size = newCard.length;
  entry.sha256 = createHash('sha256').update(newCard).digest('hex');
  writeFileSync(manifestPath, `${JSON.stringify(packaged, null, 2)}\n`);
}
