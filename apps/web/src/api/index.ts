export { ApiError, describeError, isApiError } from './api-error';
export type { SessionState } from './client';
export * from './types';

export { client } from './session';
export { data, download, http, queryClient } from './http';
