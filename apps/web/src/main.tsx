import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { client } from './api/session';
import { queryClient } from './api/http';
import { App, preloadRoute } from './app';
import './styles.css';

window.addEventListener('storage', (event) => client.handleStorageEvent(event));
void client.restore();
// With a session to restore, the page's code and data load beside it (requests wait for its token).
if (client.getState().status === 'restoring') preloadRoute(window.location);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
