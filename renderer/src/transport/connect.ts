// Picks the transport: the preload bridge inside Electron, HTTP when the Studio is opened in a browser. In a browser
// the API needs its bearer token, which arrives the Jupyter way: `mosaic serve` prints `http://127.0.0.1:<port>/#token=…`;
// the page keeps the token in localStorage (per origin) and removes it from the address bar.
import type { MosaicBridge, MosaicPreloadApi } from '../../../contract/index.js';
import { createHttpBridge } from '../../../common/http-client.js';
import { createIpcBridge } from './ipc-bridge.js';

declare global {
  interface Window {
    mosaic?: MosaicPreloadApi;
  }
}

export type TransportKind = 'ipc' | 'http';

/** localStorage key of the API token (localStorage is per origin, so each served Studio keeps its own). */
export const apiTokenStorageKey = 'mosaic.apiToken';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads `#token=…` from the address, stores it, and strips it from the URL (history.replaceState); null when absent. */
export function takeTokenFromLocation(
  location: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location,
  history: Pick<History, 'replaceState' | 'state'> = window.history,
  storage: TokenStorage = window.localStorage,
): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  saveApiToken(token, storage);
  return token;
}

export function storedApiToken(storage: TokenStorage = window.localStorage): string | null {
  try {
    return storage.getItem(apiTokenStorageKey);
  } catch {
    return null;
  }
}

export function saveApiToken(token: string, storage: TokenStorage = window.localStorage): void {
  try {
    storage.setItem(apiTokenStorageKey, token);
  } catch {
    // Storage refused (private mode): the token lasts for this page only.
  }
}

export function connect(): { bridge: MosaicBridge; transport: TransportKind } {
  if (window.mosaic) return { bridge: createIpcBridge(window.mosaic), transport: 'ipc' };
  const token = takeTokenFromLocation() ?? storedApiToken();
  return { bridge: createHttpBridge('', token ? { token } : {}), transport: 'http' };
}
