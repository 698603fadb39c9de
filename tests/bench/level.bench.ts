// Level benchmark: a 100-column level end to end (decode, playability check, repairs) through the real inference host,
// one level and a batch of 4 variations, fp32 and int8, for every bundled version of level-platformer (seed by seed in
// turn, so that the machine's load falls on each alike); the goal is a median of at most 0.25 s for one level.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { levelTaskResultSchema, type LevelTaskResult } from '../../contract/levels.js';
import { newestFirst } from '../../common/semantic-version.js';
import { locateResources } from '../../main/platform/paths.js';
import { startBenchHost } from './bench-host.js';
import { fixed, markdownTable, median, percentile } from './bench-stats.js';

const resources = locateResources();
const packages = join(resources.root, 'models', 'packages', 'level-platformer');
/** The bundled versions of level-platformer, oldest first. */
export const bundledLevelVersions = (): string[] => newestFirst(readdirSync(packages)).reverse();
const goalMs = 250;
const prompts = [
  'many pipes, some enemies, little blocks, low elevation',
  'no pipes, many enemies, some blocks, high elevation',
  'little pipes, little enemies, little blocks, low elevation',
  'some pipes, no enemies, many blocks, high elevation',
];

interface Row {
  version: string;
  graph: string;
  variations: number;
  times: number[];
  decode: number[];
  check: number[];
  repair: number[];
  levels: number;
  playable: number;
  repaired: number;
}

export async function runLevelBench(runs = 20, versions = bundledLevelVersions()): Promise<string> {
  const maxPositions = Object.fromEntries(
    versions.map((version) => [
      version,
      (JSON.parse(readFileSync(join(packages, version, 'manifest.json'), 'utf8')) as { maxPositions: number })
        .maxPositions,
    ]),
  );
  const host = await startBenchHost();
  const level = async (
    version: string,
    graph: string,
    variations: number,
    seed: number,
  ): Promise<[number, LevelTaskResult]> => {
    const modelDir = join(packages, version);
    const started = performance.now();
    const result = await host.request({
      op: 'task',
      task: 'level.platformer',
      modelPath: join(modelDir, graph),
      modelDir,
      maxPositions: maxPositions[version]!,
      params: { prompt: prompts[seed % prompts.length], width: 100, variations, seed },
    });
    return [performance.now() - started, levelTaskResultSchema.parse(result)];
  };
  const rows: Row[] = [];
  const cold: Record<string, number> = {};
  try {
    for (const graph of ['model.onnx', 'model.int8-dynamic.onnx']) {
      for (const version of versions) cold[`${version} ${graph}`] = (await level(version, graph, 1, 1000))[0];
      for (const variations of [1, 4]) {
        const group = versions.map((version): Row => ({
          version,
          graph,
          variations,
          times: [],
          decode: [],
          check: [],
          repair: [],
          levels: 0,
          playable: 0,
          repaired: 0,
        }));
        for (const version of versions) await level(version, graph, variations, 999);
        for (let seed = 0; seed < runs; seed += 1) {
          for (const row of group) {
            const [ms, result] = await level(row.version, graph, variations, seed);
            row.times.push(ms);
            row.decode.push(result.levels[0]!.stats.decodeMs);
            for (const generated of result.levels) {
              row.check.push(generated.stats.checkMs);
              row.repair.push(generated.stats.repairMs);
              row.levels += 1;
              row.playable += generated.playable ? 1 : 0;
              row.repaired += generated.repairs.length > 0 ? 1 : 0;
            }
          }
        }
        rows.push(...group);
      }
    }
  } finally {
    await host.dispose();
  }
  const singles = versions.map((version) =>
    rows.find((row) => row.version === version && row.graph === 'model.onnx' && row.variations === 1)!,
  );
  const verdict = (row: Row) => (median(row.times) <= goalMs ? 'meets' : 'misses');
  return [
    `### Levels (level-platformer ${versions.join(' and ')}, 100 columns, through the inference host, 1 intra-op thread)`,
    '',
    `Median end to end for one level: ${singles.map((row) => `**${fixed(median(row.times))} ms** with ${row.version} (${verdict(row)} the ${goalMs} ms goal)`).join(', ')}. ` +
      `${runs} runs per row, seeds 0–${runs - 1} over 4 prompts, the versions seed by seed in turn; decode, check and repair are medians per level, ` +
      'repairs included in the end-to-end time. Cold = the first level after the host starts (session creation included).',
    '',
    markdownTable(
      [
        'version',
        'graph',
        'variations',
        'median ms',
        'p90 ms',
        'decode ms',
        'check ms',
        'repair ms',
        'playable',
        'repaired',
        'cold ms',
      ],
      rows.map((row) => [
        row.version,
        row.graph,
        row.variations,
        fixed(median(row.times)),
        fixed(percentile(row.times, 90)),
        fixed(median(row.decode)),
        fixed(median(row.check), 1),
        fixed(median(row.repair), 1),
        `${row.playable}/${row.levels}`,
        `${row.repaired}/${row.levels}`,
        row.variations === 1 ? fixed(cold[`${row.version} ${row.graph}`]!) : '',
      ]),
    ),
    '',
  ].join('\n');
}
