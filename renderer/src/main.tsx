// Boots the UI: connects to main (IPC or HTTP), builds the store, renders the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StudioRoot } from './app/studio-root.js';
import './styles.css';
import './ui/fields.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <StudioRoot storage={window.localStorage} />
  </StrictMode>,
);
