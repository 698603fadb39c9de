// A real engine (inference host process, model store) behind the real HTTP front door, for the API tests: two small
// installed models (the probe graph and the tiny counting decoder, with their true signatures) and the token file.
import { join } from 'node:path';
import { createCoreHttpServer } from '../../../main/http/core-http-server.js';
import type { MosaicHttpServer } from '../../../main/http/http-server.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { createCoreFixture, type CoreFixture } from '../../support/core-fixture.js';
import { writePackage, writeTinyCounterPackage } from '../../support/model-packages.js';

export const tinyDecoderSignature = {
  inputs: [
    { name: 'input_ids', dtype: 'int64', shape: ['batch', 'new_tokens'] },
    { name: 'past_length', dtype: 'int64', shape: [1] },
    ...[0, 1].flatMap((layer) =>
      ['key', 'value'].map((kind) => ({
        name: `past_${kind}_${layer}`,
        dtype: 'float32',
        shape: ['batch', 2, 'cache_capacity', 16],
      })),
    ),
  ],
  outputs: [
    { name: 'logits', dtype: 'float32', shape: ['batch', 'new_tokens', 32] },
    { name: 'kv_new', dtype: 'float32', shape: [2, 2, 'batch', 2, 'new_tokens', 16] },
  ],
};

export interface ApiWorld {
  fixture: CoreFixture;
  server: MosaicHttpServer;
  url: string;
  token: string;
  /** fetch with the bearer token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

export async function createApiWorld(env: NodeJS.ProcessEnv = {}): Promise<ApiWorld> {
  const fixture = await createCoreFixture({
    env,
    bundledCatalogFolder: async (home) => {
      const bundled = join(home, 'bundled');
      await writePackage(bundled, { name: 'probe-model', version: '1.0.0' });
      await writeTinyCounterPackage(bundled, tinyDecoderSignature);
      return bundled;
    },
  });
  for (const name of ['probe-model', 'tiny-counter']) {
    await fixture.call('models.install', { name, catalogId: 'bundled', activate: true, wait: true });
  }
  const server = await createCoreHttpServer(fixture.core, silentLogger, { env: {} });
  const url = await server.listen(0);
  fixture.core.apiAccess.setBaseUrl(url);
  const token = await fixture.core.apiAccess.token();
  await fixture.core.host.start();
  return {
    fixture,
    server,
    url,
    token,
    api: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
      }),
    dispose: async () => {
      await server.close();
      await fixture.dispose();
    },
  };
}

type OpenApiPaths = Record<string, Record<string, { responses?: Record<string, unknown> }>>;

/** The statuses the OpenAPI document lists for `verb path` (a `{name}` in a documented path matches one segment). */
export function documentedStatuses(paths: OpenApiPaths, verb: string, path: string): string[] {
  const pathname = new URL(path, 'http://127.0.0.1').pathname;
  const template = Object.keys(paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
  );
  const operation = template
    ? paths[template]?.[verb.toLowerCase() === 'head' ? 'get' : verb.toLowerCase()]
    : undefined;
  return Object.keys(operation?.responses ?? {});
}
