// Connects the Studio to its backend and rebuilds the connection when Settings switches it: this machine's service
// (IPC in the desktop app, HTTP in a browser), or a remote Mosaic service over HTTP with its own token.
import { useEffect, useState } from 'react';
import type { StateStorage } from 'zustand/middleware';
import { createHttpBridge } from '../../../common/http-client.js';
import { AppShell } from './app-shell.js';
import { sanitizeRemoteBackend, type RemoteBackend } from '../state/settings-slice.js';
import { StoreProvider } from '../state/store-context.js';
import { createStudioStore, persistedStoreKey, type StudioStore } from '../state/studio-store.js';
import { ConnectGate } from '../transport/connect-gate.js';
import { connect, type TransportKind } from '../transport/connect.js';

interface Connection {
  store: StudioStore;
  bridge: ReturnType<typeof connect>['bridge'];
  transport: TransportKind;
  remote: RemoteBackend | null;
}

/** The remote backend kept in the store's persisted state, read before a store exists. */
export function persistedRemoteBackend(storage: Pick<Storage, 'getItem'>): RemoteBackend | null {
  try {
    const persisted = JSON.parse(storage.getItem(persistedStoreKey) ?? 'null') as { state?: Record<string, unknown> };
    return sanitizeRemoteBackend(persisted?.state?.remoteBackend);
  } catch {
    return null;
  }
}

function open(storage: Storage & StateStorage): Connection {
  const remote = persistedRemoteBackend(storage);
  const { bridge, transport } = remote
    ? { bridge: createHttpBridge(remote.url, { token: remote.token }), transport: 'http' as const }
    : connect();
  return { store: createStudioStore(bridge, storage), bridge, transport, remote };
}

export function StudioRoot({ storage }: { storage: Storage & StateStorage }) {
  const [connection, setConnection] = useState(() => open(storage));
  const [generation, setGeneration] = useState(0);

  // A new remote backend (or back to this machine) means a new bridge, and a store that loads its state from it.
  useEffect(
    () =>
      connection.store.subscribe((state, previous) => {
        if (state.remoteBackend === previous.remoteBackend) return;
        // After this update is persisted (listeners run before persist writes), so the new store reads it back.
        setTimeout(() => {
          setConnection(open(storage));
          setGeneration((count) => count + 1);
        }, 0);
      }),
    [connection, storage],
  );

  const shell = (
    <StoreProvider store={connection.store}>
      <AppShell key={generation} bridge={connection.bridge} transport={connection.transport} />
    </StoreProvider>
  );
  // The Connect screen asks for this machine's token; a remote's token comes from Settings.
  if (connection.remote) return shell;
  return (
    <ConnectGate bridge={connection.bridge} transport={connection.transport}>
      {shell}
    </ConnectGate>
  );
}
