// The renderer's entry: the workspace, talking to whichever host it runs in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getHost } from './host';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App host={getHost()} />
    </StrictMode>,
  );
}
