import type { ApiClient } from '../../api/client';

/** The participant and mentor live views: one typed function per API route. */
export function liveApi(client: ApiClient) {
  void client;
  return {};
}
