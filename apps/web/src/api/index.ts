import { liveApi } from '../features/live/api';
import { workshopApi } from '../features/workshop/api';
import { client } from './session';

export { ApiError, describeError, isApiError } from './api-error';
export type { SessionState } from './client';
export * from './types';

export { client } from './session';
export { data, download, http, queryClient } from './http';

/** The routes of the libs whose contracts are not generated yet (each feature's own file). */
export const api = {
  workshop: workshopApi(client),
  live: liveApi(client),
};
