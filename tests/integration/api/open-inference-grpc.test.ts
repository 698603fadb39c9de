// The Open Inference Protocol over gRPC, called by a Python client generated at test time from Triton's reference
// grpc_service.proto (tests/support/oip-grpc): health, metadata and ModelInfer on the real inference host, with
// outputs equal to /v2 REST's for the same request (typed contents and raw bytes), and errors by gRPC status code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenInferenceGrpcServer } from '../../../main/grpc/open-inference-grpc-server.js';
import { serveGrpcFromSettings } from '../../../main/grpc/settings-grpc-front-door.js';
import { OipGrpcClient } from '../../../main/inference/remote/oip-grpc-client.js';
import { silentLogger } from '../../../main/platform/logger.js';
import {
  callWithReferenceClient,
  fromRawBase64,
  hasPythonGrpc,
  rawBase64,
  type ReferenceCall,
  type ReferenceResult,
} from '../../support/oip-grpc-client.js';
import { createApiWorld, type ApiWorld } from './api-world.js';

let world: ApiWorld;
let grpcServer: OpenInferenceGrpcServer;
let address: string;

beforeAll(async () => {
  world = await createApiWorld();
  grpcServer = new OpenInferenceGrpcServer({
    service: world.fixture.core.openInference,
    token: world.token,
    logger: silentLogger,
  });
  address = `127.0.0.1:${await grpcServer.listen(0)}`;
}, 120_000);

afterAll(async () => {
  await grpcServer?.close();
  await world?.dispose();
});

type RestTensor = { name: string; shape: number[]; datatype: 'FP32' | 'INT64'; data: number[] };
type GrpcOutput = {
  name: string;
  datatype: string;
  shape: string[];
  contents?: { fp32_contents?: number[]; int64_contents?: string[] };
};

async function rest(model: string, inputs: RestTensor[], outputs?: string[]) {
  const response = await world.api(`/v2/models/${model}/infer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputs, ...(outputs ? { outputs: outputs.map((name) => ({ name })) } : {}) }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { outputs: RestTensor[] }).outputs;
}

/** The same request as gRPC JSON, its values in typed contents or all raw. */
function grpcInfer(model: string, inputs: RestTensor[], raw: boolean, outputs?: string[]): ReferenceCall {
  const field = { FP32: 'fp32_contents', INT64: 'int64_contents' } as const;
  return {
    rpc: 'ModelInfer',
    request: {
      model_name: model,
      inputs: inputs.map((input) => ({
        name: input.name,
        datatype: input.datatype,
        shape: input.shape,
        ...(raw ? {} : { contents: { [field[input.datatype]]: input.data } }),
      })),
      ...(outputs ? { outputs: outputs.map((name) => ({ name })) } : {}),
      ...(raw
        ? {
            raw_input_contents: inputs.map((input) =>
              rawBase64(
                input.datatype === 'FP32'
                  ? Float32Array.from(input.data)
                  : BigInt64Array.from(input.data, (value) => BigInt(value)),
              ),
            ),
          }
        : {}),
    },
  };
}

/** A call's response, or a failure naming its status. */
function responseOf(result: ReferenceResult | undefined): Record<string, unknown> {
  if (!result?.ok) throw new Error(`call failed: ${JSON.stringify(result)}`);
  return result.response;
}

/** gRPC outputs as REST's tensors (shape strings → numbers; typed or raw values → numbers). */
function asRest(result: ReferenceResult): RestTensor[] {
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  const response = result.response as { outputs: GrpcOutput[]; raw_output_contents?: string[] };
  return response.outputs.map((output, index) => {
    const datatype = output.datatype as 'FP32' | 'INT64';
    const raw = response.raw_output_contents?.[index];
    const data =
      raw !== undefined
        ? fromRawBase64(raw, datatype)
        : datatype === 'FP32'
          ? // A float on the wire; Python's JSON prints it by its shortest float32 form (6.85), so read it back as float32.
            (output.contents?.fp32_contents ?? []).map(Math.fround)
          : (output.contents?.int64_contents ?? []).map(Number);
    return { name: output.name, shape: output.shape.map(Number), datatype, data };
  });
}

const probeInput: RestTensor = { name: 'x', shape: [2, 4], datatype: 'FP32', data: [1, 2, 3, 4, -0.5, 0.25, 8, -3] };

function decoderInputs(): RestTensor[] {
  const batch = 2;
  const capacity = 8;
  const kv = (seed: number) =>
    Array.from({ length: batch * 2 * capacity * 16 }, (_, index) => Math.fround(Math.sin(index * 0.37 + seed) * 0.1));
  return [
    { name: 'input_ids', shape: [batch, 3], datatype: 'INT64', data: [3, 4, 5, 10, 12, 14] },
    { name: 'past_length', shape: [1], datatype: 'INT64', data: [2] },
    ...['past_key_0', 'past_value_0', 'past_key_1', 'past_value_1'].map((name, index): RestTensor => ({
      name,
      shape: [batch, 2, capacity, 16],
      datatype: 'FP32',
      data: kv(index),
    })),
  ];
}

describe.skipIf(!hasPythonGrpc)(
  'Open Inference Protocol over gRPC (a client generated from the reference proto)',
  () => {
    it('answers liveness and readiness without a token, and metadata with one', async () => {
      const [live, ready, server, model, index, modelReady] = await callWithReferenceClient(address, world.token, [
        { rpc: 'ServerLive', metadata: [] },
        { rpc: 'ServerReady', metadata: [] },
        { rpc: 'ServerMetadata' },
        { rpc: 'ModelMetadata', request: { name: 'tiny-counter' } },
        { rpc: 'RepositoryIndex', request: { ready: true } },
        { rpc: 'ModelReady', request: { name: 'tiny-counter', version: '1.0.0' } },
      ]);
      expect(live).toEqual({ ok: true, response: { live: true } });
      expect(ready).toEqual({ ok: true, response: { ready: true } });
      expect(server).toMatchObject({ ok: true, response: { name: 'mosaic-studio', version: expect.any(String) } });
      expect(model).toMatchObject({
        ok: true,
        response: {
          name: 'tiny-counter',
          versions: ['1.0.0'],
          platform: 'onnxruntime_onnx',
          // int64 is a string in protobuf's JSON mapping.
          outputs: [
            { name: 'logits', datatype: 'FP32', shape: ['-1', '-1', '32'] },
            { name: 'kv_new', datatype: 'FP32', shape: ['2', '2', '-1', '2', '-1', '16'] },
          ],
        },
      });
      expect((responseOf(index).models as { name: string }[]).map((entry) => entry.name).sort()).toEqual([
        'probe-model',
        'tiny-counter',
      ]);
      expect(modelReady).toEqual({ ok: true, response: { ready: true } });
    });

    it('runs ModelInfer with outputs equal to /v2 REST, in typed contents and in raw bytes (raw in, raw out)', async () => {
      const decoder = decoderInputs();
      const [probeTyped, probeRaw, decoderTyped, decoderRaw] = await callWithReferenceClient(address, world.token, [
        grpcInfer('probe-model', [probeInput], false),
        grpcInfer('probe-model', [probeInput], true),
        grpcInfer('tiny-counter', decoder, false, ['logits', 'kv_new']),
        grpcInfer('tiny-counter', decoder, true, ['logits', 'kv_new']),
      ]);
      const probeRest = await rest('probe-model', [probeInput]);
      expect(probeRest[0]?.data).toHaveLength(6);
      expect(asRest(probeTyped!)).toEqual(probeRest);
      expect(asRest(probeRaw!)).toEqual(probeRest);
      expect(responseOf(probeTyped).raw_output_contents).toBeUndefined();
      expect((responseOf(probeRaw).raw_output_contents as string[]).length).toBe(1);

      const decoderRest = await rest('tiny-counter', decoder, ['logits', 'kv_new']);
      expect(decoderRest.map((output) => output.name)).toEqual(['logits', 'kv_new']);
      expect(asRest(decoderTyped!)).toEqual(decoderRest);
      expect(asRest(decoderRaw!)).toEqual(decoderRest);
      expect(responseOf(decoderTyped).model_version).toBe('1.0.0');
    });

    it("keeps a decoder's cache per sequence (Triton's sequence_id parameters): steps that send only token ids equal steps that send the whole cache", async () => {
      // Sent whole, over REST: the prompt at batch 1 from an empty cache, then a batch-2 step whose rows both hold
      // the prompt's keys and values (kv_new is [layers, 2, batch, heads, tokens, head size]).
      const caches = ['past_key_0', 'past_value_0', 'past_key_1', 'past_value_1'];
      const prompt = [3, 4, 5];
      const [, kvNew] = await rest(
        'tiny-counter',
        [
          { name: 'input_ids', shape: [1, 3], datatype: 'INT64', data: prompt },
          { name: 'past_length', shape: [1], datatype: 'INT64', data: [0] },
          ...caches.map((name): RestTensor => ({ name, shape: [1, 2, 0, 16], datatype: 'FP32', data: [] })),
        ],
        ['logits', 'kv_new'],
      );
      const block = 2 * prompt.length * 16;
      const wholeCache = caches.map((name, index): RestTensor => {
        const row = kvNew!.data.slice(index * block, (index + 1) * block);
        return { name, shape: [2, 2, prompt.length, 16], datatype: 'FP32', data: [...row, ...row] };
      });
      const stepIds: RestTensor = { name: 'input_ids', shape: [2, 1], datatype: 'INT64', data: [7, 9] };
      const stepPast: RestTensor = { name: 'past_length', shape: [1], datatype: 'INT64', data: [3] };
      const [promptLogits] = await rest(
        'tiny-counter',
        [
          { name: 'input_ids', shape: [1, 3], datatype: 'INT64', data: prompt },
          { name: 'past_length', shape: [1], datatype: 'INT64', data: [0] },
          ...caches.map((name): RestTensor => ({ name, shape: [1, 2, 0, 16], datatype: 'FP32', data: [] })),
        ],
        ['logits'],
      );
      const [stepLogits] = await rest('tiny-counter', [stepIds, stepPast, ...wholeCache], ['logits']);

      // Held by the server: no cache inputs at all.
      const inSequence = (inputs: RestTensor[], parameters: Record<string, unknown>): ReferenceCall => {
        const call = grpcInfer('tiny-counter', inputs, true, ['logits']);
        (call.request as { parameters: unknown }).parameters = parameters;
        return call;
      };
      const id = { sequence_id: { string_param: 'take-1' } };
      const [metadata, first, second, afterEnd, withCache, unknown] = await callWithReferenceClient(
        address,
        world.token,
        [
          { rpc: 'ServerMetadata' },
          inSequence(
            [
              { name: 'input_ids', shape: [1, 3], datatype: 'INT64', data: prompt },
              { name: 'past_length', shape: [1], datatype: 'INT64', data: [0] },
            ],
            { ...id, sequence_start: { bool_param: true } },
          ),
          inSequence([stepIds, stepPast], { ...id, sequence_end: { bool_param: true } }),
          inSequence([stepIds, stepPast], id),
          inSequence([stepIds, stepPast, ...wholeCache], { sequence_id: { int64_param: 7 } }),
          inSequence([stepIds, stepPast], { sequence_id: { int64_param: 8 } }),
        ],
      );
      expect(responseOf(metadata).extensions).toContain('mosaic_kv_sequence');
      const close = (got: RestTensor[], want: RestTensor | undefined) => {
        expect(got.map((output) => [output.name, output.shape])).toEqual([['logits', want!.shape]]);
        const worst = Math.max(...got[0]!.data.map((value, index) => Math.abs(value - want!.data[index]!)));
        expect(worst).toBeLessThan(1e-5);
      };
      close(asRest(first!), promptLogits);
      expect(stepLogits!.shape).toEqual([2, 1, 32]);
      close(asRest(second!), stepLogits);
      expect(afterEnd).toMatchObject({ code: 'INVALID_ARGUMENT', details: expect.stringMatching(/not held here/) });
      expect(withCache).toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: expect.stringMatching(/"past_key_0" is the cache that sequence 7 holds/),
      });
      expect(unknown).toMatchObject({ code: 'INVALID_ARGUMENT', details: expect.stringMatching(/sequence_start/) });

      // The same sequence over one ModelStreamInfer stream: answers in order, a refused step answered with its
      // message while the stream goes on.
      const streamId = { sequence_id: { string_param: 'take-2' } };
      const [stream, refused] = await callWithReferenceClient(address, world.token, [
        {
          rpc: 'ModelStreamInfer',
          requests: [
            inSequence(
              [
                { name: 'input_ids', shape: [1, 3], datatype: 'INT64', data: prompt },
                { name: 'past_length', shape: [1], datatype: 'INT64', data: [0] },
              ],
              { ...streamId, sequence_start: { bool_param: true } },
            ).request!,
            inSequence([stepIds, { ...stepPast, data: [9] }], streamId).request!,
            inSequence([stepIds, stepPast], { ...streamId, sequence_end: { bool_param: true } }).request!,
          ],
        },
        { rpc: 'ModelStreamInfer', requests: [grpcInfer('probe-model', [probeInput], true).request!], metadata: [] },
      ]);
      const answers = responseOf(stream).responses as { error_message?: string; infer_response?: unknown }[];
      expect(answers).toHaveLength(3);
      close(asRest({ ok: true, response: answers[0]!.infer_response as Record<string, unknown> }), promptLogits);
      expect(answers[1]).toEqual({ error_message: expect.stringMatching(/holds 3 positions, but past_length is 9/) });
      close(asRest({ ok: true, response: answers[2]!.infer_response as Record<string, unknown> }), stepLogits);
      expect(refused).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });

      // /v2 REST takes the same parameters.
      const restSequence = await world.api('/v2/models/probe-model/infer', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ parameters: { sequence_id: 'x', sequence_start: true }, inputs: [probeInput] }),
      });
      expect(restSequence.status).toBe(400);
      expect(await restSequence.json()).toEqual({
        error: expect.stringMatching(/probe-model is not a decoder with a KV cache.*takes no sequence_id/),
      });
    });

    it('loads a model into the inference host and unloads it (RepositoryModelLoad / RepositoryModelUnload)', async () => {
      const loaded = async () => {
        const response = await world.api('/v1/inference/sessions');
        expect(response.status).toBe(200);
        return ((await response.json()) as { sessions: { modelPath: string }[] }).sessions.map((s) => s.modelPath);
      };
      const [unload] = await callWithReferenceClient(address, world.token, [
        { rpc: 'RepositoryModelUnload', request: { model_name: 'tiny-counter' } },
      ]);
      expect(unload).toEqual({ ok: true, response: {} });
      const without = await loaded();
      const [load, unknown, unnamed] = await callWithReferenceClient(address, world.token, [
        { rpc: 'RepositoryModelLoad', request: { model_name: 'tiny-counter' } },
        { rpc: 'RepositoryModelLoad', request: { model_name: 'nothing-here' } },
        { rpc: 'RepositoryModelLoad', request: {} },
      ]);
      expect(load).toEqual({ ok: true, response: {} });
      const added = (await loaded()).filter((path) => !without.includes(path));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/blobs/);
      expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(unnamed).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
        details: expect.stringMatching(/Name the model/),
      });
      await callWithReferenceClient(address, world.token, [
        { rpc: 'RepositoryModelUnload', request: { model_name: 'tiny-counter' } },
      ]);
      expect(await loaded()).toEqual(without);
    });

    it('answers UNAUTHENTICATED without the token or with a wrong one', async () => {
      const calls: ReferenceCall[] = [
        { rpc: 'ModelMetadata', request: { name: 'probe-model' }, metadata: [] },
        { rpc: 'ServerMetadata', metadata: [['authorization', 'Bearer not-the-token']] },
        { ...grpcInfer('probe-model', [probeInput], false), metadata: [['authorization', 'Basic abc']] },
      ];
      const results = await callWithReferenceClient(address, world.token, calls);
      for (const result of results) expect(result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(results[0]).toMatchObject({ details: expect.stringMatching(/authorization: Bearer/) });
    });

    it('answers INVALID_ARGUMENT for a wrong datatype, shape, value count or raw size, and NOT_FOUND for an unknown model', async () => {
      const asInt: RestTensor = { name: 'x', shape: [1, 4], datatype: 'INT64', data: [1, 2, 3, 4] };
      const wide: RestTensor = { name: 'x', shape: [1, 5], datatype: 'FP32', data: [1, 2, 3, 4, 5] };
      const short: RestTensor = { name: 'x', shape: [2, 4], datatype: 'FP32', data: [1, 2, 3] };
      const rawShort = grpcInfer('probe-model', [probeInput], true);
      (rawShort.request as { raw_input_contents: string[] }).raw_input_contents = [rawBase64(new Float32Array(7))];
      const wrongField = grpcInfer('probe-model', [probeInput], false);
      (wrongField.request as { inputs: { contents: unknown }[] }).inputs[0]!.contents = { int64_contents: [1, 2] };
      const results = await callWithReferenceClient(address, world.token, [
        grpcInfer('probe-model', [asInt], false),
        grpcInfer('probe-model', [wide], false),
        grpcInfer('probe-model', [short], false),
        rawShort,
        wrongField,
        grpcInfer('nothing-here', [probeInput], false),
        { rpc: 'ModelMetadata', request: { name: 'nothing-here' } },
        { rpc: 'ModelReady', request: { name: 'tiny-counter', version: '9.9.9' } },
      ]);
      const [datatype, shape, count, raw, field, unknown, metadata, version] = results;
      expect(datatype).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', details: 'Input "x" is FP32, not INT64.' });
      expect(shape).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', details: expect.stringMatching(/expects/) });
      expect(count).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', details: expect.stringMatching(/needs 8/) });
      expect(raw).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
        details: expect.stringMatching(/28 raw bytes.*needs 32/),
      });
      expect(field).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
        details: expect.stringMatching(/fp32_contents/),
      });
      for (const missing of [unknown, metadata, version])
        expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });

      // The same requests over REST say the same thing (one service checks both).
      const restError = await world.api('/v2/models/probe-model/infer', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: [asInt] }),
      });
      expect(restError.status).toBe(400);
      expect(await restError.json()).toEqual({ error: 'Input "x" is FP32, not INT64.' });
    });
  },
);

describe("the desktop app's gRPC front door, from Settings", () => {
  it('serves on the port Settings gives (recorded for doctor), and stops when it is cleared', async () => {
    const core = world.fixture.core;
    const frontDoor = serveGrpcFromSettings(core, silentLogger);
    try {
      await frontDoor.settled();
      expect(core.apiAccess.grpc()).toBeNull();
      const view = await world.fixture.call('system.updateSettings', { grpcPort: 0 });
      expect(view.grpcPort).toBe(0);
      await frontDoor.settled();
      const address = core.apiAccess.grpc();
      expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect((await world.fixture.call('system.settings', {})).grpcAddress).toBe(address);
      const client = new OipGrpcClient({ url: address!, token: world.token });
      try {
        expect(await client.modelMetadata('probe-model')).toMatchObject({ name: 'probe-model', versions: ['1.0.0'] });
        await world.fixture.call('system.updateSettings', { grpcPort: null });
        await frontDoor.settled();
        expect(core.apiAccess.grpc()).toBeNull();
        await expect(client.modelMetadata('probe-model')).rejects.toMatchObject({ code: 'INFERENCE_HOST_UNAVAILABLE' });
      } finally {
        client.close();
      }
    } finally {
      await frontDoor.close();
    }
  });
});
