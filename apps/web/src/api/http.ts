import createClient from 'openapi-fetch';
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error';
import type { paths } from './generated/openapi';
import { client } from './session';

/**
 * The typed API: paths, parameters, bodies and answers all come from the generated contract
 * (`npm run api:generate`), so a shape is never written by hand here. Every request goes
 * through the session (token, refresh, errors as ApiError).
 *
 *   const lab = await data(http.GET('/api/labs/{labId}', { params: { path: { labId } } }));
 */
export const http = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: client.fetchWithSession,
  // The session's fetch already turned every failure into an ApiError.
});

/** The body of a successful answer (failures were thrown as ApiError by the session's fetch). */
export async function data<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data: body } = await call;
  return body as T;
}

/**
 * A file the API serves behind authentication (a CSV export, a calendar), with the name the
 * server gave it: a plain link could not carry the access token.
 */
export async function download(
  call: Promise<{ data?: Blob; response: Response }>,
): Promise<{ blob: Blob; filename: string | null }> {
  const { data: blob, response } = await call;
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: blob ?? new Blob(), filename };
}

/**
 * One cache for every screen: server state is read through TanStack Query (de-duplicated,
 * cached, refetched when stale), mutations invalidate what they change, and live events
 * update it in place instead of screens reloading by hand.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not go away by asking again; a lost connection may.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

// Signing out (here or in another tab) drops everything cached: the next person starts clean.
client.subscribe(() => {
  if (client.getState().status === 'signed-out') queryClient.clear();
});
