// Finds a Mosaic service already running on this machine (the app or `mosaic serve`), so commands about loaded
// models (ps, load, unload) act on it rather than on a throwaway engine inside the CLI process.
import type { MosaicBridge } from '../../contract/index.js';
import { createHttpBridge } from '../../contract/http-client.js';
import { defaultPort } from './serve.js';

export interface RunningService {
  url: string;
  bridge: MosaicBridge;
}

/** The service at MOSAIC_URL, or on 127.0.0.1 at MOSAIC_PORT (default 7523); null when nothing answers quickly. */
export async function findRunningService(
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 500,
): Promise<RunningService | null> {
  const url = env.MOSAIC_URL ?? `http://127.0.0.1:${env.MOSAIC_PORT ?? defaultPort}`;
  try {
    const response = await fetch(`${url}/v1/system/info`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    const info = (await response.json()) as { app?: { name?: string } };
    if (info.app?.name !== 'Mosaic Studio') return null;
  } catch {
    return null;
  }
  return { url, bridge: createHttpBridge(url) };
}
