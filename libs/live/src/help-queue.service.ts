import { Injectable } from '@nestjs/common';
import { AuditService, type BatchedRead, not, onlyIf } from '@ideas-lab/platform';
import type { Arriving } from './arriving.js';
import type { AskHelpPayload, HelpRequestRef, MentorTopicsPayload } from './live-events.js';
import {
  liveChannels,
  type HelpRequest,
  type LiveConnectionData,
  type LiveRequests,
} from './live-events.js';
import { LiveError } from './live.errors.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository } from './live-rounds.repository.js';
import {
  HelpRequestsRepository,
  type HelpRequestRow,
  type MentorTopicsRow,
  topicsByMentor,
} from './help-requests.repository.js';
import { RoomActivityService } from './room-activity.service.js';
import { toHelpRequest } from './live-view.js';

type Result<E extends keyof LiveRequests> = LiveRequests[E]['result'];

const normaliseTopic = (topic: string) => topic.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The help queue: a breakout room asks for help with a topic; the request goes to a free
 * online mentor outside the room whose topics fit (else the room's own mentor, else any free
 * one, else every mentor), who claims and resolves it. Only mentors and organisers hear
 * about it; the room reads its own request when it reconnects.
 */
@Injectable()
export class HelpQueueService {
  constructor(
    private readonly requests: HelpRequestsRepository,
    private readonly rounds: LiveRoundsRepository,
    private readonly publisher: LivePublisher,
    private readonly audit: AuditService,
    private readonly activity: RoomActivityService,
  ) {}

  async ask(me: LiveConnectionData, dto: AskHelpPayload): Promise<Result<'help:request'>> {
    const round = await this.rounds.findOpenRoundOfLab(me.labId);
    const roomId = round ? await this.rounds.findRoomIdOf(round.id, me.userId) : null;
    if (!round || !roomId) throw notInRoom();
    const topic = dto.topic.trim().replace(/\s+/g, ' ');
    const routedTo = await this.routeTo(
      me.labId,
      normaliseTopic(topic),
      new Set(await this.requests.findMentorsInRoom(round.id, roomId)),
    );
    const id = await this.requests.insertUnlessRoomWaiting({
      labId: me.labId,
      roundId: round.id,
      roomId,
      topic,
      askedBy: me.userId,
      routedTo,
    });
    if (!id)
      throw new LiveError(
        'LIVE_HELP_ALREADY_ASKED',
        'Your room already asked for help; a mentor will come.',
      );
    await this.audit.append({
      actorId: me.userId,
      labId: me.labId,
      action: 'live.help_requested',
      entityType: 'help_request',
      entityId: id,
      data: { roomId, topic, routedTo },
    });
    const request = await this.require(me.labId, id);
    this.publisher.emit(
      [
        liveChannels.role(me.labId, 'organiser'),
        routedTo ? liveChannels.person(me.labId, routedTo) : liveChannels.role(me.labId, 'mentor'),
      ],
      'help:requested',
      request,
    );
    this.activity.touch(me.labId);
    return { request };
  }

  async claim(me: LiveConnectionData, dto: HelpRequestRef): Promise<Result<'help:claim'>> {
    requireMentorOrOrganiser(me);
    const before = await this.require(me.labId, dto.requestId);
    if (before.state === 'resolved') throw resolved();
    if (!(await this.requests.claimIfWaiting(before.id, me.userId))) {
      const now = await this.require(me.labId, before.id);
      if (now.state === 'resolved') throw resolved();
      throw new LiveError(
        'LIVE_HELP_ALREADY_CLAIMED',
        `${now.claimedBy?.displayName ?? 'Someone'} is already on it.`,
        { claimedBy: now.claimedBy },
      );
    }
    await this.audit.append({
      actorId: me.userId,
      labId: me.labId,
      action: 'live.help_claimed',
      entityType: 'help_request',
      entityId: before.id,
      data: {},
    });
    const request = await this.require(me.labId, before.id);
    this.publisher.emit(this.staff(me.labId), 'help:claimed', request);
    this.publisher.emit(liveChannels.room(request.room.id), 'help:coming', {
      requestId: request.id,
      topic: request.topic,
      roomId: request.room.id,
      mentor: request.claimedBy ?? { userId: me.userId, displayName: me.displayName },
      claimedAt: request.claimedAt ?? new Date().toISOString(),
    });
    this.activity.touch(me.labId);
    return { request };
  }

  /** The mentor who claimed it, or an organiser, marks it resolved. */
  async resolve(me: LiveConnectionData, dto: HelpRequestRef): Promise<Result<'help:resolve'>> {
    requireMentorOrOrganiser(me);
    const before = await this.require(me.labId, dto.requestId);
    if (!me.isOrganiser && before.claimedBy?.userId !== me.userId) {
      throw new LiveError(
        'LIVE_HELP_NOT_YOURS',
        'Only the mentor who claimed this request (or an organiser) resolves it.',
      );
    }
    if (!(await this.requests.resolveIfOpen(before.id))) throw resolved();
    await this.audit.append({
      actorId: me.userId,
      labId: me.labId,
      action: 'live.help_resolved',
      entityType: 'help_request',
      entityId: before.id,
      data: {},
    });
    const request = await this.require(me.labId, before.id);
    this.publisher.emit(this.staff(me.labId), 'help:resolved', request);
    this.activity.touch(me.labId);
    return { request };
  }

  async setTopics(
    me: LiveConnectionData,
    dto: MentorTopicsPayload,
  ): Promise<Result<'help:topics'>> {
    if (!me.roles.includes('mentor'))
      throw new LiveError(
        'LIVE_MENTOR_REQUIRED',
        'Only mentors declare the topics they help with.',
      );
    const topics = [...new Set(dto.topics.map(normaliseTopic).filter((t) => t.length > 0))];
    await this.requests.saveTopics(me.labId, me.userId, topics);
    return { topics };
  }

  /**
   * The unresolved requests a (re)connecting person sees (an organiser: the lab's; a mentor:
   * theirs; a participant: their room's), and a mentor's own topics.
   */
  queueOnArrival(
    arriving: Arriving,
  ): BatchedRead<{ helpQueue: HelpRequest[]; myTopics: string[] }> {
    const { labId, userId, isOrganiser, isMentor, roomId } = arriving;
    return {
      statements: [
        onlyIf(this.requests.unresolvedOfLab(labId), isOrganiser),
        onlyIf(this.requests.unresolvedForMentor(labId, userId), not(isOrganiser), isMentor),
        onlyIf(this.requests.unresolvedOfRoom(labId, roomId), not(isOrganiser), not(isMentor)),
        onlyIf(this.requests.topicsOf(labId, [userId]), isMentor),
      ],
      read: ([ofLab, ofMentor, ofRoom, topics]) => ({
        helpQueue: ([...ofLab, ...ofMentor, ...ofRoom] as HelpRequestRow[]).map(toHelpRequest),
        myTopics: topicsByMentor(topics as MentorTopicsRow[]).get(userId) ?? [],
      }),
    };
  }

  /**
   * The free online mentor to route to: one outside the room whose topics contain the topic
   * first (the room's own mentor is there already), then a mentor sitting in the room (its
   * own mentor has it), then anyone free; among equals the one with the fewest waiting
   * requests. Null when no mentor is online and free.
   */
  private async routeTo(
    labId: string,
    topic: string,
    inRoom: ReadonlySet<string>,
  ): Promise<string | null> {
    const online = [
      ...new Set(
        (await this.publisher.members(liveChannels.role(labId, 'mentor'))).map(
          (m) => m.data.userId,
        ),
      ),
    ];
    const busy = new Set(await this.requests.findBusyMentorIds(labId));
    const free = online.filter((id) => !busy.has(id));
    if (free.length === 0) return null;
    const [topics, waiting] = [
      await this.requests.findTopicsOf(labId, free),
      await this.requests.countWaitingByMentor(labId),
    ];
    const preference = (id: string) =>
      inRoom.has(id) ? 1 : (topics.get(id) ?? []).includes(topic) ? 0 : 2;
    return [...free].sort(
      (a, b) =>
        preference(a) - preference(b) ||
        (waiting.get(a) ?? 0) - (waiting.get(b) ?? 0) ||
        a.localeCompare(b),
    )[0];
  }

  private staff(labId: string): string[] {
    return [liveChannels.role(labId, 'organiser'), liveChannels.role(labId, 'mentor')];
  }

  private async require(labId: string, id: string): Promise<HelpRequest> {
    const row = await this.requests.findOfLab(labId, id);
    if (!row)
      throw new LiveError('LIVE_HELP_NOT_FOUND', 'There is no such help request in this lab.', [
        { field: 'requestId', message: 'no such help request in this lab' },
      ]);
    return toHelpRequest(row);
  }
}

function requireMentorOrOrganiser(me: LiveConnectionData): void {
  if (!me.isOrganiser && !me.roles.includes('mentor'))
    throw new LiveError('LIVE_MENTOR_REQUIRED', 'Only mentors and organisers take help requests.');
}

export const notInRoom = () =>
  new LiveError(
    'LIVE_NOT_IN_ROOM',
    'Only someone in a room of the round running now can ask this.',
  );
const resolved = () =>
  new LiveError('LIVE_HELP_RESOLVED', 'This help request is resolved already.');
