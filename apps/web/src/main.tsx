// The global styles first, so every CSS module (loaded after them) wins a tie.
import './tokens.css';
import './base.css';
// The primitives nearly every screen uses come with the first page, in its one stylesheet,
// rather than as a request each when a screen first needs them (docs/architecture.md, "Web
// client budget"). Screens import them for their class names as usual.
// In the order the rules had in the one global sheet they came from: some meet on one element
// (a stack's gap and the facts' own margin), and the later one wins.
import './components/page-layout.module.css';
import './components/card.module.css';
import './components/text.module.css';
import './components/field.module.css';
import './components/actions.module.css';
import './components/button.module.css';
import './components/feedback.module.css';
import './components/badge.module.css';
import './components/chips.module.css';
import './components/facts.module.css';
import './components/table-scroll.module.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { client } from './api/session';
import { queryClient } from './api/http';
import { App, preloadRoute } from './app';

window.addEventListener('storage', (event) => client.handleStorageEvent(event));
void client.restore();
// With a session to restore, the page's code and data load beside it (requests wait for its
// token), started just after the first paint: a request started before it would count into
// Lighthouse's simulated first paint and delay it.
if (client.getState().status === 'restoring') {
  requestAnimationFrame(() => setTimeout(() => preloadRoute(window.location), 0));
}

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
