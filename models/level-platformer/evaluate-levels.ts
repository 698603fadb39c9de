// Metrics of a packaged level model over 200 levels with fixed seeds, run through the real pipeline in-process with
// onnxruntime-node (one intra-op thread), side by side with another version (--against, default 1.0.0), both with the
// app's current decoding (the per-window adherence controller), seed by seed in turn. --version defaults to the newest
// recipe. For 1.0.0 itself (no --against) the two arms are 1.0.0's two decodings: the level-wide budgets it was
// released with and the per-window controller. Writes the version's evaluation report (recipes.ts reportPath), then
// rewrites its card and manifest (package_level.py --refresh, or, without the training checkpoint, only the card's
// metrics section and the manifest's evaluation and card entry) unless the version is frozen (1.0.0: released, its
// package is never rewritten) or --no-refresh is given.
// node --import tsx models/level-platformer/evaluate-levels.ts [--version 1.1.0-rc.1] [--against 1.0.0] [--levels 200]
//   [--no-refresh] [--packages DIR] [--out FILE]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
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
import {
  measureAttributes,
  measureWindows,
  type AdherenceControl,
} from '../../main/inference/tasks/level/level-attributes.js';
import { columnsOf } from '../../main/inference/tasks/level/level-grid.js';
import { LevelPipeline } from '../../main/inference/tasks/level/level-pipeline.js';
import { structureProblems } from '../../main/inference/tasks/level/level-structure.js';
import { locateResources } from '../../main/platform/paths.js';
import {
  hundredColumnWindows,
  meanPairwiseDistance,
  median,
  novelty,
  patternCounts,
  patternKl,
  readPreparedCorpus,
  texture,
  type Texture,
} from './level-metrics.js';
import { isFrozen, recipeVersions, reportPath } from './recipes.js';

const here = new URL('.', import.meta.url).pathname;
const loadBefore = loadavg()[0]!;
const argument = (name: string) => process.argv[process.argv.indexOf(name) + 1];
const count = process.argv.includes('--levels') ? Number(argument('--levels')) : 200;
const resources = locateResources();
const version = process.argv.includes('--version') ? argument('--version')! : recipeVersions()[0]!;
const against = process.argv.includes('--against') ? argument('--against')! : version === '1.0.0' ? null : '1.0.0';
// --packages DIR reads the versions from DIR/<version>/ instead of the bundled catalog folder: candidates packaged with
// package_level.py --out before one is chosen (combine with --no-refresh).
const packagesRoot = process.argv.includes('--packages')
  ? argument('--packages')!
  : join(resources.root, 'models', 'packages', 'level-platformer');
const packageDir = (name: string) => join(packagesRoot, name);
const modelDir = packageDir(version);
interface PackageManifest {
  maxPositions: number;
  evaluation: { parameters: number; testNllPerColumn: number };
}
const readManifest = (name: string): PackageManifest => {
  const file = join(packageDir(name), 'manifest.json');
  if (!existsSync(file)) throw new Error(`level-platformer ${name} is not packaged (${file}): run build.sh ${name}`);
  return JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
};
/** The two arms compared: another version against this one with the app's decoding, or 1.0.0's two decodings. */
interface Arm {
  label: string;
  version: string;
  control: AdherenceControl;
}
const arms: [Arm, Arm] = against
  ? [
      { label: `level-platformer ${against}`, version: against, control: 'per-window' },
      { label: `level-platformer ${version}`, version, control: 'per-window' },
    ]
  : [
      { label: '1.0.0 decoding (level-wide budgets)', version, control: 'level-wide' },
      { label: 'per-window controller (shipped)', version, control: 'per-window' },
    ];
const manifests = Object.fromEntries(arms.map((arm) => [arm.version, readManifest(arm.version)]));
execFileSync('/usr/bin/python3', [join(here, 'level_data.py')]);
const corpus = readPreparedCorpus(join(here, '.work', 'prepared-corpus.json'));
const training = corpus.filter((level) => level.split === 'train');
const test = corpus.filter((level) => level.split === 'test');
// The texture reference: every whole 100-column window of the 15 Super Mario Bros levels, each with the prompt it earns.
const smbWindows = hundredColumnWindows(corpus.filter((level) => level.game === 'smb').map((level) => level.rows));
const smbPrompts = smbWindows.map((rows) => measureAttributes(columnsOf(rows)));

/** Level i of the prompt set asks for combination i mod 96: every MarioGPT prompt about twice. */
const combination = (i: number): LevelAttributes => ({
  pipes: pipeAmounts[i % 4]!,
  enemies: enemyAmounts[(i >> 2) % 4]!,
  blocks: blockAmounts[(i >> 4) % 3]!,
  elevation: elevations[Math.floor(i / 48) % 2]!,
});
/** Level i of the texture set asks for the prompt of SMB window i mod (number of windows): the corpus' own prompts. */
const corpusPrompt = (i: number): LevelAttributes => smbPrompts[i % smbPrompts.length]!;

const attributeNames = ['pipes', 'enemies', 'blocks', 'elevation'] as const;

interface Run {
  arm: Arm;
  delivered: GeneratedLevel[];
  raw: GeneratedLevel[];
  matching: GeneratedLevel[];
  /** Wall-clock ms per delivered level. */
  times: number[];
  /** CPU ms of this process per delivered level (user + system): what one core spends, less sensitive to load. */
  cpuTimes: number[];
}

/** Both arms, seed by seed in turn, so that the machine's load falls on both alike. */
async function evaluateArms(): Promise<Run[]> {
  const runtimes = arms.map((arm) =>
    createInProcessRuntime({ pipelines: [new LevelPipeline(undefined, { control: arm.control })], intraOpThreads: 1 }),
  );
  let id = 1;
  const generateLevel = async (
    runtime: (typeof runtimes)[number],
    arm: Arm,
    attributes: LevelAttributes,
    seed: number,
    repairBudget?: number,
  ): Promise<[GeneratedLevel, number, number]> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await runtime.handle({
      id: id++,
      op: 'task',
      task: 'level.platformer',
      modelPath: join(packageDir(arm.version), 'model.onnx'),
      modelDir: packageDir(arm.version),
      maxPositions: manifests[arm.version]!.maxPositions,
      params: { attributes, width: 100, seed, ...(repairBudget === undefined ? {} : { repairBudget }) },
    });
    const used = process.cpuUsage(cpu);
    return [
      levelTaskResultSchema.parse(result).levels[0]!,
      performance.now() - started,
      (used.user + used.system) / 1000,
    ];
  };
  const runs: Run[] = arms.map((arm) => ({
    arm,
    delivered: [],
    raw: [],
    matching: [],
    times: [],
    cpuTimes: [],
  }));
  // Warm-up: session creation is not a level's time.
  for (const [index, runtime] of runtimes.entries())
    await generateLevel(runtime, arms[index]!, combination(0), 1_000_000);
  for (let seed = 0; seed < count; seed += 1) {
    for (const [index, runtime] of runtimes.entries()) {
      const run = runs[index]!;
      const [level, ms, cpuMs] = await generateLevel(runtime, run.arm, combination(seed), seed);
      run.delivered.push(level);
      run.times.push(ms);
      run.cpuTimes.push(cpuMs);
      run.raw.push((await generateLevel(runtime, run.arm, combination(seed), seed, 0))[0]);
      run.matching.push((await generateLevel(runtime, run.arm, corpusPrompt(seed), seed))[0]);
    }
    if ((seed + 1) % 25 === 0) process.stderr.write(`${seed + 1}/${count} seeds\n`);
  }
  for (const runtime of runtimes) await runtime.dispose();
  return runs;
}

function summarise(run: Run) {
  const { delivered, raw, matching, times, cpuTimes } = run;
  const rate = (levels: GeneratedLevel[], test: (level: GeneratedLevel, seed: number) => boolean) =>
    levels.filter(test).length / levels.length;
  // MarioGPT's count: a prompt describes a 50-column window, so each whole 50-column window of a level (0–49, 50–99)
  // is measured on its own and compared with the prompt the level was asked for.
  const windows = delivered.flatMap((level, seed) =>
    measureWindows(columnsOf(level.rows)).map((measured) => ({ requested: combination(seed), measured })),
  );
  const windowRate = (test: (window: (typeof windows)[number]) => boolean) =>
    windows.filter(test).length / windows.length;
  const perWindow = Object.fromEntries(
    attributeNames.map((name) => [name, windowRate((window) => window.measured[name] === window.requested[name])]),
  ) as Record<(typeof attributeNames)[number], number>;
  const asked = (name: 'pipes' | 'enemies') => delivered.filter((_, seed) => combination(seed)[name] === 'none');
  const noEnemies = asked('enemies');
  const noPipes = asked('pipes');
  const noEnemiesWindows = windows.filter((window) => window.requested.enemies === 'none');
  const perAttribute = Object.fromEntries(
    attributeNames.map((name) => [
      name,
      rate(delivered, (level, seed) => level.attributes[name] === combination(seed)[name]),
    ]),
  ) as Record<(typeof attributeNames)[number], number>;
  const novelties = delivered.map((level) => novelty(level.rows, training));
  const trainingPatterns = patternCounts(training.map((level) => level.rows));
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
    noPipesLevels: noPipes.length,
    noPipesLevelsWithPipes: noPipes.filter((level) => /[<>[\]]/.test(level.rows.join(''))).length,
    promptAdherenceLevelWide: delivered.reduce((sum, level) => sum + level.adherence, 0) / (4 * delivered.length),
    promptAdherenceLevelWideAllFour: rate(delivered, (level) => level.adherence === 4),
    exactCopies: novelties.filter((entry) => entry.exactCopy).length,
    noveltyMedianTiles: median(novelties.map((entry) => entry.distance)),
    noveltyMinTiles: Math.min(...novelties.map((entry) => entry.distance)),
    diversityMeanPairwise: meanPairwiseDistance(delivered.map((level) => level.rows)),
    patternKl2x2: patternKl(trainingPatterns, patternCounts(delivered.map((level) => level.rows))),
    brokenStructures: delivered.filter((level) => structureProblems(columnsOf(level.rows)).length > 0).length,
    msPerLevelMedian: median(times),
    msPerLevelP90: [...times].sort((a, b) => a - b)[Math.floor(0.9 * (times.length - 1))]!,
    cpuMsPerLevelMedian: median(cpuTimes),
  };
  return {
    summary,
    perWindow,
    perAttribute,
    texturePromptSet: texture(delivered.map((level) => level.rows)),
    textureMatchingSet: texture(matching.map((level) => level.rows)),
    playableMatchingSet: rate(matching, (level) => level.playable),
  };
}

const runs = await evaluateArms();
const [before, after] = runs.map(summarise) as [ReturnType<typeof summarise>, ReturnType<typeof summarise>];
const trainingPatterns = patternCounts(training.map((level) => level.rows));
const testWindows = test.flatMap((level) =>
  Array.from({ length: Math.floor(level.rows[0]!.length / 100) }, (_, i) =>
    level.rows.map((row) => row.slice(i * 100, i * 100 + 100)),
  ),
);
const heldOutKl = patternKl(trainingPatterns, patternCounts(testWindows));
const smbTexture = texture(smbWindows);
// The figures the manifest carries: the shipped (per-window) decoding's.
const summary = { ...after.summary, patternKl2x2HeldOutReference: heldOutKl };

// An independent check of every delivered level: the Python breadth-first agent (second_agent.py), start in columns 0–2.
const levelsPath = join(here, '.work', 'evaluation-levels.json');
writeFileSync(
  levelsPath,
  JSON.stringify(
    runs.flatMap((run) =>
      run.delivered.map((level, seed) => ({
        version: run.arm.version,
        control: run.arm.control,
        seed,
        requested: combination(seed),
        ...level,
      })),
    ),
  ),
);
const verdicts = JSON.parse(
  execFileSync('/usr/bin/python3', [join(here, 'second_agent.py'), levelsPath], { maxBuffer: 64 * 2 ** 20 }).toString(),
) as { playable: boolean }[];
const independent = runs.map((run, index) => {
  const own = verdicts.slice(index * count, (index + 1) * count);
  return {
    playable: own.filter((verdict) => verdict.playable).length / count,
    agreement: own.filter((verdict, seed) => verdict.playable === run.delivered[seed]!.playable).length / count,
  };
}) as [{ playable: number; agreement: number }, { playable: number; agreement: number }];

const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
const side = (label: string, goal: string, pick: (figures: typeof after) => string) =>
  `| ${label} | ${pick(before)} | ${pick(after)} | ${goal} |`;
const textureRow = (label: string, key: keyof Texture, goal: string, digits = 1) =>
  `| ${label} | ${before.textureMatchingSet[key].toFixed(digits)} | ${after.textureMatchingSet[key].toFixed(digits)} | ${smbTexture[key].toFixed(digits)} | ${goal} |`;
const intro = against
  ? `${count} levels of 100 columns, seeds 0–${count - 1}, level i prompted with MarioGPT combination i mod 96 (all 96 ` +
    'prompts about twice), default settings, generated by the real pipeline in onnxruntime-node on one intra-op thread ' +
    `(\`node --import tsx models/level-platformer/evaluate-levels.ts --version ${version} --against ${against}\`). ` +
    `Each level is generated twice, with the same prompt and seed, by level-platformer ${against} and by ${version}, ` +
    "both with the app's current decoding (the per-window adherence controller: every 50-column window kept in the " +
    'prompt\'s buckets; "no pipes" and "no enemies" as hard masks; texture steering), the two versions seed by seed in turn.'
  : `${count} levels of 100 columns, seeds 0–${count - 1}, level i prompted with MarioGPT combination i mod 96 (all 96 ` +
    'prompts about twice), default settings, generated by the real pipeline in onnxruntime-node on one intra-op thread ' +
    '(`node --import tsx models/level-platformer/evaluate-levels.ts`). Each level is decoded twice: with the 1.0.0 ' +
    "decoding (the prompt's budgets kept over the whole level) and with the per-window adherence controller the app " +
    'now uses (every 50-column window kept in the prompt\'s buckets; "no pipes" and "no enemies" as hard masks).';
const nllRow = against
  ? [
      `| held-out negative log-likelihood per column, test levels (nats, 64-column windows; from training, lower is better) / parameters | ` +
        arms
          .map(
            (arm) =>
              `${manifests[arm.version]!.evaluation.testNllPerColumn.toFixed(3)} / ${manifests[arm.version]!.evaluation.parameters.toLocaleString('en-US')}`,
          )
          .join(' | ') +
        ' | |',
    ]
  : [];
const markdown = [
  intro,
  '',
  `| metric | ${arms[0].label} | ${arms[1].label} | goal |`,
  '|---|---|---|---|',
  ...nllRow,
  side(
    "prompt adherence per 50-column window, all four attributes (MarioGPT's count: columns 0–49 and 50–99 of each level, " +
      `${after.summary.promptWindows} windows)`,
    '≥ 90 %',
    (f) => percent(f.summary.promptAdherencePerWindowAllFour),
  ),
  side('… per attribute: pipes / enemies / blocks / elevation', '', (f) =>
    attributeNames.map((name) => percent(f.perWindow[name])).join(' / '),
  ),
  side(
    '"no enemies" levels with any enemy or cannon',
    '0',
    (f) => `${f.summary.noEnemiesLevelsWithEnemies} of ${f.summary.noEnemiesLevels}`,
  ),
  side(
    '"no pipes" levels with any pipe',
    '0',
    (f) => `${f.summary.noPipesLevelsWithPipes} of ${f.summary.noPipesLevels}`,
  ),
  side("prompt adherence on level-wide counts scaled to 50 columns, all four (not MarioGPT's count)", '', (f) =>
    percent(f.summary.promptAdherenceLevelWideAllFour),
  ),
  side("playable as delivered (the app's agent, start in columns 0–2)", '≥ 99.5 %', (f) =>
    percent(f.summary.playableDelivered),
  ),
  `| playable as delivered (independent breadth-first agent, second_agent.py) / agreement with the app's agent | ${percent(independent[0].playable)} / ${percent(independent[0].agreement)} | ${percent(independent[1].playable)} / ${percent(independent[1].agreement)} | ≥ 99.5 % |`,
  side('playable before any repair (same seeds, repair budget 0)', '', (f) => percent(f.summary.playableBeforeRepair)),
  side('levels the pipeline repaired', '', (f) => percent(f.summary.repairedLevels)),
  side('exact copies of a 100-column training window', '0', (f) => String(f.summary.exactCopies)),
  side(
    'novelty: minimum Hamming distance to the training windows, median (lowest)',
    '',
    (f) => `${f.summary.noveltyMedianTiles} (${f.summary.noveltyMinTiles}) tiles of 1,400`,
  ),
  side('diversity: mean pairwise Hamming distance', '', (f) => `${percent(f.summary.diversityMeanPairwise)} of tiles`),
  side(
    `2×2 tile-pattern KL(training ‖ generated), nats (held-out test levels: ${heldOutKl.toFixed(3)})`,
    '≤ 0.082',
    (f) => f.summary.patternKl2x2.toFixed(3),
  ),
  side('levels with a broken pipe or cannon', '0', (f) => String(f.summary.brokenStructures)),
  side(
    `ms per 100-column level end to end, median (p90) wall clock / median CPU time, one intra-op thread, in-process, ` +
      `both ${against ? 'versions' : 'decodings'} seed by seed in turn (1-minute load average ${loadBefore.toFixed(1)} before, ` +
      `${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores)`,
    '≤ 50 ms',
    (f) =>
      `${f.summary.msPerLevelMedian.toFixed(0)} (${f.summary.msPerLevelP90.toFixed(0)}) / ${f.summary.cpuMsPerLevelMedian.toFixed(0)}`,
  ),
  '',
  `Texture per 100 columns at matching prompts: ${count} more levels, level i prompted with the attributes of ` +
    `Super Mario Bros 100-column window i mod ${smbWindows.length} (every whole 100-column window of the 15 SMB levels, ` +
    'measured as MarioGPT would label it), against those SMB windows themselves. Bricks are `S`, gaps runs of ' +
    'columns with no solid bottom tile, enemies `E` + `B`, pipes `<>` pairs, ?-blocks `?` + `Q`, distinct columns ' +
    'the different 14-tile columns of a 100-column level.',
  '',
  `| per 100 columns | ${against ? arms[0].label : '1.0.0 decoding'} | ${against ? arms[1].label : 'per-window controller'} | SMB corpus | goal |`,
  '|---|---|---|---|---|',
  textureRow('bricks', 'bricks', '≤ 50'),
  textureRow('gaps', 'gaps', '≥ 2.7'),
  textureRow('enemies', 'enemies', '±30 %'),
  textureRow('pipes', 'pipes', '±30 %'),
  textureRow('?-blocks', 'questionBlocks', '±30 %'),
  textureRow('distinct columns', 'distinctColumns', '≥ 19'),
  `| non-air tiles | ${percent(before.textureMatchingSet.nonAir)} | ${percent(after.textureMatchingSet.nonAir)} | ${percent(smbTexture.nonAir)} | |`,
  `| playable as delivered (app's agent) | ${percent(before.playableMatchingSet)} | ${percent(after.playableMatchingSet)} | | |`,
].join('\n');
const evaluationPath = process.argv.includes('--out') ? argument('--out')! : reportPath(version, 'evaluation');
const previous = existsSync(evaluationPath)
  ? (JSON.parse(readFileSync(evaluationPath, 'utf8')) as { markdown?: string })
  : {};
const figures = (run: typeof after, check: { playable: number; agreement: number }) => ({
  perWindow: run.perWindow,
  perAttribute: run.perAttribute,
  texturePromptSet: run.texturePromptSet,
  textureMatchingSet: run.textureMatchingSet,
  playableMatchingSet: run.playableMatchingSet,
  independentAgent: check,
});
mkdirSync(dirname(evaluationPath), { recursive: true });
writeFileSync(
  evaluationPath,
  `${JSON.stringify(
    {
      summary,
      ...figures(after, independent[1]),
      ...(against
        ? { baseline: { version: against, summary: before.summary, ...figures(before, independent[0]) } }
        : { levelWideDecoding: { summary: before.summary, ...figures(before, independent[0]) } }),
      smbTexture,
      markdown,
    },
    null,
    1,
  )}\n`,
);
process.stdout.write(`${markdown}\n`);
if (isFrozen(version) && !process.argv.includes('--no-refresh')) {
  process.stdout.write(
    `level-platformer ${version} is frozen (recipes/${version}.json): ${evaluationPath} is written, its package is left as released.\n`,
  );
} else if (!process.argv.includes('--no-refresh')) {
  if (existsSync(join(here, '.work', version, 'training.json'))) {
    execFileSync('/usr/bin/python3', [join(here, 'package_level.py'), '--refresh', '--version', version], {
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
