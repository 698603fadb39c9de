// Export to a Triton model repository: the layout Triton reads, a config naming the graph's real inputs and outputs.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelLibrary } from '../../../main/services/model-library/model-library.js';
import { exportToTriton, tritonVersionOf } from '../../../main/services/model-library/triton-export.js';
import { createLibraryFixture, type LibraryFixture } from '../../support/library-fixture.js';
import { probeGraph, sha256 } from '../../support/model-packages.js';

let world: LibraryFixture;
let library: ModelLibrary;

beforeEach(async () => {
  world = await createLibraryFixture();
  library = await world.library();
});
afterEach(async () => {
  await world.dispose();
});

describe('Triton export', () => {
  it('numbers versions as Triton wants (positive integers) and refuses pre-releases', () => {
    expect(tritonVersionOf('1.0.0')).toBe(1_000_000);
    expect(tritonVersionOf('2.13.7')).toBe(2_013_007);
    expect(() => tritonVersionOf('1.0.0-beta.1')).toThrow(/pre-release/);
  });

  it('writes <name>/config.pbtxt and <name>/<version>/model.onnx for two versions side by side', async () => {
    // The probe graph's real signature, so the config can be checked against the graph itself.
    const signature = {
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 4] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 3] }],
    };
    for (const version of ['1.0.0', '1.2.0']) {
      await world.publish({ name: 'probe-model', version, overrides: signature });
      await library.install({ name: 'probe-model', version, wait: true });
    }
    const repository = join(world.root, 'triton');
    const results = [];
    for (const version of ['1.0.0', '1.2.0']) {
      results.push(await exportToTriton(library.store, { name: 'probe-model', version, repository }));
    }
    expect(results.map((result) => result.tritonVersion)).toEqual([1_000_000, 1_002_000]);
    expect((await readdir(join(repository, 'probe-model'))).sort()).toEqual(['1000000', '1002000', 'config.pbtxt']);
    const graph = await readFile(join(repository, 'probe-model', '1002000', 'model.onnx'));
    expect(sha256(graph)).toBe(sha256(await probeGraph()));

    const config = await readFile(join(repository, 'probe-model', 'config.pbtxt'), 'utf8');
    expect(config).toContain('name: "probe-model"');
    expect(config).toContain('platform: "onnxruntime_onnx"');
    expect(config).toContain('version_policy: { all: { } }');
    // Every tensor the config names is one the graph has, with -1 for the symbolic batch dimension.
    const session = await ort.InferenceSession.create(graph);
    const named = [...config.matchAll(/name: "([^"]+)"\n\s+data_type: (\w+)\n\s+dims: \[ ([^\]]*) \]/g)];
    expect(named.map((match) => match[1])).toEqual([...session.inputNames, ...session.outputNames]);
    expect(named.map((match) => [match[2], match[3]])).toEqual([
      ['TYPE_FP32', '-1, 4'],
      ['TYPE_FP32', '-1, 3'],
    ]);
    await session.release();
  });

  it('refuses a version that is not installed and a precision the package lacks', async () => {
    const repository = join(world.root, 'triton');
    await expect(
      exportToTriton(library.store, { name: 'nothing', version: '1.0.0', repository }),
    ).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await world.publish({ name: 'probe-model', version: '1.0.0' });
    await library.install({ name: 'probe-model', version: '1.0.0', wait: true });
    await expect(
      exportToTriton(library.store, { name: 'probe-model', version: '1.0.0', repository, precision: 'int8' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
