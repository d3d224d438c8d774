import type { ApiClient } from '../../api/client';

/** Agenda, control room, rotation planner: one typed function per API route. */
export function workshopApi(client: ApiClient) {
  void client;
  return {};
}
