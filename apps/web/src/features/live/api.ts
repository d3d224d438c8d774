import type { ChatMessage } from '@ideas-lab/live/events';
import type { ApiClient } from '../../api/client';

/** One page of a chat channel, oldest first; `nextBefore` pages further back. */
export interface ChatPage {
  channel: string;
  messages: ChatMessage[];
  nextBefore: string | null;
}

const id = (value: string) => encodeURIComponent(value);

/** The live views' one HTTP route of their own (the agenda and rounds are the workshop's). */
export function liveApi(client: ApiClient) {
  return {
    chatHistory: (labId: string, query: { channel: string; before?: string; limit?: number }) =>
      client.request<ChatPage>('GET', `/labs/${id(labId)}/chat`, { query }),
  };
}
