// The Open Inference Protocol v2 under /v2 on installed models, checked against onnxruntime-node run directly in this
// process on the same graph; and the OpenAPI document generated from the contract.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPathOf, methodIds, methods } from '../../../contract/index.js';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { createApiWorld, type ApiWorld } from './api-world.js';

let world: ApiWorld;
const root = findPackageRoot();

beforeAll(async () => {
  world = await createApiWorld();
}, 120_000);

afterAll(async () => {
  await world?.dispose();
});

async function infer(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await world.api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Open Inference Protocol v2', () => {
  it('answers health, server and model metadata', async () => {
    expect((await fetch(`${world.url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${world.url}/v2/health/ready`)).status).toBe(200);
    const server = await world.api('/v2').then((response) => response.json());
    expect(server).toMatchObject({ name: 'mosaic-studio', extensions: [] });
    const model = await world.api('/v2/models/tiny-counter').then((response) => response.json());
    expect(model).toMatchObject({
      name: 'tiny-counter',
      versions: ['1.0.0'],
      platform: 'onnxruntime_onnx',
      inputs: expect.arrayContaining([
        { name: 'input_ids', datatype: 'INT64', shape: [-1, -1] },
        { name: 'past_key_0', datatype: 'FP32', shape: [-1, 2, -1, 16] },
      ]),
      outputs: [
        { name: 'logits', datatype: 'FP32', shape: [-1, -1, 32] },
        { name: 'kv_new', datatype: 'FP32', shape: [2, 2, -1, 2, -1, 16] },
      ],
    });
    expect((await world.api('/v2/models/tiny-counter/versions/1.0.0')).status).toBe(200);
    expect((await world.api('/v2/models/tiny-counter/ready')).status).toBe(200);
    expect((await world.api('/v2/models/tiny-counter/versions/1.0.0/ready')).status).toBe(200);
    expect((await world.api('/v2/models/tiny-counter/versions/9.9.9/ready')).status).toBe(503);
    const missing = await world.api('/v2/models/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.any(String) });
  });

  it('runs the probe graph (FP32) exactly as onnxruntime-node does', async () => {
    const x = [1, 2, 3, 4, -0.5, 0.25, 8, -3];
    const result = await infer('/v2/models/probe-model/infer', {
      id: 'probe-1',
      inputs: [{ name: 'x', shape: [2, 4], datatype: 'FP32', data: x }],
    });
    expect(result.status).toBe(200);
    const session = await ort.InferenceSession.create(join(root, 'models', 'fixtures', 'probe.onnx'));
    const direct = await session.run({ x: new ort.Tensor('float32', Float32Array.from(x), [2, 4]) });
    await session.release();
    expect(result.body).toEqual({
      model_name: 'probe-model',
      model_version: '1.0.0',
      id: 'probe-1',
      outputs: [{ name: 'y', shape: [2, 3], datatype: 'FP32', data: Array.from(direct.y?.data as Float32Array) }],
    });
  });

  it('runs the decoder graph (INT64 and FP32 inputs, two outputs) exactly as onnxruntime-node does', async () => {
    const batch = 2;
    const capacity = 8;
    const ids = [3, 4, 5, 10, 12, 14];
    const kv = (seed: number) =>
      Array.from({ length: batch * 2 * capacity * 16 }, (_, index) => Math.fround(Math.sin(index * 0.37 + seed) * 0.1));
    const past = Object.fromEntries(
      ['past_key_0', 'past_value_0', 'past_key_1', 'past_value_1'].map((name, index) => [name, kv(index)]),
    );
    const result = await infer('/v2/models/tiny-counter/versions/1.0.0/infer', {
      inputs: [
        { name: 'input_ids', shape: [batch, 3], datatype: 'INT64', data: ids },
        { name: 'past_length', shape: [1], datatype: 'INT64', data: [0] },
        ...Object.entries(past).map(([name, data]) => ({
          name,
          shape: [batch, 2, capacity, 16],
          datatype: 'FP32',
          data,
        })),
      ],
      outputs: [{ name: 'logits' }, { name: 'kv_new' }],
    });
    expect(result.status).toBe(200);
    const graph = await readFile(join(root, 'models', 'fixtures', 'tiny-decoder', 'model.onnx'));
    const session = await ort.InferenceSession.create(graph);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [batch, 3]),
      past_length: new ort.Tensor('int64', BigInt64Array.from([0n]), [1]),
    };
    for (const [name, data] of Object.entries(past)) {
      feeds[name] = new ort.Tensor('float32', Float32Array.from(data), [batch, 2, capacity, 16]);
    }
    const direct = await session.run(feeds);
    await session.release();
    const outputs = result.body.outputs as { name: string; shape: number[]; datatype: string; data: number[] }[];
    expect(outputs.map((output) => output.name)).toEqual(['logits', 'kv_new']);
    for (const output of outputs) {
      const tensor = direct[output.name] as ort.Tensor;
      expect(output.shape).toEqual([...tensor.dims]);
      expect(output.datatype).toBe('FP32');
      expect(output.data).toEqual(Array.from(tensor.data as Float32Array));
    }
    expect(typeof result.body.id).toBe('string');
  });

  it('refuses requests that do not fit the model with 400 and an OIP error body', async () => {
    const cases: [unknown, RegExp][] = [
      [{ inputs: [{ name: 'x', shape: [2, 4], datatype: 'FP32', data: [1, 2, 3] }] }, /needs 8/],
      [{ inputs: [{ name: 'x', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3, 4, 5] }] }, /expects/],
      [{ inputs: [{ name: 'x', shape: [1, 4], datatype: 'INT64', data: [1, 2, 3, 4] }] }, /is FP32/],
      [{ inputs: [{ name: 'z', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }] }, /no input "z"/],
      [
        { inputs: [{ name: 'x', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }], outputs: [{ name: 'q' }] },
        /no output/,
      ],
      [{ inputs: [{ name: 'x', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 1e300] }] }, /range/],
      [{ inputs: [{ name: 'x', shape: [1, 4], datatype: 'FP64', data: [1, 2, 3, 4] }] }, /datatype/],
      [{ inputs: [] }, /inputs/],
      [
        {
          inputs: [{ name: 'x', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] }],
          parameters: { precision: 'int4' },
        },
        /variant/,
      ],
    ];
    for (const [body, message] of cases) {
      const result = await infer('/v2/models/probe-model/infer', body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(result.body)).toEqual(['error']);
      expect(result.body.error).toMatch(message);
    }
    const ids = await infer('/v2/models/tiny-counter/infer', {
      inputs: [{ name: 'input_ids', shape: [1, 1], datatype: 'INT64', data: [0.5] }],
    });
    expect(ids.status).toBe(400);
    expect(
      (await infer('/v2/models/nothing/infer', { inputs: [{ name: 'x', shape: [1], datatype: 'FP32', data: [1] }] }))
        .status,
    ).toBe(404);
    expect((await world.api('/v2/models/probe-model/infer')).status).toBe(405);
  });
});

describe('OpenAPI document', () => {
  type Operation = {
    operationId?: string;
    responses?: Record<string, unknown>;
    parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
    requestBody?: unknown;
    security?: unknown[];
  };
  let document: {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, unknown> };
    security: unknown[];
  };

  beforeAll(async () => {
    const response = await world.api('/v1/openapi.json');
    expect(response.status).toBe(200);
    document = await response.json();
  });

  it('is OpenAPI 3.1 with a bearer security scheme, and every operation has responses', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBeTruthy();
    expect(document.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    for (const [path, operations] of Object.entries(document.paths)) {
      expect(path.startsWith('/v1/') || path.startsWith('/v2')).toBe(true);
      for (const [verb, operation] of Object.entries(operations)) {
        expect(['get', 'post']).toContain(verb);
        expect(Object.keys(operation.responses ?? {}).length, `${verb} ${path}`).toBeGreaterThan(0);
      }
    }
    expect(document.paths['/v2/health/ready']?.get?.security).toEqual([]);
    for (const path of ['/v2', '/v2/models/{model_name}', '/v2/models/{model_name}/versions/{model_version}/infer']) {
      expect(document.paths[path], path).toBeDefined();
    }
  });

  it('describes every contract method at its route with its verb, request and response', () => {
    for (const id of methodIds) {
      const verb = methods[id].http === 'GET' ? 'get' : 'post';
      const operation = document.paths[httpPathOf(id)]?.[verb];
      expect(operation?.operationId, id).toBe(id);
      expect(operation?.responses?.['200'], id).toBeDefined();
      if (verb === 'post') expect(operation?.requestBody, id).toBeDefined();
      else expect(Array.isArray(operation?.parameters), id).toBe(true);
    }
  });

  it('gives each GET route a request (from its documented parameters) that the contract and the server accept', async () => {
    const example = (schema: Record<string, unknown>): string => {
      if (Array.isArray(schema.enum)) return String(schema.enum[0]);
      if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
      return 'melody';
    };
    for (const id of methodIds.filter((method) => methods[method].http === 'GET')) {
      const operation = document.paths[httpPathOf(id)]?.get as Operation;
      const query = Object.fromEntries(
        (operation.parameters ?? []).filter((p) => p.required).map((p) => [p.name, example(p.schema)]),
      );
      expect(methods[id].request.safeParse(query).success, id).toBe(true);
      const response = await world.api(`${httpPathOf(id)}?${new URLSearchParams(query)}`);
      expect(response.status, id).not.toBe(400);
      expect(response.status, id).toBeLessThan(500);
    }
  });
});
