// The remote Open Inference Protocol backend's cost per decoding step over loopback: the same batched generation
// (8 variations of the bundled melody model) with onnxruntime in this process, and with every forward pass sent as a
// ModelInfer to a gRPC front door on 127.0.0.1 whose inference host runs the graph (both one intra-op thread), with the
// KV cache held by the server or sent whole each step. The added time per step is the remote median minus the local
// median of (total decoding time / steps).
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { HostRequestOf, TokenGenerationResult } from '../../contract/index.js';
import { OpenInferenceGrpcServer } from '../../main/grpc/open-inference-grpc-server.js';
import { createInProcessRuntime } from '../../main/inference/in-process-runtime.js';
import type { InferenceRuntime } from '../../main/inference/inference-runtime.js';
import { ForkedHostLauncher } from '../../main/platform/host-process.js';
import { silentLogger } from '../../main/platform/logger.js';
import { locateResources } from '../../main/platform/paths.js';
import { createMosaicCore } from '../../main/services/mosaic-core.js';
import { createTempHome } from '../support/temp-home.js';
import { fixed, markdownTable, median } from './bench-stats.js';

const batches = [1, 8];
const maxNewTokens = 128;
const runs = 7;

export async function runRemoteOipBench(): Promise<string> {
  const home = await createTempHome();
  const resources = locateResources();
  const server = createMosaicCore({
    resources,
    dataFolder: join(home.path, 'data'),
    launcher: new ForkedHostLauncher(),
    logger: silentLogger,
    env: { PATH: process.env.PATH, MOSAIC_EP: 'cpu', MOSAIC_INTRA_OP_THREADS: '1', MOSAIC_APP_CATALOG: '' },
  });
  const grpcServer = new OpenInferenceGrpcServer({
    service: server.openInference,
    token: await server.apiAccess.token(),
    logger: silentLogger,
  });
  const runtimes: InferenceRuntime[] = [];
  try {
    const runnable = await server.resolver.resolve({ name: 'music-melody' });
    await server.host.start();
    const port = await grpcServer.listen(0);
    const local = createInProcessRuntime({ intraOpThreads: 1 });
    const token = await server.apiAccess.token();
    const held = createInProcessRuntime({ intraOpThreads: 1, remote: { url: `127.0.0.1:${port}`, token } });
    const sent = createInProcessRuntime({
      intraOpThreads: 1,
      remote: { url: `127.0.0.1:${port}`, token, sendKvCache: true },
    });
    runtimes.push(local, held, sent);
    const ways = [
      { how: 'server holds the cache (mosaic_kv_sequence)', runtime: held },
      { how: 'whole cache sent each step (as to Triton)', runtime: sent },
    ];
    let id = 1;
    const request = (batch: number): HostRequestOf<'generate'> => ({
      id: id++,
      op: 'generate',
      modelPath: runnable.graphPath,
      prompt: [1],
      batch,
      maxNewTokens,
      sampling: { temperature: 1, topK: 0, topP: 1 },
      seed: 11,
      stopTokens: [],
      maxPositions: runnable.maxPositions,
      progressEvery: 4096,
    });
    const generate = async (runtime: InferenceRuntime, batch: number) =>
      (await runtime.handle(request(batch))) as TokenGenerationResult;
    const perStep = async (runtime: InferenceRuntime, batch: number) => {
      const { stats } = await generate(runtime, batch);
      return stats.totalMs / stats.steps;
    };
    const rows: (string | number)[][] = [];
    for (const batch of batches) {
      const here = await generate(local, batch);
      for (const { runtime } of ways) {
        const there = await generate(runtime, batch);
        if (JSON.stringify(here.rows) !== JSON.stringify(there.rows)) {
          throw new Error('The remote backend decoded other tokens than onnxruntime here for the same seed.');
        }
      }
      // Taking turns, so that every way sees the same machine.
      const times = new Map<InferenceRuntime, number[]>(
        [local, ...ways.map(({ runtime }) => runtime)].map((r) => [r, []]),
      );
      for (let run = 0; run < runs; run += 1) {
        for (const [runtime, measured] of times) measured.push(await perStep(runtime, batch));
      }
      const localMs = median(times.get(local)!);
      for (const { how, runtime } of ways) {
        const remoteMs = median(times.get(runtime)!);
        rows.push([
          `${runnable.model.name}@${runnable.model.version}`,
          batch,
          here.stats.steps,
          how,
          // The KV cache grows in steps of 16 positions: about its mean over the generation travels each step.
          runtime === held ? '0' : `${fixed(here.stats.cacheBytes / 2 / 1024, 0)} KiB`,
          fixed(localMs, 2),
          fixed(remoteMs, 2),
          fixed(remoteMs - localMs, 2),
        ]);
      }
    }
    const table = markdownTable(
      ['model', 'batch', 'steps', 'remote', 'cache sent per step', 'local ms/step', 'remote ms/step', 'added ms/step'],
      rows,
    );
    return [
      '### Remote Open Inference Protocol backend (loopback)',
      '',
      `Median of ${runs} generations of ${maxNewTokens} tokens per variation (one intra-op thread each side; load ` +
        `average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores when it ended): ` +
        'decoding time / steps, with onnxruntime here and with each step one raw ModelInfer to a gRPC front door on ' +
        '127.0.0.1 (its inference host runs the graph), the three taking turns. Remote, either the server keeps the ' +
        "decoder's KV cache per sequence (each step sends its token ids and gets the logits back) or the whole cache " +
        'travels with every step and its new positions come back (what a server without the mosaic_kv_sequence ' +
        'extension, such as Triton, gets). Same tokens every way (checked).',
      '',
      table,
      '',
    ].join('\n');
  } finally {
    await Promise.all(runtimes.map((runtime) => runtime.dispose()));
    await grpcServer.close();
    await server.dispose();
    await home.remove();
  }
}
