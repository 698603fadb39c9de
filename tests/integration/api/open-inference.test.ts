// The Open Inference Protocol v2 under /v2 on installed models, checked against onnxruntime-node run directly in this
// process on the same graph; and the OpenAPI document generated from the contract.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPathOf, methodIds, methods } from '../../../contract/index.js';
import { findPackageRoot } from '../../../main/platform/paths.js';
import { createApiWorld, documentedStatuses, type ApiWorld } from './api-world.js';

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
    expect(server).toMatchObject({ name: 'mosaic-studio', extensions: ['mosaic_kv_sequence'] });
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
    // A model (or version) that is not installed is 404 on every route, ready included: 503 means "not yet".
    for (const path of [
      '/v2/models/nothing-here',
      '/v2/models/nothing-here/ready',
      '/v2/models/tiny-counter/versions/9.9.9/ready',
    ]) {
      const missing = await world.api(path);
      expect(missing.status, path).toBe(404);
      expect(await missing.json(), path).toEqual({ error: expect.any(String) });
    }
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

describe('Open Inference Protocol edges', () => {
  const decoderRequest = (pastLength: number, capacity = 8, extra: Record<string, unknown> = {}) => ({
    inputs: [
      { name: 'input_ids', shape: [1, 2], datatype: 'INT64', data: [3, 4] },
      { name: 'past_length', shape: [1], datatype: 'INT64', data: [pastLength] },
      ...['past_key_0', 'past_value_0', 'past_key_1', 'past_value_1'].map((name) => ({
        name,
        shape: [1, 2, capacity, 16],
        datatype: 'FP32',
        data: Array.from({ length: 2 * capacity * 16 }, () => 0.1),
      })),
    ],
    ...extra,
  });

  it('refuses a past_length outside the cache with 400 naming it (the graph would clamp it and answer nonsense)', async () => {
    for (const [pastLength, capacity, message] of [
      [-1, 8, /"past_length" is -1.*whole number from 0/],
      [-3, 0, /"past_length" is -3/],
      [9, 8, /"past_length" is 9, but past_key_0 holds 8 positions/],
      [1, 0, /at most 0/],
    ] as const) {
      const result = await infer('/v2/models/tiny-counter/infer', decoderRequest(pastLength, capacity));
      expect(result.status, `${pastLength} in ${capacity}`).toBe(400);
      expect(result.body.error).toMatch(message);
    }
    for (const [pastLength, capacity] of [
      [0, 0],
      [0, 8],
      [8, 8],
    ] as const) {
      expect((await infer('/v2/models/tiny-counter/infer', decoderRequest(pastLength, capacity))).status).toBe(200);
    }
  });

  it("refuses Triton's binary tensor data parameters with 400 naming the extension, instead of ignoring them", async () => {
    const x = { name: 'x', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] };
    const cases: [Record<string, unknown>, string][] = [
      [{ inputs: [{ ...x, data: [], parameters: { binary_data_size: 16 } }] }, 'binary_data_size'],
      [{ inputs: [x], outputs: [{ name: 'y', parameters: { binary_data: true } }] }, 'binary_data'],
      [{ inputs: [x], parameters: { binary_data_output: true } }, 'binary_data_output'],
    ];
    for (const [body, parameter] of cases) {
      const result = await infer('/v2/models/probe-model/infer', body);
      expect(result.status, parameter).toBe(400);
      expect(result.body.error).toContain(`"${parameter}" asks for binary data`);
      expect(result.body.error).toMatch(/binary tensor data extension is not supported/);
    }
    const header = await world.api('/v2/models/probe-model/infer', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': '60' },
      body: Buffer.concat([Buffer.from(JSON.stringify({ inputs: [x] })), Buffer.alloc(16)]),
    });
    expect(header.status).toBe(400);
    expect((await header.json()).error).toMatch(/Inference-Header-Content-Length.*binary tensor data extension/);
    // Asking for JSON outputs explicitly is what this server does anyway.
    const json = await infer('/v2/models/probe-model/infer', {
      inputs: [x],
      parameters: { binary_data_output: false },
      outputs: [{ name: 'y', parameters: { binary_data: false } }],
    });
    expect(json.status).toBe(200);
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

  it("lists the statuses these routes answer, an import of a non-bundle (422) and an unknown model's ready (404) included", async () => {
    const requests: [string, string, RequestInit][] = [
      [
        'POST',
        '/v1/models/import',
        { body: Buffer.from('not a tar'), headers: { 'content-type': 'application/x-tar' } },
      ],
      ['GET', '/v2/models/nope/ready', {}],
      ['GET', '/v2/models/nope', {}],
      ['POST', '/v2/models/probe-model/infer', { body: '{}', headers: { 'content-type': 'application/json' } }],
      [
        'POST',
        '/v1/models/export',
        { body: '{"name":"nope","version":"1.0.0"}', headers: { 'content-type': 'application/json' } },
      ],
      ['GET', '/v2/health/ready', {}],
    ];
    const answered: string[] = [];
    for (const [verb, path, init] of requests) {
      const response = await world.api(path, { ...init, method: verb });
      answered.push(`${verb} ${path} ${response.status}`);
      expect(documentedStatuses(document.paths, verb, path), `${verb} ${path}`).toContain(String(response.status));
    }
    expect(answered).toEqual(
      expect.arrayContaining([
        'POST /v1/models/import 422',
        'GET /v2/models/nope/ready 404',
        'POST /v1/models/export 404',
      ]),
    );
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
