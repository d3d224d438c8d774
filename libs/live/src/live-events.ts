/**
 * Every event of the `/live` Socket.IO namespace and its payload: one map shared by the
 * server, the tests and the web client. docs/live-events.md describes each one.
 *
 * Client → server events are requests: the client passes an acknowledgement callback and
 * gets `{ ok: true, ...result }` or `{ ok: false, code, message, details? }`.
 * Server → client events are notices.
 *
 * Request payloads are zod schemas (`liveRequestPayloads`): the gateway validates each event
 * with its schema and the payload types below are inferred from them, so a field is written
 * once. The web client imports only the types.
 */
import { z } from 'zod';

export type LabRoleName = 'applicant' | 'participant' | 'mentor' | 'organiser';

/** What the client sends in the handshake: `io(url + '/live', { auth })`. */
export interface LiveHandshakeAuth {
  /** The same JWT access token as for HTTP. */
  token: string;
  labId: string;
  /** The id of the last chat message this client has seen, to receive only what it missed. */
  lastSeenMessageId?: string | null;
}

/** The error a refused handshake carries: `socket.on('connect_error', (e) => e.data)`. */
export interface LiveConnectErrorData {
  code: string;
  message: string;
}

export const LivePerson = z.object({ userId: z.uuid(), displayName: z.string() });
export type LivePerson = z.output<typeof LivePerson>;

export interface LiveRoom {
  id: string;
  name: string;
  /** The video link to join: the room's own, else the lab's link template filled in; null: none. */
  meetingUrl: string | null;
  /** The link comes from the lab's template (the room has none of its own). */
  linkFromTemplate: boolean;
  mentor: LivePerson | null;
}

export interface LiveRound {
  id: string;
  sessionId: string;
  index: number;
  title: string;
  state: 'planned' | 'open' | 'closed';
  /** Absolute deadline (ISO); compare with `serverNow` to correct the client's clock. */
  endsAt: string | null;
}

export interface LiveSessionInfo {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string | null;
}

/** `lab`, `room:<roomId>` or `team:<teamId>`. */
export const CHANNEL_PATTERN =
  /^(lab|(room|team):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** A chat channel a client names, refused with one wording wherever it is named. */
export const ChatChannel = z
  .string()
  .regex(CHANNEL_PATTERN, 'must be "lab", "room:<roomId>" or "team:<teamId>"');

export const ChatMessage = z
  .object({
    id: z.string().meta({
      description: 'Ordered: a larger id was stored later. A bigint, as a string.',
      example: '121',
    }),
    channel: z.string().meta({ description: '`lab`, `room:<roomId>` or `team:<teamId>`.' }),
    sender: LivePerson,
    body: z.string(),
    clientMessageId: z.string(),
    sentAt: z.iso.datetime(),
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.output<typeof ChatMessage>;

export interface LiveSnapshot {
  serverNow: string;
  labId: string;
  me: LivePerson & { roles: LabRoleName[]; isOrganiser: boolean };
  /** True when Socket.IO restored the connection (missed events were replayed too). */
  recovered: boolean;
  session: LiveSessionInfo | null;
  round: LiveRound | null;
  room: LiveRoom | null;
  roomMates: LivePerson[];
  /** Chat of the lab, of one's room and of one's teams after `lastSeenMessageId` (or the latest), oldest first. */
  chat: ChatMessage[];
  /** More messages were missed than the snapshot carries: page back over HTTP. */
  chatTruncated: boolean;
  /**
   * Unresolved help requests: organisers see every one of the lab; a mentor those routed to
   * them, those routed to no one and those they claimed; a participant their room's.
   */
  helpQueue: HelpRequest[];
  /**
   * "+2 minutes" requests of the open round: organisers get those not decided yet; a
   * participant their room's (decided or not).
   */
  timeRequests: TimeRequest[];
  /** A mentor's topics (help requests that fit are routed to them first); [] for others. */
  myTopics: string[];
  /**
   * Instructions pinned now, oldest first: those for every room and those for one's room;
   * organisers get every pin of the lab.
   */
  pinned: PinnedInstruction[];
  /** The teams one belongs to (their chat is `team:<teamId>`); organisers get every team of the lab. */
  teams: LiveTeam[];
  /** When the access token this connection was authenticated with expires (send `auth:refresh` before). */
  tokenExpiresAt: string;
  /** The pitch session running now in the lab (its order, who is on stage, the clock); null when none runs. */
  pitch: LivePitch | null;
}

/** One team's turn in a pitch session, as the live layer shows it. */
export interface LivePitchSlot {
  slotId: string;
  teamId: string;
  teamName: string;
  position: number;
  /** waiting → pitch → questions → closed (scores locked). */
  phase: 'waiting' | 'pitch' | 'questions' | 'closed';
  pitchSeconds: number;
  questionSeconds: number;
  /** When the running phase ends (server time, ISO); compare with `serverNow`. */
  phaseEndsAt: string | null;
  /** How many times organisers moved this slot's clock by hand. */
  clockVersion: number;
  /** Seconds organisers added to (negative: took from) the running phase; 0 when it starts. */
  adjustedSeconds: number;
}

/** A pitch session's stage: the running order, who is on now and their clock. */
export interface LivePitch {
  serverNow: string;
  labId: string;
  sessionId: string;
  title: string;
  state: 'scheduled' | 'running' | 'ended';
  /** The slot on stage now (or last); null before the first team. */
  currentSlotId: string | null;
  slots: LivePitchSlot[];
}

/** A mentor saved a pitch score (draft while the pitch runs), as organisers see it arrive. */
export interface PitchScoredNotice {
  serverNow: string;
  labId: string;
  sessionId: string;
  slotId: string;
  teamId: string;
  scoreId: string;
  mentor: LivePerson;
  scores: Record<string, number>;
  commentToTeam: string;
  privateNote: string;
  version: number;
  updatedAt: string;
}

/** A team of team formation as the self-organised board counts it. */
export interface FormationTeamNotice {
  serverNow: string;
  teamId: string;
  ideaId: string | null;
  name: string;
  /** `removed`: the team is gone (its last member left, or a run was adopted over it). */
  status: 'forming' | 'locked' | 'confirmed' | 'removed';
  memberCount: number;
  /** The size cap while it forms; null: none. */
  maxSize: number | null;
}

export interface LiveTeam {
  id: string;
  name: string;
  members: LivePerson[];
}

export interface PinnedInstruction {
  id: string;
  /** null: pinned for every room (the whole lab). */
  roomId: string | null;
  /** The round it belongs to (it ends when another opens); null: pinned between rounds, for the next. */
  roundId: string | null;
  /** Kept for the whole session: it ends only when a round of another session opens. */
  forSession: boolean;
  message: string;
  pinnedBy: LivePerson;
  pinnedAt: string;
  /** Set once it is unpinned. */
  unpinnedAt: string | null;
}

/** A save or a submission of a team's proposal, as teammates see it arrive (`team:<teamId>`). */
export interface ProposalActivity {
  labId: string;
  roundId: string;
  teamId: string;
  proposalId: string;
  /** The version saved (or submitted). Read it over HTTP: the notice carries no content. */
  version: number;
  by: LivePerson;
  at: string;
}

// ---- proposal review (libs/proposal-review) ---------------------------------------------
// Payloads are zod schemas (strict: a test parses what a recipient got, so a field that would
// tell them more than they may read fails it). Each carries ids and what the screen needs to
// update its cache; anything more is read over HTTP, with that reader's rights.

/** A person named in a review notice (strict, as every review payload). */
const ReviewPerson = z.strictObject(LivePerson.shape);

/** How many reviews of a proposal (or a round) are assigned, submitted, drafts, not started. */
export const ProposalReviewCounts = z.strictObject({
  assigned: z.int(),
  submitted: z.int(),
  draft: z.int(),
  notStarted: z.int(),
});

/**
 * A review of a proposal changed: submitted, a submitted one revised, or (organisers only) a
 * draft saved. It names no reviewer (review may be blind) and carries no scores: read them
 * over HTTP. `progress` is the proposal's for organisers; null for reviewers (they read the
 * submitted reviews, not who else was assigned or drafted).
 */
export const ProposalReviewNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  proposalId: z.uuid(),
  change: z.enum(['submitted', 'revised', 'draft']),
  progress: ProposalReviewCounts.nullable(),
  at: z.iso.datetime(),
});
export type ProposalReviewNotice = z.output<typeof ProposalReviewNotice>;

/** A message in a proposal's panel discussion (its panel: reviewers who submitted, organisers). */
export const PanelMessageNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  proposalId: z.uuid(),
  message: z.strictObject({
    id: z.string(),
    /** Null in a blind review for reviewers other than the author (they read `authorLabel`). */
    author: ReviewPerson.nullable(),
    authorLabel: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
  }),
});
export type PanelMessageNotice = z.output<typeof PanelMessageNotice>;

/**
 * A proposal's consensus report changed: the organisers picked its lead, or the lead saved it.
 * `report` is what the panel reads (`canEdit` is the reader's own: the lead's).
 */
export const ConsensusNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  proposalId: z.uuid(),
  change: z.enum(['lead', 'saved']),
  report: z.strictObject({
    /** Null when none yet, or in a blind review for reviewers other than the lead (see `leadLabel`). */
    lead: ReviewPerson.nullable(),
    leadLabel: z.string().nullable(),
    recommendation: z.enum(['fund', 'fund-with-changes', 'do-not-fund']).nullable(),
    summary: z.string(),
    version: z.int(),
    updatedBy: ReviewPerson.nullable(),
    updatedAt: z.iso.datetime().nullable(),
  }),
});
export type ConsensusNotice = z.output<typeof ConsensusNotice>;

/**
 * To organisers: who reviews what changed — an assignment run written, a hand assignment added
 * or removed, a conflict declared (a draft withdrawn) or withdrawn. Read the assignments again.
 */
export const ProposalAssignmentsNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  change: z.enum(['run', 'added', 'removed', 'conflict-declared', 'conflict-withdrawn']),
  /** The proposals whose reviewers (or conflicts) changed. */
  proposalIds: z.array(z.uuid()),
});
export type ProposalAssignmentsNotice = z.output<typeof ProposalAssignmentsNotice>;

/**
 * To one reviewer: their queue in the round changed (assigned, unassigned, made or unmade the
 * lead of a consensus) or the round's review did (blind toggled, closed). Read it again.
 */
export const ReviewQueueNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  change: z.enum(['assignments', 'lead', 'settings']),
});
export type ReviewQueueNotice = z.output<typeof ReviewQueueNotice>;

/** To organisers: the round's review settings as they are now (after a toggle, close or release). */
export const ReviewRoundNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  blind: z.boolean(),
  closedAt: z.iso.datetime().nullable(),
  commentsReleasedAt: z.iso.datetime().nullable(),
  version: z.int(),
});
export type ReviewRoundNotice = z.output<typeof ReviewRoundNotice>;

/** To a team (`team:<teamId>`): the comments to it were released; read its review feedback. */
export const ReviewFeedbackNotice = z.strictObject({
  labId: z.uuid(),
  roundId: z.uuid(),
  teamId: z.uuid(),
});
export type ReviewFeedbackNotice = z.output<typeof ReviewFeedbackNotice>;

// ---- application review (libs/review) ------------------------------------------------------

/**
 * To the lab's mentors and organisers: the organisers closed application review, so no review
 * is written or revised any more. Read the review screens again.
 */
export const ApplicationReviewClosedNotice = z.strictObject({
  labId: z.uuid(),
  closedAt: z.iso.datetime(),
});
export type ApplicationReviewClosedNotice = z.output<typeof ApplicationReviewClosedNotice>;

/** A room of a round as the control room lays it out. */
export interface RoomLayout {
  room: LiveRoom;
  /** The participants seated in it (the room of record). */
  seated: LivePerson[];
}

/** One control-room tile: who is there now and what happens in it, without joining it. */
export interface RoomActivity extends RoomLayout {
  /** Seated participants connected now (on any instance) whose connections are in this room. */
  present: LivePerson[];
  /** The room's own mentor is connected and in it. */
  mentorPresent: boolean;
  /** Mentors visiting it now (`mentor:visit`), its own mentor included when present. */
  mentorsHere: LivePerson[];
  messageCount: number;
  lastMessageAt: string | null;
  /** Unresolved help requests of the room (waiting or claimed). */
  openHelpRequests: HelpRequest[];
}

export interface RoomsActivity {
  serverNow: string;
  /** The round running now; null (and no rooms) when none is open. */
  round: LiveRound | null;
  rooms: RoomActivity[];
}

export interface HelpRequest {
  id: string;
  roundId: string;
  room: { id: string; name: string };
  topic: string;
  askedBy: LivePerson;
  askedAt: string;
  /** The free mentor whose topics fit best when it was asked; null: no mentor was free, every mentor sees it. */
  routedTo: LivePerson | null;
  /**
   * The mentor it went to sits in the room already (its own mentor, or visiting): no other
   * free mentor's topics fit, so the room's own mentor has it.
   */
  routedToRoomMentor: boolean;
  claimedBy: LivePerson | null;
  claimedAt: string | null;
  resolvedAt: string | null;
  state: 'waiting' | 'claimed' | 'resolved';
}

export interface TimeRequest {
  id: string;
  roundId: string;
  room: { id: string; name: string };
  askedBy: LivePerson;
  askedAt: string;
  /** Always two minutes. */
  extraSeconds: number;
  decision: 'approved' | 'declined' | null;
  decidedAt: string | null;
}

export interface RoomAssigned {
  serverNow: string;
  round: LiveRound;
  room: LiveRoom;
  roomMates: LivePerson[];
  /** The instructions pinned now for this person: every room's and the new room's (replaces the list). */
  pinned: PinnedInstruction[];
}

export interface TimerNotice {
  serverNow: string;
  roundId: string;
  endsAt: string;
}

export interface PresenceEntry extends LivePerson {
  roles: LabRoleName[];
  /** The breakout rooms this person's connections are in now. */
  roomIds: string[];
  connections: number;
}

// ---- client → server -------------------------------------------------------------------

const id = () => z.uuid();
/** Non-blank text of at most `max` characters. */
const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');

export const OpenRoundPayload = z.strictObject({
  roundId: id(),
  /** Defaults to the round's planned duration. */
  durationSeconds: z
    .int()
    .min(1)
    .max(24 * 3600)
    .optional(),
  /** Open although today (lab time) is not the session's day (else ROUND_OUTSIDE_SESSION_DAY). */
  confirmOtherDay: z.boolean().optional(),
});
export const CloseRoundPayload = z.strictObject({
  roundId: id(),
  /** 0 closes now; otherwise a countdown of this many seconds, then the round closes. */
  graceSeconds: z.int().min(0).max(3600).optional(),
});
export const AdjustTimerPayload = z.strictObject({
  roundId: id(),
  /** Positive extends, negative shortens (never before now). */
  deltaSeconds: z
    .int()
    .min(-3 * 3600)
    .max(3 * 3600)
    .refine((seconds) => seconds !== 0, 'must not be 0'),
});
export const BroadcastPayload = z.strictObject({
  message: z.string().min(1).max(1000),
  /** One room only; the whole lab when absent. */
  roomId: id().optional(),
});
export const SendChatPayload = z.strictObject({
  channel: ChatChannel,
  /** Unique per sender: a retried send with the same id is stored once. */
  clientMessageId: z.string().min(1).max(100),
  body: z.string().min(1).max(4000),
});
export const AskHelpPayload = z.strictObject({
  /** What the room needs help with, e.g. "statistics". */
  topic: text(80),
});
export const HelpRequestRef = z.strictObject({ requestId: id() });
export const MentorTopicsPayload = z.strictObject({
  /** What this mentor can help with (replaces the previous list). */
  topics: z.array(z.string().min(1).max(80)).max(20),
});
export const DecideTimePayload = z.strictObject({ requestId: id(), approve: z.boolean() });
export const PinPayload = z.strictObject({
  message: text(500),
  /** A room of the open round; every room when absent. */
  roomId: id().optional(),
  /** Keep it up for the whole session (every room only); else it ends when the next round opens. */
  forSession: z.boolean().optional(),
});
export const UnpinPayload = z.strictObject({ pinId: id() });
export const RecreateRoomsPayload = z.strictObject({
  roundId: id(),
  /**
   * `plan`: the round's rooms as the adopted plan made them (undoing moves); `size`: new rooms
   * of about `roomSize` people, planned for new encounters and discipline mix.
   */
  from: z.enum(['plan', 'size']),
  /** With `from: 'size'`: wanted people per room (2–50). */
  roomSize: z.int().min(2).max(50).optional(),
  /** With `from: 'size'`: seat only the participants connected now (default false: every participant). */
  onlineOnly: z.boolean().optional(),
});
export const MentorVisitPayload = z.strictObject({
  /** A room of the open round to go to; null (or absent) to leave the room one is visiting. */
  roomId: id().nullable().default(null),
});
export const AuthRefreshPayload = z.strictObject({
  /** A fresh access token of the same person (from POST /api/auth/refresh). */
  token: z.jwt(),
});
/** Requests that carry nothing: nothing, or an empty object. */
export const NoPayload = z.strictObject({});

export type OpenRoundPayload = z.output<typeof OpenRoundPayload>;
export type CloseRoundPayload = z.output<typeof CloseRoundPayload>;
export type AdjustTimerPayload = z.output<typeof AdjustTimerPayload>;
export type BroadcastPayload = z.output<typeof BroadcastPayload>;
export type SendChatPayload = z.output<typeof SendChatPayload>;
export type AskHelpPayload = z.output<typeof AskHelpPayload>;
export type HelpRequestRef = z.output<typeof HelpRequestRef>;
export type MentorTopicsPayload = z.output<typeof MentorTopicsPayload>;
export type DecideTimePayload = z.output<typeof DecideTimePayload>;
export type PinPayload = z.output<typeof PinPayload>;
export type UnpinPayload = z.output<typeof UnpinPayload>;
export type RecreateRoomsPayload = z.output<typeof RecreateRoomsPayload>;
export type MentorVisitPayload = z.output<typeof MentorVisitPayload>;
export type AuthRefreshPayload = z.output<typeof AuthRefreshPayload>;
export type NoPayload = z.output<typeof NoPayload>;

/** The schema each request's payload is validated with (the gateway looks it up by event). */
export const liveRequestPayloads = {
  'round:open': OpenRoundPayload,
  'round:close': CloseRoundPayload,
  'timer:adjust': AdjustTimerPayload,
  broadcast: BroadcastPayload,
  'chat:send': SendChatPayload,
  'presence:list': NoPayload,
  'time:sync': NoPayload,
  'help:request': AskHelpPayload,
  'help:claim': HelpRequestRef,
  'help:resolve': HelpRequestRef,
  'help:topics': MentorTopicsPayload,
  'time:request': NoPayload,
  'time:decide': DecideTimePayload,
  'pin:set': PinPayload,
  'pin:clear': UnpinPayload,
  'rooms:recreate': RecreateRoomsPayload,
  'rooms:activity': NoPayload,
  'mentor:visit': MentorVisitPayload,
  'auth:refresh': AuthRefreshPayload,
} satisfies { [E in keyof LiveRequests]: z.ZodType<LiveRequests[E]['payload']> };

export interface LiveRequests {
  'round:open': {
    payload: OpenRoundPayload;
    result: { round: LiveRound; rooms: number; seated: number };
  };
  'round:close': { payload: CloseRoundPayload; result: { round: LiveRound } };
  'timer:adjust': { payload: AdjustTimerPayload; result: { round: LiveRound } };
  broadcast: { payload: BroadcastPayload; result: { id: string } };
  'chat:send': { payload: SendChatPayload; result: { message: ChatMessage; duplicate: boolean } };
  'presence:list': { payload: NoPayload; result: { online: PresenceEntry[] } };
  'time:sync': { payload: NoPayload; result: { serverNow: string } };
  'help:request': { payload: AskHelpPayload; result: { request: HelpRequest } };
  'help:claim': { payload: HelpRequestRef; result: { request: HelpRequest } };
  'help:resolve': { payload: HelpRequestRef; result: { request: HelpRequest } };
  'help:topics': { payload: MentorTopicsPayload; result: { topics: string[] } };
  'time:request': { payload: NoPayload; result: { request: TimeRequest } };
  'time:decide': { payload: DecideTimePayload; result: { request: TimeRequest; round: LiveRound } };
  'pin:set': { payload: PinPayload; result: { pin: PinnedInstruction } };
  'pin:clear': { payload: UnpinPayload; result: { pin: PinnedInstruction } };
  'rooms:recreate': {
    payload: RecreateRoomsPayload;
    result: { round: LiveRound; rooms: RoomLayout[]; seated: number };
  };
  'rooms:activity': { payload: NoPayload; result: RoomsActivity };
  'mentor:visit': { payload: MentorVisitPayload; result: { roomId: string | null } };
  'auth:refresh': { payload: AuthRefreshPayload; result: { tokenExpiresAt: string } };
}

export type LiveErrorAck = { ok: false; code: string; message: string; details?: unknown };
export type LiveAck<R> = ({ ok: true } & R) | LiveErrorAck;

// ---- server → client -------------------------------------------------------------------

export interface LiveNotices {
  'live:snapshot': LiveSnapshot;
  'round:opened': { serverNow: string; round: LiveRound };
  'room:assigned': RoomAssigned;
  'round:closing': TimerNotice & { graceSeconds: number };
  'round:closed': { serverNow: string; roundId: string; closedAt: string };
  'timer:changed': TimerNotice;
  'timer:warning': TimerNotice & { minutesLeft: 5 | 1 };
  'broadcast:message': {
    id: string;
    message: string;
    roomId: string | null;
    from: LivePerson;
    sentAt: string;
  };
  'chat:message': ChatMessage;
  /** To organisers only. */
  'presence:changed': { userId: string; displayName: string; online: boolean; connections: number };
  /** To organisers and the mentor it was routed to (every mentor when it was routed to no one). */
  'help:requested': HelpRequest;
  /** To organisers and every mentor (so the others drop it from their queue). */
  'help:claimed': HelpRequest;
  /** To organisers and every mentor. */
  'help:resolved': HelpRequest;
  /** To organisers: a room asks for two more minutes. */
  'time:requested': TimeRequest;
  /** To organisers and the asking room. An approval also sends `timer:changed` to the lab. */
  'time:decided': TimeRequest;
  /** To the asking room: a mentor claimed its help request and is on the way. */
  'help:coming': {
    requestId: string;
    topic: string;
    roomId: string;
    mentor: LivePerson;
    claimedAt: string;
  };
  /** To the room it is for (every room when `roomId` is null) and the organisers. */
  'pin:added': PinnedInstruction;
  /** Same audience as `pin:added`; `unpinnedAt` is set. */
  'pin:removed': PinnedInstruction;
  /** To each member of a team just set up: their connections joined its chat (`team:<id>`). */
  'team:joined': LiveTeam;
  /** To the team (`team:<teamId>`): a member saved a new version of its proposal. */
  'proposal:saved': ProposalActivity;
  /** To the team (`team:<teamId>`): a member submitted a version of its proposal. */
  'proposal:submitted': ProposalActivity;
  /**
   * To organisers and the proposal's panel (its reviewers who submitted theirs and have no
   * conflict): a review was submitted or revised; to organisers also a draft saved.
   */
  'proposal-review:submitted': ProposalReviewNotice;
  /** To organisers and the proposal's panel: a panel discussion message. */
  'proposal-panel:message': PanelMessageNotice;
  /** To organisers and the proposal's panel: the lead was picked or the consensus report saved. */
  'proposal-consensus:changed': ConsensusNotice;
  /** To organisers: assignments (or conflicts) of the round changed. */
  'proposal-review:assignments': ProposalAssignmentsNotice;
  /** To one reviewer (`lab:<labId>:user:<userId>`): their review queue of the round changed. */
  'proposal-review:queue': ReviewQueueNotice;
  /** To organisers: the round's review settings (blind, closed, comments released). */
  'proposal-review:round': ReviewRoundNotice;
  /** To the team (`team:<teamId>`): comments to it were released. */
  'proposal-review:feedback': ReviewFeedbackNotice;
  /** To the lab's mentors and organisers: application review was closed. */
  'review:closed': ApplicationReviewClosedNotice;
  /** To one person whose connections left a team's chat (they left the team, or were moved off it). */
  'team:left': { teamId: string };
  /**
   * To the lab: a team of team formation changed (someone joined or left, it was locked,
   * confirmed or is gone): live counts for the self-organised board. A reconnecting client reads
   * `GET /api/labs/:labId/formation/board` again.
   */
  'formation:team': FormationTeamNotice;
  /** To the lab: the organisers adopted a formation run, so every forming team may have changed. */
  'formation:adopted': { serverNow: string; runId: string };
  /** To organisers: the rooms of a round were rebuilt (people of an open round also get `room:assigned`). */
  'rooms:recreated': { serverNow: string; round: LiveRound; rooms: RoomLayout[] };
  /** To organisers: the control-room tiles changed (presence, chat, help, moves); at most one a second. */
  'rooms:activity': RoomsActivity;
  /** To the room and organisers: the room's name, video link or mentor changed in the open round. */
  'room:updated': { serverNow: string; roundId: string; room: LiveRoom };
  /** To a room whose people changed (someone moved in or out): the room-mates now. */
  'room:mates': { serverNow: string; roundId: string; roomId: string; roomMates: LivePerson[] };
  /** To organisers and both rooms: a mentor went into (or out of) a room; null = none. */
  'mentor:moved': {
    serverNow: string;
    roundId: string;
    mentor: LivePerson;
    fromRoomId: string | null;
    toRoomId: string | null;
  };
  /**
   * To one connection whose access token expired: it is disconnected right after. Reconnect
   * with a fresh token (or send `auth:refresh` before `tokenExpiresAt` to stay connected).
   */
  'auth:expired': { code: 'LIVE_TOKEN_EXPIRED'; message: string; expiredAt: string };
  /**
   * To every connection of a person whose access changed: their roles in the lab
   * (`LIVE_ACCESS_CHANGED`: a role granted or removed) or all their sessions
   * (`LIVE_SESSIONS_ENDED`: signed out everywhere, password changed). The server disconnects
   * those connections right after, on every instance; connecting again gets what the person
   * may now see, or is refused.
   */
  'live:access-changed': {
    code: 'LIVE_ACCESS_CHANGED' | 'LIVE_SESSIONS_ENDED';
    message: string;
  };
  /**
   * To every connection of an instance that is shutting down gracefully: in `inMs` it closes
   * this connection's transport. Reconnect at once then (another instance takes over; the
   * snapshot and, after a short gap, connection-state recovery bring the client up to date).
   * Each connection gets its own moment, so the reconnects are spread out.
   */
  'live:reconnect': { code: 'LIVE_SERVER_CLOSING'; message: string; inMs: number };
  /** To the lab: an idea changed (posted, revised, commented, supported, merged, archived …). */
  'idea:changed': IdeaNotice;
  /** To the lab: the board's settings or themes changed. */
  'ideas:board': { serverNow: string; labId: string };
  /** To the lab: the organisers changed the shortlist (ids in order). */
  'shortlist:changed': { serverNow: string; labId: string; version: number; ideaIds: string[] };
  /** To the lab: a voting session opened. */
  'voting:opened': VotingSessionNotice;
  /** To the lab: a voting session closed (exactly once, by an organiser or the timer). */
  'voting:closed': VotingSessionNotice;
  /** To the lab, at most about once a second while dots are placed: turnout, and tallies unless blind. */
  'voting:tally': VotingTally;
  /**
   * To the lab: a pitch session's stage changed (started, a team on, pitch → questions →
   * closed, by an organiser or the timer (exactly once), ended, the running order edited, an
   * organiser moved the running clock: new `phaseEndsAt`, `clockVersion`, `adjustedSeconds`).
   */
  'pitch:state': LivePitch;
  /** To organisers: a mentor saved a pitch score (scores, comment to the team and private note). */
  'pitch:scored': PitchScoredNotice;
  /** To the team (`team:<teamId>`): the organisers released (or withdrew) a pitch comment; read the feedback over HTTP. */
  'pitch:feedback': { serverNow: string; labId: string; sessionId: string; teamId: string };
}

// ---- ideas board and voting (libs/ideas) ------------------------------------------------

/** What changed on an idea; clients re-read it (and the board) over HTTP. */
export type IdeaChange =
  | 'posted'
  | 'revised'
  | 'commented'
  | 'comment-addressed'
  | 'supported'
  | 'unsupported'
  | 'merge-proposed'
  | 'merge-answered'
  | 'merged'
  | 'archived'
  | 'restored'
  | 'themed';

export interface IdeaNotice {
  serverNow: string;
  labId: string;
  ideaId: string;
  change: IdeaChange;
  /** The idea's revision number now. */
  version: number;
  /** With `merged`: the idea it became part of. */
  mergedInto: string | null;
}

export interface VotingSessionNotice {
  serverNow: string;
  labId: string;
  sessionId: string;
  state: 'open' | 'closed';
  endsAt: string;
  closedAt: string | null;
  /** With `closed`: who closed it (an organiser, or the timer at its deadline). */
  closedBy: 'organiser' | 'timer' | null;
}

export interface VotingTally {
  serverNow: string;
  labId: string;
  sessionId: string;
  /** People who placed at least one dot, per ballot. */
  voters: { participants: number; mentors: number };
  /** Dots per idea and ballot; null while the session is blind and open. */
  tallies: { ideaId: string; participants: number; mentors: number }[] | null;
}

/** The typed maps Socket.IO expects: `Socket<LiveServerToClient, LiveClientToServer>`. */
export type LiveServerToClient = { [E in keyof LiveNotices]: (payload: LiveNotices[E]) => void };
export type LiveClientToServer = {
  [E in keyof LiveRequests]: (
    payload: LiveRequests[E]['payload'],
    ack: (result: LiveAck<LiveRequests[E]['result']>) => void,
  ) => void;
};

/** Per-connection state kept on the socket (`socket.data`). */
export interface LiveConnectionData {
  userId: string;
  displayName: string;
  isAdmin: boolean;
  labId: string;
  roles: LabRoleName[];
  /** Organisers and platform admins run the control room. */
  isOrganiser: boolean;
  lastSeenMessageId: string | null;
  /** When the access token expires (epoch ms); the connection is dropped then unless refreshed. */
  tokenExpiresAt: number;
}

/** Channel names: one place, so services and the gateway agree. */
export const liveChannels = {
  lab: (labId: string) => `lab:${labId}`,
  role: (labId: string, role: LabRoleName) => `lab:${labId}:role:${role}`,
  person: (labId: string, userId: string) => `lab:${labId}:user:${userId}`,
  /** Every connection of a person, whatever the lab. */
  user: (userId: string) => `user:${userId}`,
  room: (roomId: string) => `room:${roomId}`,
  team: (teamId: string) => `team:${teamId}`,
};
