// `mosaic serve --grpc-port 0` as a user runs it: it prints where gRPC listens, records it in service.json (doctor
// shows it), and a client generated from Triton's reference proto gets the same outputs from it as /v2 REST.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyCounterPackage } from '../support/model-packages.js';
import { tinyDecoderSignature } from './api/api-world.js';
import { mosaicCli, mosaicCliOutcome } from '../support/mosaic-cli.js';
import { startMosaicServe, type ServeProcess } from '../support/mosaic-serve.js';
import { callWithReferenceClient, hasPythonGrpc } from '../support/oip-grpc-client.js';
import { createTempHome } from '../support/temp-home.js';

let server: ServeProcess;
let home: Awaited<ReturnType<typeof createTempHome>>;
const data = () => join(home.path, 'data');

beforeAll(async () => {
  home = await createTempHome();
  await writeTinyCounterPackage(join(home.path, 'bundled'), tinyDecoderSignature);
  server = await startMosaicServe({ MOSAIC_HOME: data(), MOSAIC_BUNDLED_CATALOG: join(home.path, 'bundled') }, [
    '--grpc-port',
    '0',
  ]);
  // Installs the bundled package (first use) in the running service (or, should the CLI not reach it in time on a
  // busy machine, in its data folder: the same catalog either way).
  await mosaicCli(data, { MOSAIC_URL: undefined, MOSAIC_BUNDLED_CATALOG: join(home.path, 'bundled') })(
    'load',
    'tiny-counter',
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await home?.remove();
});

describe('mosaic serve --grpc-port', () => {
  it('prints the gRPC address on loopback, records it in service.json, and doctor shows it', async () => {
    expect(server.grpc).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.grpc).not.toBe('127.0.0.1:0');
    const record = JSON.parse(await readFile(join(data(), 'service.json'), 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ url: server.url, grpc: server.grpc });
    const doctor = await mosaicCli(data, { MOSAIC_URL: undefined })('doctor');
    expect(doctor.stdout).toContain(`gRPC (OIP v2)     ${server.grpc}`);
  });

  it.skipIf(!hasPythonGrpc)('answers the reference client with the outputs /v2 REST gives', async () => {
    const input = { name: 'input_ids', datatype: 'INT64', shape: [1, 3] };
    const past = ['past_key_0', 'past_value_0', 'past_key_1', 'past_value_1'].map((name) => ({
      name,
      datatype: 'FP32',
      shape: [1, 2, 0, 16],
    }));
    const restResponse = await fetch(`${server.url}/v2/models/tiny-counter/infer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        inputs: [
          { ...input, data: [1, 2, 3] },
          { name: 'past_length', datatype: 'INT64', shape: [1], data: [0] },
          ...past.map((tensor) => ({ ...tensor, data: [] })),
        ],
        outputs: [{ name: 'logits' }],
      }),
    });
    expect(restResponse.status).toBe(200);
    const rest = (await restResponse.json()) as { outputs: { data: number[]; shape: number[] }[] };
    const [live, infer] = await callWithReferenceClient(server.grpc!, server.token, [
      { rpc: 'ServerLive', metadata: [] },
      {
        rpc: 'ModelInfer',
        request: {
          model_name: 'tiny-counter',
          inputs: [
            { ...input, contents: { int64_contents: [1, 2, 3] } },
            { name: 'past_length', datatype: 'INT64', shape: [1], contents: { int64_contents: [0] } },
            ...past,
          ],
          outputs: [{ name: 'logits' }],
        },
      },
    ]);
    expect(live).toEqual({ ok: true, response: { live: true } });
    if (!infer?.ok) throw new Error(JSON.stringify(infer));
    const [logits] = infer.response.outputs as { shape: string[]; contents: { fp32_contents: number[] } }[];
    expect(logits!.shape.map(Number)).toEqual(rest.outputs[0]!.shape);
    expect(logits!.contents.fp32_contents.map(Math.fround)).toEqual(rest.outputs[0]!.data);
  });

  it('refuses a --grpc-port that is not a port with a coded error', async () => {
    const outcome = await mosaicCliOutcome(() => join(home.path, 'other'))('serve', '--port', '0', '--grpc-port', 'x');
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toMatch(/--grpc-port must be a number from 0 to 65535, not "x"\. \[BAD_REQUEST\]/);
  });
});
