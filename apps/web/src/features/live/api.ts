import { data, http } from '../../api/http';
import type { QueryOf, Schema } from '../../api/types';

/** One page of a chat channel, oldest first; `nextBefore` pages further back. */
export type ChatPage = Schema<'ChatPage'>;
export type ChatHistoryQuery = QueryOf<'/api/labs/{labId}/chat'>;

/** The live views' one HTTP route of their own (the agenda and rounds are the workshop's). */
export const liveApi = {
  chatHistory: (labId: string, query: ChatHistoryQuery) =>
    data(http.GET('/api/labs/{labId}/chat', { params: { path: { labId }, query } })),
};
