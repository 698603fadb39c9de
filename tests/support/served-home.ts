// One `mosaic serve` on a fresh temporary home for a test file's tests: started before them, stopped (and the home
// removed) after them, with JSON calls to it over real HTTP.
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startMosaicServe, type ServeProcess } from './mosaic-serve.js';
import { rawRequest } from './raw-http.js';
import { createTempHome } from './temp-home.js';

export interface JsonAnswer<T> {
  status: number;
  json: T;
}

export interface ServedHome {
  /** The running service; only once the file's beforeAll has run (in a test or a later hook). */
  readonly server: ServeProcess;
  /** POSTs `body` as JSON and parses the answer's body as JSON. */
  post<T>(path: string, body: unknown): Promise<JsonAnswer<T>>;
  /** GET (no body) or POST (a JSON body when one is given) and parses the answer's body as JSON. */
  send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonAnswer<T>>;
}

/** Registers the beforeAll/afterAll that serve a temporary home (MOSAIC_HOME=<home>/data) for this test file. */
export function serveTempHome(): ServedHome {
  let home: Awaited<ReturnType<typeof createTempHome>> | undefined;
  let running: ServeProcess | undefined;
  beforeAll(async () => {
    home = await createTempHome();
    running = await startMosaicServe({ MOSAIC_HOME: join(home.path, 'data') });
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await home?.remove();
  });
  const server = (): ServeProcess => {
    if (!running)
      throw new Error('serveTempHome: the service starts in beforeAll; call it from a test or a later hook.');
    return running;
  };
  const parse = async <T>(answer: ReturnType<typeof rawRequest>): Promise<JsonAnswer<T>> => {
    const response = await answer;
    return { status: response.status, json: JSON.parse(response.body) as T };
  };
  return {
    get server() {
      return server();
    },
    post: (path, body) =>
      parse(
        rawRequest(server().url, server().token, {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    send: (method, path, body) =>
      parse(
        rawRequest(server().url, server().token, {
          method,
          path,
          ...(body === undefined
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        }),
      ),
  };
}
