import type { ApiClient } from '../../api/client';

/** Application review: reviewer queue, rubric form, conflicts, rubric editor, assignment: one typed function per API route. */
export function reviewApi(client: ApiClient) {
  void client;
  return {};
}
