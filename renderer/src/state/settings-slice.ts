// Settings: whether the panel is open, the API's address and token (system.apiAccess), and the remote backend the
// Studio runs against instead of this machine (persisted; applying it rebuilds the bridge and the store).
import type { StateCreator } from 'zustand';
import type { ApiAccess, ErrorPayload, MosaicBridge, RequestOf, ResponseOf } from '../../../contract/index.js';
import { toErrorPayload } from '../../../contract/index.js';
import type { StudioState } from './studio-store.js';

/** Another Mosaic service on the network: its base URL (scheme, host, port) and its API token. */
export interface RemoteBackend {
  url: string;
  token: string;
}

export interface SettingsSlice {
  settingsOpen: boolean;
  /** null: this machine's service. */
  remoteBackend: RemoteBackend | null;
  apiAccess: ApiAccess | null;
  apiAccessError: ErrorPayload | null;
  /** The service's own settings (system.settings): where inference runs, and the gRPC port the app serves. */
  serviceSettings: ResponseOf<'system.settings'> | null;
  serviceSettingsError: ErrorPayload | null;
  /** True while a change is applied (a new backend restarts the inference host). */
  serviceSettingsSaving: boolean;
  loadServiceSettings: () => Promise<void>;
  saveServiceSettings: (change: RequestOf<'system.updateSettings'>) => Promise<boolean>;
  setSettingsOpen: (open: boolean) => void;
  setRemoteBackend: (remote: RemoteBackend | null) => void;
  loadApiAccess: () => Promise<void>;
}

/** `http(s)://host[:port]` without a trailing slash or path, or null when the text is not such a URL. */
export function normalizeBackendUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Accepts any persisted value and returns a valid remote backend or null. */
export function sanitizeRemoteBackend(value: unknown): RemoteBackend | null {
  if (typeof value !== 'object' || value === null) return null;
  const { url, token } = value as Record<string, unknown>;
  const normalized = typeof url === 'string' ? normalizeBackendUrl(url) : null;
  if (!normalized || typeof token !== 'string') return null;
  return { url: normalized, token };
}

export function createSettingsSlice(bridge: MosaicBridge): StateCreator<StudioState, [], [], SettingsSlice> {
  return (set) => ({
    settingsOpen: false,
    remoteBackend: null,
    apiAccess: null,
    apiAccessError: null,
    serviceSettings: null,
    serviceSettingsError: null,
    serviceSettingsSaving: false,
    loadServiceSettings: async () => {
      try {
        set({ serviceSettings: await bridge.call('system.settings', {}), serviceSettingsError: null });
      } catch (error) {
        set({ serviceSettingsError: toErrorPayload(error) });
      }
    },
    saveServiceSettings: async (change) => {
      set({ serviceSettingsSaving: true });
      try {
        set({ serviceSettings: await bridge.call('system.updateSettings', change), serviceSettingsError: null });
        return true;
      } catch (error) {
        set({ serviceSettingsError: toErrorPayload(error) });
        return false;
      } finally {
        set({ serviceSettingsSaving: false });
      }
    },
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    setRemoteBackend: (remote) => set({ remoteBackend: remote ? sanitizeRemoteBackend(remote) : null }),
    loadApiAccess: async () => {
      try {
        set({ apiAccess: await bridge.call('system.apiAccess', {}), apiAccessError: null });
      } catch (error) {
        set({ apiAccessError: toErrorPayload(error) });
      }
    },
  });
}
