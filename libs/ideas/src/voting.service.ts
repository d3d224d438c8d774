import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Actor, LabRole } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { AuditService, Poller, TransactionRunner } from '@ideas-lab/platform';
import type { VotingBallot, VotingSessionEntity } from './entities/voting-session.entity.js';
import type { MyBallot, OpenVotingSession, PlaceDot, VotingSessionView } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { BOARD_READERS, IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';
import { VotingRepository, type DotRefusal } from './voting.repository.js';

/** How often every instance looks for voting sessions whose time is up. */
export const VOTING_TIMER_POLL_MS = 500;
/** Tallies go out live at most this often per session (per instance). */
const TALLY_EVERY_MS = 1_000;

/** The ballot a person votes on: participants', else mentors'; organisers do not vote. */
const ballotOf = (roles: readonly LabRole[]): VotingBallot | null =>
  roles.includes('participant') ? 'participants' : roles.includes('mentor') ? 'mentors' : null;

/**
 * Dot voting on the board's active ideas, run by organisers: one open session per lab at a
 * time, a budget of dots per person and a cap per idea held under concurrent clicks (see
 * VotingRepository.placeDot), tallies hidden while a blind session is open, and a
 * server-authoritative close that happens exactly once — every instance polls, and the
 * guarded update lets one of them close a due session, audit it and announce it.
 */
@Injectable()
export class VotingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('VotingTimer');
  private readonly poller = new Poller(
    'voting timer poll',
    VOTING_TIMER_POLL_MS,
    () => this.closeDue(),
    this.logger,
  );
  private readonly tallyTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly voting: VotingRepository,
    private readonly ideas: IdeasRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.tallyTimers.values()) clearTimeout(timer);
    this.tallyTimers.clear();
    await this.poller.stop();
  }

  async open(actor: Actor, labId: string, dto: OpenVotingSession): Promise<VotingSessionView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    if (dto.perIdeaCap > dto.dotBudget) {
      throw new IdeasError(
        'VOTING_SESSION_INVALID',
        `The cap per idea (${dto.perIdeaCap}) cannot be more than the dots each person has (${dto.dotBudget}).`,
        [{ field: 'perIdeaCap', message: 'perIdeaCap must be at most dotBudget' }],
      );
    }
    return this.tx.run(async () => {
      const session = await this.voting.open({
        labId,
        title: dto.title ?? '',
        dotBudget: dto.dotBudget,
        perIdeaCap: dto.perIdeaCap,
        blind: dto.blind,
        ballots: [...new Set<VotingBallot>(dto.ballots ?? ['participants', 'mentors'])],
        durationSeconds: dto.durationSeconds,
        openedBy: actor.userId,
      });
      if (!session) {
        throw new IdeasError(
          'VOTING_SESSION_ALREADY_OPEN',
          'A voting session of this lab is open already: close it before opening another.',
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'voting.session_opened',
        entityType: 'voting_session',
        entityId: session.id,
        data: {
          dotBudget: session.dotBudget,
          perIdeaCap: session.perIdeaCap,
          blind: session.blind,
          ballots: session.ballots,
          endsAt: session.endsAt.toISOString(),
        },
      });
      this.announce(session);
      return this.view(session, actor.userId, null);
    });
  }

  async close(actor: Actor, labId: string, sessionId: string): Promise<VotingSessionView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const session = await this.requireSession(labId, sessionId);
      const closed = await this.voting.closeIfOpen(session.id);
      if (!closed) throw closedError(session);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'voting.session_closed',
        entityType: 'voting_session',
        entityId: sessionId,
        data: { by: 'organiser' },
      });
      this.announce(closed);
      return this.view(closed, actor.userId, null);
    });
  }

  async list(actor: Actor, labId: string): Promise<VotingSessionView[]> {
    const roles = await this.access.requireRole(actor, labId, BOARD_READERS);
    const sessions = await this.voting.listOfLab(labId);
    return Promise.all(sessions.map((s) => this.view(s, actor.userId, ballotOf(roles))));
  }

  async get(actor: Actor, labId: string, sessionId: string): Promise<VotingSessionView> {
    const roles = await this.access.requireRole(actor, labId, BOARD_READERS);
    const session = await this.requireSession(labId, sessionId);
    return this.view(session, actor.userId, ballotOf(roles));
  }

  /** Place a dot on an idea (+1) or take one back (-1). */
  async placeDot(actor: Actor, labId: string, sessionId: string, dto: PlaceDot): Promise<MyBallot> {
    const roles = await this.access.requireRole(actor, labId, BOARD_READERS);
    const session = await this.requireSession(labId, sessionId);
    const ballot = ballotOf(roles);
    if (!ballot || !session.ballots.includes(ballot)) {
      throw new IdeasError(
        'VOTE_NOT_ELIGIBLE',
        ballot
          ? `This session has no ballot for ${ballot}.`
          : 'Participants and mentors vote; organisers run the session.',
      );
    }
    const idea = await this.ideas.findOfLab(labId, dto.ideaId);
    if (!idea) throw IdeasError.ideaNotFound();
    if (idea.status !== 'active') throw IdeasError.notActive(idea.status);
    await this.tx.run(async () => {
      const refusal = await this.voting.placeDot({
        sessionId,
        voterId: actor.userId,
        ballot,
        ideaId: dto.ideaId,
        delta: dto.delta,
      });
      if (refusal) throw refusalError(refusal, session);
    });
    this.scheduleTally(session);
    return this.myBallot(session, actor.userId, ballot);
  }

  /** The poller's work: close every session whose time is up (exactly once across instances). */
  async closeDue(): Promise<void> {
    await this.tx.run(async () => {
      for (const session of await this.voting.closeDue()) {
        await this.audit.append({
          actorId: null,
          labId: session.labId,
          action: 'voting.session_closed',
          entityType: 'voting_session',
          entityId: session.id,
          data: { by: 'timer' },
        });
        this.announce(session);
      }
    });
  }

  private announce(session: VotingSessionEntity): void {
    this.live.votingChanged({
      labId: session.labId,
      sessionId: session.id,
      state: session.closedAt ? 'closed' : 'open',
      endsAt: session.endsAt.toISOString(),
      closedAt: session.closedAt ? session.closedAt.toISOString() : null,
      closedBy: session.closedBy,
    });
  }

  /** At most one live tally per session a second from this instance, after the dots it placed. */
  private scheduleTally(session: VotingSessionEntity): void {
    if (this.tallyTimers.has(session.id)) return;
    const timer = setTimeout(() => {
      this.tallyTimers.delete(session.id);
      void this.sendTally(session).catch((err: unknown) =>
        this.logger.warn({ msg: 'voting tally not sent', err }),
      );
    }, TALLY_EVERY_MS);
    timer.unref();
    this.tallyTimers.set(session.id, timer);
  }

  private async sendTally(session: VotingSessionEntity): Promise<void> {
    const current = (await this.voting.findOfLab(session.labId, session.id)) ?? session;
    const hidden = current.blind && current.closedAt === null;
    this.live.votingTally({
      labId: current.labId,
      sessionId: current.id,
      voters: await this.voting.turnout(current.id),
      tallies: hidden
        ? null
        : (await this.voting.tallies(current.labId, current.id)).map((t) => ({
            ideaId: t.ideaId,
            participants: t.participants,
            mentors: t.mentors,
          })),
    });
  }

  private async myBallot(
    session: VotingSessionEntity,
    userId: string,
    ballot: VotingBallot | null,
  ): Promise<MyBallot> {
    const votes = ballot && session.ballots.includes(ballot) ? ballot : null;
    const mine = await this.voting.ballotOf(session.id, userId);
    return {
      sessionId: session.id,
      ballot: votes,
      dotsLeft: votes ? session.dotBudget - mine.dotsUsed : 0,
      dots: mine.dots,
    };
  }

  private async view(
    session: VotingSessionEntity,
    userId: string,
    ballot: VotingBallot | null,
  ): Promise<VotingSessionView> {
    const closed = session.closedAt !== null;
    const hidden = session.blind && !closed;
    return {
      id: session.id,
      labId: session.labId,
      title: session.title,
      dotBudget: session.dotBudget,
      perIdeaCap: session.perIdeaCap,
      blind: session.blind,
      ballots: session.ballots,
      state: closed ? 'closed' : 'open',
      openedAt: session.openedAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      closedAt: session.closedAt ? session.closedAt.toISOString() : null,
      closedBy: session.closedBy,
      serverNow: new Date().toISOString(),
      voters: await this.voting.turnout(session.id),
      results: hidden ? null : await this.voting.tallies(session.labId, session.id),
      myBallot: await this.myBallot(session, userId, ballot),
    };
  }

  private async requireSession(labId: string, sessionId: string): Promise<VotingSessionEntity> {
    const session = await this.voting.findOfLab(labId, sessionId);
    if (!session) {
      throw new IdeasError(
        'VOTING_SESSION_NOT_FOUND',
        'There is no such voting session in this lab.',
      );
    }
    return session;
  }
}

function closedError(session: VotingSessionEntity): IdeasError {
  return new IdeasError('VOTING_SESSION_CLOSED', 'This voting session is closed.', {
    closedAt: session.closedAt?.toISOString() ?? null,
  });
}

function refusalError(refusal: DotRefusal, session: VotingSessionEntity): IdeasError {
  switch (refusal) {
    case 'closed':
      return closedError(session);
    case 'budget':
      return new IdeasError(
        'VOTE_BUDGET_EXCEEDED',
        `You have placed all your ${session.dotBudget} dots: take one back to place it elsewhere.`,
        { dotBudget: session.dotBudget },
      );
    case 'cap':
      return new IdeasError(
        'VOTE_IDEA_CAP_REACHED',
        `At most ${session.perIdeaCap} of your dots can go on one idea.`,
        { perIdeaCap: session.perIdeaCap },
      );
    case 'none-to-take-back':
      return new IdeasError(
        'VOTE_NO_DOT_TO_TAKE_BACK',
        'You have no dot on this idea to take back.',
      );
  }
}
