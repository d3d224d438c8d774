import type { ApiClient } from '../../api/client';

/** Cohort selection, decisions, outbox: one typed function per API route. */
export function selectionApi(client: ApiClient) {
  void client;
  return {};
}
