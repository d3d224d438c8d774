import { ApiClient } from './client';

/** The browser's one session with the API (tokens, cross-tab refresh). */
export const client = new ApiClient({ baseUrl: '/api', storage: window.localStorage });
