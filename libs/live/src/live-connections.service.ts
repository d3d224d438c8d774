import { Injectable } from '@nestjs/common';
import type { Actor, LabRole } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { LabAccessService } from '@ideas-lab/labs';
import { type TeamView, TeamsService } from '@ideas-lab/workshop';
import { type BatchedRead, readRows, TransactionRunner } from '@ideas-lab/platform';
import type { Arriving } from './arriving.js';
import { ChatMessagesRepository } from './chat-messages.repository.js';
import { HelpQueueService } from './help-queue.service.js';
import {
  type ChatMessage,
  type HelpRequest,
  liveChannels,
  type LabRoleName,
  type LiveConnectionData,
  type LivePitch,
  type LiveSnapshot,
  type PinnedInstruction,
  type TimeRequest,
} from './live-events.js';
import { LiveError } from './live.errors.js';
import { LivePitchSource } from './live-pitch-source.js';
import {
  LiveRoundsRepository,
  type LiveWhereabouts,
  whereaboutsOf,
} from './live-rounds.repository.js';
import { toChatMessage, toLiveRoom, toLiveRound, toLiveSession } from './live-view.js';
import { PinnedInstructionsService } from './pinned-instructions.service.js';
import { TimeRequestsService } from './time-requests.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MESSAGE_ID = /^[0-9]{1,18}$/;
/** The people of the live workshop; applicants are not. */
const WORKSHOP_ROLES: readonly LabRole[] = ['participant', 'mentor', 'organiser'];
/** Chat a snapshot carries at most; older missed messages are paged over HTTP. */
export const SNAPSHOT_CHAT_LIMIT = 200;
const SNAPSHOT_RECENT_CHAT = 50;

/**
 * What the handshake reads with the person's roles, for the snapshot: where they are in the open
 * round, the teams they see, the pitch running now, and what their room, teams and roles give
 * them of chat, help and time requests and pinned instructions.
 */
export interface ArrivalReads {
  whereabouts: LiveWhereabouts | null;
  teams: TeamView[];
  pitch: LivePitch | null;
  chat: { chat: ChatMessage[]; chatTruncated: boolean };
  help: { helpQueue: HelpRequest[]; myTopics: string[] };
  timeRequests: TimeRequest[];
  pinned: PinnedInstruction[];
}

/** A handshake let in: the connection's data, and what its snapshot is made of. */
export interface Handshake {
  data: LiveConnectionData;
  reads: ArrivalReads;
}

export interface Arrival {
  /** Every channel the connection belongs in, its breakout room and teams included. */
  channels: string[];
  snapshot: Omit<LiveSnapshot, 'recovered'>;
}

/** When a verified JWT expires (epoch ms), read from its `exp` claim. */
export function tokenExpiry(token: string): number {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : Number.MAX_SAFE_INTEGER;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

const unauthenticated = () =>
  new LiveError(
    'LIVE_UNAUTHENTICATED',
    'Sign in again: the access token is missing, invalid or expired.',
  );

/** Who may connect to a lab's live layer, and what they see when they (re)connect. */
@Injectable()
export class LiveConnectionsService {
  constructor(
    private readonly identity: IdentityService,
    private readonly access: LabAccessService,
    private readonly rounds: LiveRoundsRepository,
    private readonly chat: ChatMessagesRepository,
    private readonly help: HelpQueueService,
    private readonly pins: PinnedInstructionsService,
    private readonly teams: TeamsService,
    private readonly time: TimeRequestsService,
    private readonly pitch: LivePitchSource,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Check the handshake: a valid access token, and a role in the lab the client names. The
   * same statement reads the whole snapshot (thrown away when the handshake is refused).
   */
  async authenticate(auth: unknown): Promise<Handshake> {
    const fields = (typeof auth === 'object' && auth !== null ? auth : {}) as Record<
      string,
      unknown
    >;
    const token = typeof fields.token === 'string' ? fields.token : '';
    const access = token ? await this.identity.readAccessToken(token) : null;
    if (!access) throw unauthenticated();
    const labId = fields.labId;
    if (typeof labId !== 'string' || !UUID.test(labId))
      throw new LiveError(
        'LIVE_LAB_REQUIRED',
        'Name the lab to join: auth.labId must be a lab id (a UUID).',
      );
    // One statement, one round trip, read afresh: the token's epoch (a token of every session
    // ended is refused), the person's name and roles, where they are, the teams they see, the
    // pitch, and what depends on all these (the statement derives the room, teams and roles it
    // needs itself). A reconnect storm does this a thousand times at once.
    const personRead = this.access.personIn(access.userId, labId);
    const whereabouts = this.rounds.whereabouts(labId, access.userId);
    const teams = this.teams.viewsSeenBy(labId, access.userId, access.isAdmin);
    const lastSeen = fields.lastSeenMessageId;
    const lastSeenMessageId =
      typeof lastSeen === 'string' && MESSAGE_ID.test(lastSeen) ? lastSeen : null;
    const arriving: Arriving = {
      labId,
      userId: access.userId,
      isOrganiser: access.isAdmin || this.access.hasRole(personRead, 'organiser'),
      isMentor: this.access.hasRole(personRead, 'mentor'),
      isParticipant: this.access.hasRole(personRead, 'participant'),
      roundId: this.rounds.roundIdIn(whereabouts),
      roomId: this.rounds.roomIdIn(whereabouts),
      roomIds: this.rounds.roomIdsIn(whereabouts),
      teamIds: this.teams.teamIdsIn(teams, access.userId),
    };
    const { person, ...reads } = await this.tx.readAll({
      person: personRead,
      whereabouts: readRows(whereabouts, whereaboutsOf),
      teams,
      pitch: this.pitch.read(labId),
      chat: this.chatOnArrival(arriving, lastSeenMessageId),
      help: this.help.queueOnArrival(arriving),
      timeRequests: this.time.requestsOnArrival(arriving),
      pinned: this.pins.pinnedOnArrival(arriving),
    });
    const actor = access.actorAt(person?.tokenEpoch ?? null);
    if (!person || !actor) throw unauthenticated();
    const roles = this.admitted(actor, person.roles as LabRoleName[]);
    return {
      data: {
        userId: actor.userId,
        displayName: person.displayName,
        isAdmin: actor.isAdmin,
        labId,
        roles,
        isOrganiser: actor.isAdmin || roles.includes('organiser'),
        lastSeenMessageId,
        tokenExpiresAt: tokenExpiry(token),
      },
      reads,
    };
  }

  /**
   * A connected client hands in a fresh access token before the one it connected with
   * expires: it must be valid, the same person's, and the person must still have a workshop
   * role in the lab (refused otherwise). Returns the new expiry (epoch ms), and whether the
   * roles differ from the connection's (it then has to connect again to get what they allow).
   */
  async refreshToken(
    me: LiveConnectionData,
    token: string,
  ): Promise<{ expiresAt: number; rolesChanged: boolean }> {
    const actor = await this.identity.verifyAccessToken(token);
    if (!actor) throw unauthenticated();
    if (actor.userId !== me.userId)
      throw new LiveError(
        'LIVE_TOKEN_MISMATCH',
        'The new token is for someone else; connect again to change who is signed in.',
      );
    const roles = await this.admittedRoles(actor, me.labId);
    const rolesChanged =
      actor.isAdmin !== me.isAdmin ||
      roles.length !== me.roles.length ||
      roles.some((r) => !me.roles.includes(r));
    return { expiresAt: tokenExpiry(token), rolesChanged };
  }

  /** The person's roles in the lab, if they may be in its live workshop at all. */
  private async admittedRoles(actor: Actor, labId: string): Promise<LabRoleName[]> {
    return this.admitted(actor, (await this.access.rolesOf(actor, labId)) as LabRoleName[]);
  }

  private admitted(actor: Actor, roles: LabRoleName[]): LabRoleName[] {
    if (roles.length === 0 && !actor.isAdmin)
      throw new LiveError('LIVE_LAB_NOT_FOUND', 'There is no such lab.');
    if (!actor.isAdmin && !roles.some((r) => WORKSHOP_ROLES.includes(r))) {
      throw new LiveError(
        'LIVE_ROLE_REQUIRED',
        'The live workshop is for its participants, mentors and organisers.',
      );
    }
    return roles;
  }

  /** The channels of a (re)connecting client and its snapshot, from what its handshake read. */
  arrive(me: LiveConnectionData, reads: ArrivalReads): Arrival {
    const channels = [
      liveChannels.lab(me.labId),
      liveChannels.person(me.labId, me.userId),
      liveChannels.user(me.userId),
      ...me.roles.map((r) => liveChannels.role(me.labId, r)),
    ];
    if (me.isOrganiser && !me.roles.includes('organiser'))
      channels.push(liveChannels.role(me.labId, 'organiser'));

    const { whereabouts, teams, pitch, chat, help, timeRequests, pinned } = reads;
    const round = whereabouts?.round ?? null;
    const session = whereabouts?.session ?? null;
    const roomId = whereabouts?.room?.id ?? null;
    const room: LiveSnapshot['room'] = whereabouts?.room ? toLiveRoom(whereabouts.room) : null;
    const roomMates: LiveSnapshot['roomMates'] = whereabouts?.roomMates ?? [];
    if (roomId) channels.push(liveChannels.room(roomId));

    // Organisers read every team's chat over HTTP; live they join only the teams they are on.
    const myTeamIds = teams
      .filter((t) => t.members.some((m) => m.userId === me.userId))
      .map((t) => t.id);
    channels.push(...myTeamIds.map(liveChannels.team));

    return {
      channels,
      snapshot: {
        serverNow: new Date().toISOString(),
        labId: me.labId,
        me: {
          userId: me.userId,
          displayName: me.displayName,
          roles: me.roles,
          isOrganiser: me.isOrganiser,
        },
        session: session ? toLiveSession(session) : null,
        round: round ? toLiveRound(round) : null,
        room,
        roomMates,
        ...chat,
        ...help,
        timeRequests,
        pinned,
        teams: teams.map((t) => ({ id: t.id, name: t.name, members: t.members })),
        tokenExpiresAt: new Date(Math.min(me.tokenExpiresAt, 8.64e15)).toISOString(),
        pitch,
      },
    };
  }

  /**
   * The chat a (re)connecting client gets: after the last message it saw, if it says (up to
   * SNAPSHOT_CHAT_LIMIT, and whether more were left out), else the latest page of each of its
   * channels (the lab's, its room's, its teams'); oldest first.
   */
  private chatOnArrival(
    { labId, roomIds, teamIds }: Arriving,
    lastSeenMessageId: string | null,
  ): BatchedRead<{ chat: ChatMessage[]; chatTruncated: boolean }> {
    if (lastSeenMessageId)
      return readRows(
        this.chat.after(labId, roomIds, teamIds, lastSeenMessageId, SNAPSHOT_CHAT_LIMIT + 1),
        (rows) => ({
          chat: rows.slice(0, SNAPSHOT_CHAT_LIMIT).map(toChatMessage),
          chatTruncated: rows.length > SNAPSHOT_CHAT_LIMIT,
        }),
      );
    return readRows(
      this.chat.latestOfChannels(labId, roomIds, teamIds, SNAPSHOT_RECENT_CHAT),
      (rows) => ({ chat: rows.map(toChatMessage), chatTruncated: false }),
    );
  }
}
