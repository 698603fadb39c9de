// Finds a Mosaic service already running on this machine (the app or `mosaic serve`), so commands about loaded
// models (ps, load, unload) act on it rather than on a throwaway engine inside the CLI process, and generations run in
// the service on this data folder (one data folder, one engine: its History and event stream see the run).
import type { MethodId, MosaicBridge, RequestOf, ResponseOf } from '../../contract/index.js';
import { MosaicError } from '../../contract/index.js';
import { createHttpBridge } from '../../common/http-client.js';
import { resolveDataFolder } from '../platform/paths.js';
import { apiTokenFile, apiTokenForClient } from '../services/service-access/api-access.js';
import { readServiceRecord } from '../services/service-access/service-record.js';
import type { CallContext } from '../services/engine/contract-dispatcher.js';
import { quickFetch } from './quick-fetch.js';

/** The HTTP API's port when nothing else is said (MOSAIC_PORT, `mosaic serve --port`). */
export const defaultPort = 7523;

export interface RunningService {
  url: string;
  bridge: MosaicBridge;
}

/** Where a command's contract calls go: a running service's API, or the engine inside this process. */
export interface ContractCaller {
  call<M extends MethodId>(method: M, request: RequestOf<M>, context: CallContext): Promise<ResponseOf<M>>;
}

/**
 * The service on this data folder (the app or `mosaic serve`, from MOSAIC_HOME/service.json) if it answers, else
 * null. A service found elsewhere (MOSAIC_URL, the default port) is not used: it may keep another data folder.
 * `signal` ends the event stream of the returned bridge (so that a one-shot command can exit).
 */
export async function findDataFolderService(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 1_000,
  signal?: AbortSignal,
): Promise<RunningService | null> {
  const record = await readServiceRecord(resolveDataFolder(env));
  return record ? probeService(record.url, env, timeoutMs, signal) : null;
}

/**
 * The service at MOSAIC_URL; else the one MOSAIC_HOME's service.json names (the app or `mosaic serve` on this data
 * folder, on whatever port it got); else on 127.0.0.1 at MOSAIC_PORT (default 7523). Null when nothing answers
 * quickly. The API token is MOSAIC_API_TOKEN, else MOSAIC_HOME's api-token file; a service that refuses it is an
 * UNAUTHORIZED error.
 */
export async function findRunningService(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 500,
  signal?: AbortSignal,
): Promise<RunningService | null> {
  const dataFolder = resolveDataFolder(env);
  const url =
    env.MOSAIC_URL ??
    (await readServiceRecord(dataFolder))?.url ??
    `http://127.0.0.1:${env.MOSAIC_PORT ?? defaultPort}`;
  return probeService(url, env, timeoutMs, signal);
}

/** The Mosaic service at `url` if it answers in time; UNAUTHORIZED when it refuses the token. */
async function probeService(
  url: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<RunningService | null> {
  const dataFolder = resolveDataFolder(env);
  const token = await apiTokenForClient(dataFolder, env);
  let status: number;
  try {
    const response = await quickFetch(`${url}/v1/system/info`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    status = response.status;
    if (response.ok) {
      const info = (await response.json()) as { app?: { name?: string } };
      if (info.app?.name !== 'Mosaic Studio') return null;
    }
  } catch {
    return null;
  }
  if (status === 401) {
    throw new MosaicError(
      'UNAUTHORIZED',
      `A Mosaic service at ${url} refused ${token ? 'the API token' : 'to answer without an API token'} ` +
        `(read from ${env.MOSAIC_API_TOKEN ? 'MOSAIC_API_TOKEN' : apiTokenFile(dataFolder)}). Set MOSAIC_API_TOKEN to ` +
        "the service's token (its MOSAIC_HOME/api-token).",
    );
  }
  if (status !== 200) return null;
  return {
    url,
    bridge: createHttpBridge(url, { fetch: quickFetch, ...(token ? { token } : {}), ...(signal ? { signal } : {}) }),
  };
}
