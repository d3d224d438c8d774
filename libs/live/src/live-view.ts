import { roomVideoLink } from '@ideas-lab/domain';
import type { ChatMessageRow } from './chat-messages.repository.js';
import type { HelpRequestRow } from './help-requests.repository.js';
import type { PinnedInstructionRow } from './pinned-instructions.repository.js';
import type {
  ChatMessage,
  HelpRequest,
  LiveRoom,
  LiveRound,
  LiveSessionInfo,
  PinnedInstruction,
  RoomLayout,
  TimeRequest,
} from './live-events.js';
import type {
  LiveRoomRow,
  LiveRoundRow,
  LiveSeatRow,
  LiveSessionRow,
} from './live-rounds.repository.js';
import type { TimeRequestRow } from './time-requests.repository.js';

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
  meetingUrl: roomVideoLink({
    ownUrl: row.meetingUrl,
    template: row.linkTemplate,
    labSlug: row.labSlug,
    roomName: row.name,
    roomPosition: row.position,
  }),
  linkFromTemplate: !row.meetingUrl && !!row.linkTemplate,
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

export const channelOf = (roomId: string | null, teamId: string | null = null) =>
  roomId ? `room:${roomId}` : teamId ? `team:${teamId}` : 'lab';

export const toChatMessage = (row: ChatMessageRow): ChatMessage => ({
  id: row.id,
  channel: channelOf(row.roomId, row.teamId),
  sender: { userId: row.senderId, displayName: row.senderName },
  body: row.body,
  clientMessageId: row.clientMessageId,
  sentAt: new Date(row.createdAt).toISOString(),
});

export const toHelpRequest = (row: HelpRequestRow): HelpRequest => ({
  id: row.id,
  roundId: row.roundId,
  room: { id: row.roomId, name: row.roomName },
  topic: row.topic,
  askedBy: { userId: row.askedBy, displayName: row.askedByName },
  askedAt: new Date(row.askedAt).toISOString(),
  routedTo: row.routedTo ? { userId: row.routedTo, displayName: row.routedToName ?? '' } : null,
  routedToRoomMentor: row.routedToRoomMentor,
  claimedBy: row.claimedBy ? { userId: row.claimedBy, displayName: row.claimedByName ?? '' } : null,
  claimedAt: row.claimedAt ? new Date(row.claimedAt).toISOString() : null,
  resolvedAt: row.resolvedAt ? new Date(row.resolvedAt).toISOString() : null,
  state: row.resolvedAt ? 'resolved' : row.claimedAt ? 'claimed' : 'waiting',
});

/** What a room gets when an organiser approves its "+2 minutes". */
export const EXTRA_TIME_SECONDS = 120;

export const toTimeRequest = (row: TimeRequestRow): TimeRequest => ({
  id: row.id,
  roundId: row.roundId,
  room: { id: row.roomId, name: row.roomName },
  askedBy: { userId: row.askedBy, displayName: row.askedByName },
  askedAt: new Date(row.askedAt).toISOString(),
  extraSeconds: EXTRA_TIME_SECONDS,
  decision: row.decision,
  decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
});

export const toPinnedInstruction = (row: PinnedInstructionRow): PinnedInstruction => ({
  id: row.id,
  roomId: row.roomId,
  roundId: row.roundId,
  forSession: row.forSession,
  message: row.message,
  pinnedBy: { userId: row.pinnedBy, displayName: row.pinnedByName },
  pinnedAt: new Date(row.pinnedAt).toISOString(),
  unpinnedAt: row.unpinnedAt ? new Date(row.unpinnedAt).toISOString() : null,
});

export function toLayout(
  rooms: readonly LiveRoomRow[],
  seats: readonly LiveSeatRow[],
): RoomLayout[] {
  return rooms.map((room) => ({
    room: toLiveRoom(room),
    seated: seats
      .filter((s) => s.roomId === room.id)
      .map((s) => ({ userId: s.userId, displayName: s.displayName })),
  }));
}
