// Dungeon benchmark: a 12-room dungeon end to end (graph, every room drawn in one batch, agent, repairs, route) through
// the real inference host on one intra-op thread, fp32 and int8, and a 32-room dungeon; goal: a median ≤ 300 ms for 12.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dungeonGenerateFieldsSchema,
  dungeonTaskResultSchema,
  type DungeonTaskResult,
} from '../../contract/dungeons.js';
import { locateResources } from '../../main/platform/paths.js';
import { startBenchHost } from './bench-host.js';
import { fixed, markdownTable, median, percentile } from './bench-stats.js';

const modelDir = join(locateResources().root, 'models', 'packages', 'level-dungeon', '1.0.0');
const goalMs = 300;

interface Row {
  /** Every density at 1: the most monsters, blocks and water the model draws (where rooms need repairs most). */
  dense: boolean;
  graph: string;
  rooms: number;
  times: number[];
  decode: number[];
  check: number[];
  repair: number[];
  dungeons: number;
  playable: number;
  roomsRepaired: number;
  roomsDrawn: number;
}

export async function runDungeonBench(runs = 20): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as {
    maxPositions: number;
    defaults: Record<string, unknown>;
  };
  const host = await startBenchHost();
  const dungeon = async (
    graph: string,
    rooms: number,
    seed: number,
    dense = false,
  ): Promise<[number, DungeonTaskResult]> => {
    const started = performance.now();
    const result = await host.request({
      op: 'task',
      task: 'level.dungeon',
      modelPath: join(modelDir, graph),
      modelDir,
      maxPositions: manifest.maxPositions,
      modelDefaults: manifest.defaults,
      params: { rooms, keyLocks: 1, seed, ...(dense ? { enemyDensity: 1, blockDensity: 1, elementDensity: 1 } : {}) },
    });
    return [performance.now() - started, dungeonTaskResultSchema.parse(result)];
  };
  const rows: Row[] = [];
  const cold: Record<string, number> = {};
  try {
    for (const [graph, rooms, dense] of [
      ['model.onnx', 12, false],
      ['model.int8-dynamic.onnx', 12, false],
      ['model.onnx', 32, false],
      ['model.onnx', 12, true],
    ] as const) {
      if (!(graph in cold)) cold[graph] = (await dungeon(graph, rooms, 1000))[0];
      await dungeon(graph, rooms, 999, dense);
      const row: Row = {
        dense,
        graph,
        rooms,
        times: [],
        decode: [],
        check: [],
        repair: [],
        dungeons: 0,
        playable: 0,
        roomsRepaired: 0,
        roomsDrawn: 0,
      };
      for (let seed = 0; seed < runs; seed += 1) {
        const [ms, result] = await dungeon(graph, rooms, seed, dense);
        const [generated] = result.dungeons;
        row.times.push(ms);
        row.decode.push(generated!.stats.decodeMs);
        row.check.push(generated!.stats.checkMs);
        row.repair.push(generated!.stats.repairMs);
        row.dungeons += 1;
        row.playable += generated!.playable ? 1 : 0;
        row.roomsRepaired += generated!.repairs.length;
        row.roomsDrawn += generated!.rooms.length;
      }
      rows.push(row);
    }
  } finally {
    await host.dispose();
  }
  const twelve = rows[0]!;
  const defaults = dungeonGenerateFieldsSchema.parse({});
  return [
    '### Dungeons (level-dungeon 1.0.0, through the inference host, 1 intra-op thread)',
    '',
    `Median end to end for a 12-room dungeon: **${fixed(median(twelve.times))} ms** (${median(twelve.times) <= goalMs ? 'meets' : 'misses'} the ${goalMs} ms goal). ` +
      `${runs} runs per row, seeds 0–${runs - 1}, one key, densities at their defaults (${defaults.enemyDensity} enemies, ${defaults.blockDensity} blocks, ${defaults.elementDensity} elements) unless the row says all 1; the time runs from the request to the answer (graph, rooms decoded in one batch, ` +
      'agent, repairs, route); decode, check and repair are medians per dungeon. Cold = the first dungeon on a fresh host (session creation included).',
    '',
    markdownTable(
      [
        'graph',
        'rooms',
        'densities',
        'median ms',
        'p90 ms',
        'decode ms',
        'check ms',
        'repair ms',
        'connected',
        'rooms repaired',
        'cold ms',
      ],
      rows.map((row) => [
        row.graph,
        row.rooms,
        row.dense ? 'all 1' : 'defaults',
        fixed(median(row.times)),
        fixed(percentile(row.times, 90)),
        fixed(median(row.decode)),
        fixed(median(row.check), 1),
        fixed(median(row.repair), 1),
        `${row.playable}/${row.dungeons}`,
        `${row.roomsRepaired}/${row.roomsDrawn}`,
        row.rooms === 12 && !row.dense ? fixed(cold[row.graph]!) : '',
      ]),
    ),
    '',
  ].join('\n');
}
