// Boots the UI: connects to main (IPC or HTTP), builds the store, renders the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app/app-shell.js';
import { createStudioStore } from './state/studio-store.js';
import { StoreProvider } from './state/store-context.js';
import { ConnectGate } from './transport/connect-gate.js';
import { connect } from './transport/connect.js';
import './styles.css';

const { bridge, transport } = connect();
const store = createStudioStore(bridge, window.localStorage);
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <ConnectGate bridge={bridge} transport={transport}>
      <StoreProvider store={store}>
        <AppShell bridge={bridge} transport={transport} />
      </StoreProvider>
    </ConnectGate>
  </StrictMode>,
);
