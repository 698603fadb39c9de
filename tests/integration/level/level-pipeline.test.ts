// The level.platformer pipeline end to end on the packaged model in the real inference runtime (onnxruntime-node).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { levelTaskResultSchema, type LevelTaskResult } from '../../../contract/levels.js';
import { createInProcessRuntime } from '../../../main/inference/in-process-runtime.js';
import { adherence, measureWindows } from '../../../main/inference/tasks/level/level-attributes.js';
import { columnsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { LevelPipeline } from '../../../main/inference/tasks/level/level-pipeline.js';
import { structureProblems } from '../../../main/inference/tasks/level/level-structure.js';
import { PlayabilityAgent, spawnOf } from '../../../main/inference/tasks/level/playability-agent.js';
import type { TaskProgress } from '../../../main/inference/tasks/task-pipeline.js';
import { locateResources } from '../../../main/platform/paths.js';

const resources = locateResources();
const modelDir = join(resources.root, 'models/packages/level-platformer/1.0.0');
const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as { maxPositions: number };
const pipeline = new LevelPipeline();
const progress: TaskProgress[] = [];
const runtime = createInProcessRuntime({ pipelines: [pipeline], onTaskProgress: (_, update) => progress.push(update) });
afterAll(async () => {
  await runtime.dispose();
});

let nextId = 1;
async function run(params: unknown, graph = 'model.onnx'): Promise<LevelTaskResult> {
  const result = await runtime.handle({
    id: nextId++,
    op: 'task',
    task: 'level.platformer',
    modelPath: join(modelDir, graph),
    modelDir,
    maxPositions: manifest.maxPositions,
    params,
  });
  return levelTaskResultSchema.parse(result);
}

/** True when the path crosses from column x - 1 to column x (it moves at most one column per cell). */
const crosses = (path: readonly [number, number][], x: number) =>
  path.some(([cx], i) => i > 0 && cx === x && path[i - 1]![0] === x - 1);

describe('level.platformer in the inference runtime', () => {
  it('generates playable 100-column variations from a MarioGPT prompt, with whole pipes', async () => {
    progress.length = 0;
    const result = await run({
      prompt: 'many pipes, some enemies, little blocks, low elevation',
      width: 100,
      variations: 4,
      seed: 7,
    });
    expect(result.attributes).toEqual({ pipes: 'many', enemies: 'some', blocks: 'little', elevation: 'low' });
    expect(result.levels).toHaveLength(4);
    for (const level of result.levels) {
      expect(level.rows.every((row) => row.length === 100)).toBe(true);
      expect(level.playable).toBe(true);
      expect(level.path[0]).toEqual(level.spawn);
      expect(level.path.at(-1)).toEqual(level.goal);
      expect(level.goal![0]).toBe(99);
      expect(structureProblems(columnsOf(level.rows))).toEqual([]);
      expect(level.rows.join('')).toContain('<>');
    }
    expect(new Set(result.levels.map((level) => level.rows.join(''))).size).toBe(4);
    expect(progress.at(-1)).toEqual({ fraction: 1, message: 'done' });
    // Progress moves while columns are drawn, not only between stages.
    const drawing = progress.filter((update) => update.message === 'drawing columns').map((update) => update.fraction!);
    expect(drawing.length).toBeGreaterThanOrEqual(4);
    expect(drawing).toEqual([...drawing].sort((a, b) => a - b));
    expect(drawing.at(-1)).toBeGreaterThan(0.3);
  });

  it('gives the same levels for the same seed', async () => {
    const params = { prompt: 'some pipes, little enemies, some blocks, high elevation', width: 64, seed: 3 };
    const [a, b] = [await run(params), await run(params)];
    expect(b.levels.map((level) => level.rows)).toEqual(a.levels.map((level) => level.rows));
    expect(a.seed).toBe(3);
  });

  it('keeps every pipe whole over many sampled levels, repairs switched off', async () => {
    let pipes = 0;
    for (const [seed, prompt] of [
      'many pipes, many enemies',
      'some pipes, high elevation',
      'many pipes, many blocks',
    ].entries()) {
      const result = await run({ prompt, width: 100, variations: 4, seed: 100 + seed, repairBudget: 0 });
      for (const level of result.levels) {
        expect(structureProblems(columnsOf(level.rows))).toEqual([]);
        pipes += level.rows.join('').split('<>').length - 1;
      }
    }
    expect(pipes).toBeGreaterThan(40);
  });

  it('honours structured attributes over the text prompt', async () => {
    const result = await run({
      prompt: 'many pipes, many enemies',
      attributes: { pipes: 'none', enemies: 'none', elevation: 'low' },
      width: 80,
      variations: 2,
      seed: 11,
    });
    for (const level of result.levels) {
      const text = level.rows.join('');
      expect(text).not.toMatch(/[<>[\]]/);
      // "No enemies" is a hard mask: not even the one MarioGPT's "none" bucket would allow.
      expect(text).not.toMatch(/[EBb]/);
      expect(level.rows.slice(0, 6).join('')).not.toMatch(/[X<>]/);
    }
  });

  it("keeps every 50-column window of 150-column levels in the prompt's buckets, counted as MarioGPT counts", async () => {
    let windows = 0;
    let adherent = 0;
    const prompts = [
      'many pipes, some enemies, little blocks, low elevation',
      'no pipes, many enemies, some blocks, high elevation',
      'little pipes, no enemies, many blocks, high elevation',
      'some pipes, little enemies, little blocks, low elevation',
    ];
    for (const [index, prompt] of prompts.entries()) {
      const result = await run({ prompt, width: 150, variations: 2, seed: 40 + index });
      for (const level of result.levels) {
        expect(level.playable).toBe(true);
        for (const measured of measureWindows(columnsOf(level.rows))) {
          windows += 1;
          adherent += adherence(result.attributes, measured) === 4 ? 1 : 0;
        }
      }
    }
    expect(windows).toBe(24);
    expect(adherent).toBeGreaterThanOrEqual(22);
  });

  it('regenerates a region: the outside is byte-identical and the seams are playable', async () => {
    const [original] = (await run({ prompt: 'little pipes, some enemies', width: 100, seed: 21 })).levels;
    const result = await run({ mode: 'regenerate', rows: original!.rows, from: 30, to: 52, variations: 3, seed: 5 });
    expect(result.region).toEqual({ from: 30, to: 52 });
    const before = columnsOf(original!.rows);
    const changed = result.levels.filter(
      (level) => columnsOf(level.rows).slice(30, 52).join() !== before.slice(30, 52).join(),
    );
    expect(changed.length).toBeGreaterThanOrEqual(2);
    for (const level of result.levels) {
      const after = columnsOf(level.rows);
      expect(after.slice(0, 30)).toEqual(before.slice(0, 30));
      expect(after.slice(52)).toEqual(before.slice(52));
      expect(level.playable).toBe(true);
      expect(crosses(level.path, 30) && crosses(level.path, 52)).toBe(true);
      expect(structureProblems(after)).toEqual([]);
      expect(level.repairs.every((repair) => repair.from >= 30 && repair.to <= 52)).toBe(true);
    }
  });

  it('regenerates the first and the last columns of a level', async () => {
    const [original] = (await run({ width: 60, seed: 8 })).levels;
    for (const [from, to] of [
      [0, 12],
      [48, 60],
    ]) {
      const [level] = (await run({ mode: 'regenerate', rows: original!.rows, from, to, seed: 9 })).levels;
      expect(level!.playable).toBe(true);
      expect(level!.spawn).not.toBeNull();
      expect(level!.goal?.[0]).toBe(59);
    }
  });

  it('spawns on the ground in columns 0–2 with a truthful playable flag (issue 18: seed 7 was walled in)', async () => {
    const agent = new PlayabilityAgent();
    const { levels } = await run({
      prompt: 'some pipes, many enemies, some blocks, high elevation',
      width: 100,
      variations: 4,
      seed: 7,
    });
    for (const level of levels) {
      const columns = columnsOf(level.rows);
      expect(level.spawn![0]).toBeLessThanOrEqual(2);
      // On the ground: the lowest standing cell of the first 3 columns, with no enemy there.
      expect(level.spawn).toEqual(spawnOf(columns));
      expect(level.spawn![1]).toBeGreaterThanOrEqual(10);
      expect(columns.slice(0, 3).join('')).not.toMatch(/[EBb<>[\]]/);
      // The flag is the agent's answer from that spawn on the delivered level; playable means the player leaves.
      expect(level.playable).toBe(agent.check(columns).playable);
      expect(level.playable).toBe(true);
      expect(level.path[0]).toEqual(level.spawn);
      expect(crosses(level.path, 5)).toBe(true);
      // No pipe stub sunk into the floor rows: every pipe top stands above them.
      expect(level.rows.slice(12).join('')).not.toMatch(/[<>]/);
    }
  });

  it('never puts an enemy on the spawn when columns 0–7 are regenerated', async () => {
    const [original] = (await run({ prompt: 'some pipes, many enemies', width: 60, seed: 7 })).levels;
    for (const seed of [1, 2, 3]) {
      const { levels } = await run({ mode: 'regenerate', rows: original!.rows, from: 0, to: 8, variations: 4, seed });
      for (const level of levels) {
        expect(columnsOf(level.rows).slice(0, 3).join('')).not.toContain('E');
        expect(level.spawn![0]).toBeLessThanOrEqual(2);
        expect(columnsOf(level.rows).slice(8)).toEqual(columnsOf(original!.rows).slice(8));
      }
    }
  });

  it('generates levels longer than the model window, continuing from the last columns', async () => {
    const [level] = (await run({ prompt: 'some pipes, some enemies', width: 300, seed: 4 })).levels;
    expect(level!.rows[0]).toHaveLength(300);
    expect(level!.playable).toBe(true);
    expect(structureProblems(columnsOf(level!.rows))).toEqual([]);
    expect(level!.adherence).toBe(4);
  });

  it('stops when cancelled', async () => {
    const id = nextId++;
    const running = runtime.handle({
      id,
      op: 'task',
      task: 'level.platformer',
      modelPath: join(modelDir, 'model.onnx'),
      modelDir,
      maxPositions: manifest.maxPositions,
      params: { width: 1024, variations: 8, seed: 2 },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await runtime.handle({ id: nextId++, op: 'cancel', targetId: id })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('runs the int8 variant as well', async () => {
    const result = await run(
      { prompt: 'little pipes, little enemies', width: 100, seed: 1 },
      'model.int8-dynamic.onnx',
    );
    expect(result.levels[0]!.playable).toBe(true);
  });

  it('refuses invalid parameters with BAD_REQUEST', async () => {
    await expect(run({ width: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(run({ mode: 'regenerate', rows: ['--'], from: 0, to: 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
