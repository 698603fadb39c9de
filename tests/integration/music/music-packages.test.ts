// The bundled music packages are valid model packages: the manifest passes the contract's schema, every file matches
// its size and SHA-256, the graph layout and maxPositions agree with the graph, and the card names the licences.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { manifestFiles, modelManifestSchema } from '../../../contract/index.js';
import { readKvGeometry } from '../../../main/inference/decoding/kv-graph.js';
import { sha256 } from '../../support/model-packages.js';
import { repositoryRoot } from '../../unit/music/music-fixtures.js';

const packages = [
  { name: 'music-melody', task: 'music.melody', commercialUse: false, licences: ['GPL-3.0', 'MIT'] },
  { name: 'music-drums', task: 'music.drums', commercialUse: true, licences: ['CC-BY-4.0'] },
];
/** Key/value heads of each bundled version's graph: each 1.1.0 is the multi-query retraining of its 1.0.0. */
const keyValueHeads: Record<string, number> = { 'music-drums@1.1.0': 1, 'music-melody@1.1.0': 1 };

// Every bundled version is checked, so a new version cannot ship without passing the same checks.
const bundled = packages.flatMap((entry) =>
  readdirSync(join(repositoryRoot, 'models', 'packages', entry.name)).map((version) => ({ ...entry, version })),
);

it.each(packages)('bundles both $name versions side by side (1.1.0 does not replace 1.0.0)', ({ name }) => {
  expect(bundled.filter((entry) => entry.name === name).map((entry) => entry.version)).toEqual(
    expect.arrayContaining(['1.0.0', '1.1.0']),
  );
});

describe.each(bundled)('$name $version', ({ name, version, task, commercialUse, licences }) => {
  const folder = join(repositoryRoot, 'models', 'packages', name, version);
  const raw: unknown = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));

  it('has a manifest the contract accepts, with maxPositions and honest licences', () => {
    const manifest = modelManifestSchema.parse(raw);
    expect(manifest.maxPositions).toBe(name === 'music-melody' ? 256 : 384);
    expect(manifest.task).toBe(task);
    expect(manifest.commercialUse).toBe(commercialUse);
    expect(manifest.variants?.[0]?.precision).toBe('int8');
    expect(manifest.evaluation.heldout_nats_per_note).toBeGreaterThan(0);
    for (const licence of licences) expect(JSON.stringify(manifest.trainingData)).toContain(licence);
    const card = readFileSync(join(folder, 'card.md'), 'utf8');
    expect(card).toContain(`Commercial use: ${commercialUse ? 'yes' : 'no'}`);
    expect(card).toContain('## Evaluation');
  });

  it('lists every file with its exact size and SHA-256, and graphs that match the manifest', async () => {
    const manifest = modelManifestSchema.parse(raw);
    for (const file of manifestFiles(manifest)) {
      const path = join(folder, file.path);
      expect(statSync(path).size).toBe(file.size);
      expect(sha256(readFileSync(path))).toBe(file.sha256);
    }
    expect(statSync(folder).isDirectory()).toBe(true);
    const total = manifestFiles(manifest).reduce((sum, file) => sum + file.size, 0);
    expect(total).toBeLessThan(8 * 2 ** 20);
    for (const graph of ['model.onnx', 'model.int8.onnx']) {
      const session = await ort.InferenceSession.create(join(folder, graph));
      try {
        const geometry = readKvGeometry(session);
        expect(geometry.layout).toBe(manifest.graphLayout);
        expect(geometry.vocabSize).toBe(221);
        expect(geometry.kvHeads).toBe(keyValueHeads[`${name}@${version}`] ?? 4);
      } finally {
        await session.release();
      }
    }
  });
});
