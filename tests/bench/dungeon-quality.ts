// Dungeon quality end to end, as delivered by the level.dungeon pipeline (the card's figures re-measured through the
// real runtime rather than the trainer's sampler): 200 dungeons of 12 rooms, seeds 0–199, one key, default densities.
// Counts: connected by the agent and by the independent Python recount; rooms repaired; rooms in the buckets asked; interiors copied from the
// corpus (exactly, or a mirror of one); distinct interiors and mean pairwise Hamming per block of 100 rooms; 2×2
// tile-pattern KL(generated ‖ corpus); time per dungeon. Usage: node --import tsx tests/bench/dungeon-quality.ts [count]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dungeonTaskResultSchema, type Dungeon } from '../../contract/dungeons.js';
import { createInProcessRuntime } from '../../main/inference/in-process-runtime.js';
import { DungeonPipeline } from '../../main/inference/tasks/dungeon/dungeon-pipeline.js';
import { interiorOf } from '../../main/inference/tasks/dungeon/dungeon-rooms.js';
import { locateResources } from '../../main/platform/paths.js';
import { parseVglcZelda } from '../../main/services/dungeons/dungeon-files/vglc-zelda.js';
import { recount } from '../support/dungeon-recount.js';
import { vglcFolder } from '../support/vglc-corpus.js';
import { fixed, median } from './bench-stats.js';

const modelDir = join(locateResources().root, 'models/packages/level-dungeon/1.0.0');

/** The corpus's room interiors (7 rows of 12), rooms with an untranscribed ('-') interior left out. */
function corpusInteriors(): string[][] {
  const folder = join(vglcFolder, 'legend-of-zelda', 'processed');
  if (!existsSync(folder)) throw new Error(`The VGLC Zelda maps are not at ${folder}.`);
  return readdirSync(folder)
    .filter((name) => name.startsWith('tloz'))
    .flatMap((name) => parseVglcZelda(readFileSync(join(folder, name), 'utf8')).rooms)
    .map((room) => interiorOf(room.tiles))
    .filter((interior) => !interior.join('').includes('-'));
}

const mirrors = (interior: string[]): string[] => {
  const flipX = interior.map((row) => [...row].reverse().join(''));
  return [interior, flipX, [...interior].reverse(), [...flipX].reverse()].map((rows) => rows.join('/'));
};

function patterns(interiors: readonly string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const rows of interiors) {
    for (let y = 0; y + 1 < rows.length; y += 1) {
      for (let x = 0; x + 1 < rows[y]!.length; x += 1) {
        const key = rows[y]!.slice(x, x + 2) + rows[y + 1]!.slice(x, x + 2);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** KL(p ‖ q) in nats over the patterns either holds, each count smoothed by +1. */
function kl(p: Map<string, number>, q: Map<string, number>): number {
  const keys = new Set([...p.keys(), ...q.keys()]);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0) + keys.size;
  const [tp, tq] = [total(p), total(q)];
  let sum = 0;
  for (const key of keys) {
    const pi = ((p.get(key) ?? 0) + 1) / tp;
    const qi = ((q.get(key) ?? 0) + 1) / tq;
    sum += pi * Math.log(pi / qi);
  }
  return sum;
}

function blockStats(interiors: readonly string[][]): { distinct: number; hamming: number } {
  const distinct: number[] = [];
  const hamming: number[] = [];
  for (let start = 0; start + 100 <= interiors.length; start += 100) {
    const block = interiors.slice(start, start + 100).map((rows) => rows.join(''));
    distinct.push(new Set(block).size);
    let pairs = 0;
    let differing = 0;
    for (let i = 0; i < block.length; i += 1) {
      for (let j = i + 1; j < block.length; j += 1) {
        pairs += 1;
        for (let k = 0; k < block[i]!.length; k += 1) if (block[i]![k] !== block[j]![k]) differing += 1;
      }
    }
    hamming.push(differing / pairs / block[0]!.length);
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { distinct: mean(distinct), hamming: mean(hamming) };
}

export async function runDungeonQuality(count = 200): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as {
    maxPositions: number;
    defaults: Record<string, unknown>;
  };
  const runtime = createInProcessRuntime({ pipelines: [new DungeonPipeline()] });
  const dungeons: Dungeon[] = [];
  const times: number[] = [];
  try {
    for (let seed = 0; seed < count; seed += 1) {
      const result = dungeonTaskResultSchema.parse(
        await runtime.handle({
          id: seed + 1,
          op: 'task',
          task: 'level.dungeon',
          modelPath: join(modelDir, 'model.onnx'),
          modelDir,
          maxPositions: manifest.maxPositions,
          modelDefaults: manifest.defaults,
          params: { rooms: 12, keyLocks: 1, seed },
        }),
      );
      dungeons.push(...result.dungeons);
      times.push(result.totalMs);
    }
  } finally {
    await runtime.dispose();
  }
  const corpus = corpusInteriors();
  const corpusSet = new Set(corpus.map((rows) => rows.join('/')));
  const generated = dungeons.flatMap((dungeon) => dungeon.rooms.map((room) => interiorOf(room.tiles)));
  const copies = generated.filter((rows) => corpusSet.has(rows.join('/'))).length;
  const mirrored = generated.filter((rows) => mirrors(rows).some((key) => corpusSet.has(key))).length;
  const repaired = dungeons.reduce((sum, dungeon) => sum + dungeon.repairs.length, 0);
  const asAsked = dungeons.reduce((sum, dungeon) => sum + dungeon.stats.roomsAsAsked, 0);
  const counted = recount(dungeons);
  const ours = blockStats(generated);
  const theirs = blockStats(corpus);
  const percent = (part: number, whole: number) => `${fixed((100 * part) / whole, 1)} %`;
  return [
    `### Dungeon quality (level-dungeon 1.0.0 through the level.dungeon pipeline, ${count} dungeons × 12 rooms, seeds 0–${count - 1})`,
    '',
    '| measure | generated | corpus |',
    '| --- | --- | --- |',
    `| connected as delivered (agent / Python recount) | ${dungeons.filter((d) => d.playable).length}/${dungeons.length} / ${counted.passed}/${counted.checked} | — |`,
    `| rooms repaired (model redraw or carve) | ${repaired}/${generated.length} | — |`,
    `| rooms whose monsters, blocks and water fall in the buckets asked | ${percent(asAsked, generated.length)} | — |`,
    `| interiors identical to a corpus interior | ${percent(copies, generated.length)} (a mirror of one: ${percent(mirrored, generated.length)}) | ${corpusSet.size} unique of ${corpus.length} |`,
    `| distinct interiors per 100 rooms | ${fixed(ours.distinct, 1)} | ${fixed(theirs.distinct, 1)} |`,
    `| mean pairwise Hamming per 100 rooms (share of tiles) | ${fixed(ours.hamming, 3)} | ${fixed(theirs.hamming, 3)} |`,
    `| 2×2 tile-pattern KL(generated ‖ corpus), nats | ${fixed(kl(patterns(generated), patterns(corpus)), 3)} | — |`,
    `| ms per 12-room dungeon, median (in-process, session warm) | ${fixed(median(times.slice(1)))} | — |`,
    '',
  ].join('\n');
}

/**
 * `--card`: the table also goes to models/level-dungeon/reports/1.0.0/as-delivered.md and replaces the card's section
 * between its markers (package_dungeon.py writes the same file into the card when it rebuilds it).
 */
function writeToCard(table: string, count: number): void {
  const root = locateResources().root;
  const section = [
    '## As delivered by the app',
    '',
    `The level.dungeon pipeline through onnxruntime-node (graph, rooms in one batch, agent, repairs), ${count} dungeons of`,
    '12 rooms, seeds from 0, one key, default densities; `node --import tsx tests/bench/dungeon-quality.ts ' +
      `${count} --card\` (after \`npm run build\`). "Connected" means every room reached from the spawn through doors`,
    '(keys before their locks) and every door of a room reaching every other over walkable tiles, counted by the',
    "app's agent and again by `tests/support/dungeon_check.py`, written apart in Python.",
    '',
    table.split('\n').slice(1).join('\n').trim(),
  ].join('\n');
  writeFileSync(join(root, 'models/level-dungeon/reports/1.0.0/as-delivered.md'), `${section}\n`);
  const cardPath = join(modelDir, 'card.md');
  const start = '<!-- as delivered: written by tests/bench/dungeon-quality.ts --card -->';
  const end = '<!-- end as delivered -->';
  const card = readFileSync(cardPath, 'utf8');
  const from = card.indexOf(start);
  const to = card.indexOf(end);
  if (from < 0 || to < from)
    throw new Error(`${cardPath} has no "as delivered" markers: rebuild it with package_dungeon.py --refresh`);
  const newCard = Buffer.from(`${card.slice(0, from + start.length)}\n${section}\n${card.slice(to)}`);
  writeFileSync(cardPath, newCard);
  // The manifest lists the card with its size and sha256: keep the package consistent.
  const manifestPath = join(modelDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    files: { path: string; size: number; sha256: string }[];
  };
  const entry = manifest.files.find((file) => file.path === 'card.md');
  if (!entry) throw new Error(`${manifestPath} lists no card.md`);
  entry.size = newCard.length;
  entry.sha256 = createHash('sha256').update(newCard).digest('hex');
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1]?.endsWith('dungeon-quality.ts')) {
  const count = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 200);
  const table = await runDungeonQuality(count);
  process.stdout.write(`${table}\n`);
  if (process.argv.includes('--card')) writeToCard(table, count);
}
