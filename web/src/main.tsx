import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createClients } from './App.js';
import { preloadPageAt } from './AppRoutes.js';
import { sessionQueryOptions } from './api/identity.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first load (docs/performance.md, web first load): before the first render, the session
// check (its answer preloaded by index.html) and the page's code start together, and the page's
// first data as soon as the session answers.
const clients = createClients();
preloadPageAt(
  window.location,
  clients,
  clients.queryClient.fetchQuery(sessionQueryOptions(clients.api)),
);

createRoot(root).render(
  <StrictMode>
    <App clients={clients} />
  </StrictMode>,
);
