/** Every API route is under `/api` (health and docs excepted). */
export const API_PREFIX = 'api';
