import type { ChatMessage } from '@ideas-lab/live/events';

/**
 * Chat as the browser keeps it: messages arrive live, again in a snapshot after a reconnect,
 * replayed by connection-state recovery, and page by page over HTTP. Ids are ordered bigints
 * (as strings), so one sorted list without duplicates is the truth whatever the order of arrival.
 */

/** Orders two message ids as the numbers they are (a string compare would put "10" before "9"). */
export function compareMessageIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Every message of both lists once, oldest first; a message seen again replaces the earlier copy. */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const byId = new Map<string, ChatMessage>();
  for (const message of current) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => compareMessageIds(a.id, b.id));
}

/** The largest id among the messages, or `current` if that is larger (null when there are none). */
export function latestMessageId(
  current: string | null,
  messages: readonly Pick<ChatMessage, 'id'>[],
): string | null {
  let latest = current;
  for (const { id } of messages)
    if (latest === null || compareMessageIds(id, latest) > 0) latest = id;
  return latest;
}

/** The messages of one channel (`lab`, `room:<id>`, …), oldest first. */
export function messagesOf(messages: readonly ChatMessage[], channel: string): ChatMessage[] {
  return messages.filter((m) => m.channel === channel);
}

/** A message this browser is sending: shown at once, marked until the server stores it. */
export interface OutgoingMessage {
  clientMessageId: string;
  channel: string;
  body: string;
  state: 'sending' | 'failed';
  error?: string;
}

/** Outgoing messages the server has not stored yet (a stored one arrives with the same client id). */
export function stillOutgoing(
  outgoing: readonly OutgoingMessage[],
  stored: readonly ChatMessage[],
  myUserId: string | null,
): OutgoingMessage[] {
  if (outgoing.length === 0) return outgoing as OutgoingMessage[];
  const done = new Set(
    stored.filter((m) => m.sender.userId === myUserId).map((m) => m.clientMessageId),
  );
  return outgoing.filter((o) => !done.has(o.clientMessageId));
}
