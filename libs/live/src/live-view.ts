import type { ChatMessageRow } from './chat-messages.repository.js';
import type { ChatMessage, LiveRoom, LiveRound, LiveSessionInfo } from './live-events.js';
import type { LiveRoomRow, LiveRoundRow, LiveSessionRow } from './live-rounds.repository.js';

export const toLiveRound = (row: LiveRoundRow): LiveRound => ({
  id: row.id,
  sessionId: row.sessionId,
  index: row.index,
  title: row.title,
  state: row.state,
  endsAt: row.endsAt ? new Date(row.endsAt).toISOString() : null,
});

export const toLiveRoom = (row: LiveRoomRow): LiveRoom => ({
  id: row.id,
  name: row.name,
  meetingUrl: row.meetingUrl,
  mentor: row.mentorId ? { userId: row.mentorId, displayName: row.mentorName ?? '' } : null,
});

export const toLiveSession = (row: LiveSessionRow): LiveSessionInfo => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  startsAt: new Date(row.startsAt).toISOString(),
  endsAt: new Date(row.endsAt).toISOString(),
  meetingUrl: row.meetingUrl,
});

export const channelOf = (roomId: string | null) => (roomId ? `room:${roomId}` : 'lab');

export const toChatMessage = (row: ChatMessageRow): ChatMessage => ({
  id: row.id,
  channel: channelOf(row.roomId),
  sender: { userId: row.senderId, displayName: row.senderName },
  body: row.body,
  clientMessageId: row.clientMessageId,
  sentAt: new Date(row.createdAt).toISOString(),
});
