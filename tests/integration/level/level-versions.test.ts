// Every bundled version of level-platformer through the real pipeline (onnxruntime-node): 1.0.0 (multi-head attention)
// and the pre-release 1.1.0-rc.1 (one key/value head shared by two query heads: half the cache) decode, keep pipes
// whole, hold the per-window prompt and deliver playable levels, fp32 and int8; 1.1.0-rc.1's graph really has one
// key/value head.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { levelTaskResultSchema, type LevelTaskResult } from '../../../contract/levels.js';
import { newestFirst } from '../../../common/semantic-version.js';
import { createInProcessRuntime } from '../../../main/inference/in-process-runtime.js';
import { adherence, measureWindows } from '../../../main/inference/tasks/level/level-attributes.js';
import { columnsOf } from '../../../main/inference/tasks/level/level-grid.js';
import { LevelPipeline } from '../../../main/inference/tasks/level/level-pipeline.js';
import { structureProblems } from '../../../main/inference/tasks/level/level-structure.js';
import { locateResources } from '../../../main/platform/paths.js';

const packages = join(locateResources().root, 'models/packages/level-platformer');
const versions = newestFirst(readdirSync(packages));
const runtime = createInProcessRuntime({ pipelines: [new LevelPipeline()] });
afterAll(async () => {
  await runtime.dispose();
});

interface Manifest {
  version: string;
  maxPositions: number;
  inputs: { name: string; shape: (number | string)[] }[];
}
const manifestOf = (version: string) =>
  JSON.parse(readFileSync(join(packages, version, 'manifest.json'), 'utf8')) as Manifest;

let nextId = 1;
async function run(version: string, params: unknown, graph = 'model.onnx'): Promise<LevelTaskResult> {
  const modelDir = join(packages, version);
  const result = await runtime.handle({
    id: nextId++,
    op: 'task',
    task: 'level.platformer',
    modelPath: join(modelDir, graph),
    modelDir,
    maxPositions: manifestOf(version).maxPositions,
    params,
  });
  return levelTaskResultSchema.parse(result);
}

describe('bundled level-platformer versions', () => {
  it('bundles 1.0.0 and 1.1.0-rc.1; 1.1.0-rc.1 reads one key/value head where 1.0.0 reads four', () => {
    expect(versions).toEqual(expect.arrayContaining(['1.1.0-rc.1', '1.0.0']));
    const kvHeads = (version: string) =>
      manifestOf(version).inputs.find((input) => input.name === 'past_key_0')!.shape[1];
    expect(kvHeads('1.0.0')).toBe(4);
    expect(kvHeads('1.1.0-rc.1')).toBe(1);
  });

  for (const version of ['1.0.0', '1.1.0-rc.1']) {
    it(`${version}: playable 100-column levels with whole pipes, every 50-column window in the prompt's buckets`, async () => {
      const prompts = [
        'many pipes, some enemies, little blocks, low elevation',
        'no pipes, no enemies, some blocks, high elevation',
      ];
      let windows = 0;
      let adherent = 0;
      for (const [index, prompt] of prompts.entries()) {
        const result = await run(version, { prompt, width: 100, variations: 4, seed: 70 + index });
        expect(new Set(result.levels.map((level) => level.rows.join(''))).size).toBe(4);
        for (const level of result.levels) {
          expect(level.playable).toBe(true);
          expect(structureProblems(columnsOf(level.rows))).toEqual([]);
          if (index === 1) expect(level.rows.join('')).not.toMatch(/[<>[\]EBb]/);
          for (const measured of measureWindows(columnsOf(level.rows))) {
            windows += 1;
            adherent += adherence(result.attributes, measured) === 4 ? 1 : 0;
          }
        }
      }
      expect(windows).toBe(16);
      expect(adherent).toBeGreaterThanOrEqual(14);
    });

    it(`${version}: int8 graph and levels longer than the model window`, async () => {
      const long = await run(version, { prompt: 'some pipes, little enemies', width: 200, seed: 5 });
      expect(long.levels[0]!.rows.every((row) => row.length === 200)).toBe(true);
      expect(long.levels[0]!.playable).toBe(true);
      const quantized = await run(
        version,
        { prompt: 'little pipes, little enemies', width: 100, seed: 1 },
        'model.int8-dynamic.onnx',
      );
      expect(quantized.levels[0]!.playable).toBe(true);
      expect(structureProblems(columnsOf(quantized.levels[0]!.rows))).toEqual([]);
    });
  }
});
