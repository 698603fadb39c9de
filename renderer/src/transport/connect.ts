// Picks the transport: the preload bridge inside Electron, HTTP when the Studio is opened in a browser.
import type { MosaicBridge, MosaicPreloadApi } from '../../../contract/index.js';
import { createHttpBridge } from '../../../contract/http-client.js';
import { createIpcBridge } from './ipc-bridge.js';

declare global {
  interface Window {
    mosaic?: MosaicPreloadApi;
  }
}

export type TransportKind = 'ipc' | 'http';

export function connect(): { bridge: MosaicBridge; transport: TransportKind } {
  if (window.mosaic) return { bridge: createIpcBridge(window.mosaic), transport: 'ipc' };
  return { bridge: createHttpBridge(), transport: 'http' };
}
