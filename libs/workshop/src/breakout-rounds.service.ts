import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { sessionDayMismatch, type Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { AuditService, Poller, TransactionRunner } from '@ideas-lab/platform';
import { BreakoutNotices } from './breakout-notices.js';
import { BreakoutRoundsRepository, type BreakoutRoundRow } from './breakout-rounds.repository.js';
import { WorkshopError } from './workshop.errors.js';

/** How often every instance looks for rounds whose deadline or warning has come. */
export const ROUND_TIMER_POLL_MS = 500;

/** Which round: of a lab, and of one session when the caller names it (HTTP routes do). */
export interface RoundRef {
  labId: string;
  roundId: string;
  sessionId?: string;
}

/**
 * The one owner of a breakout round's state machine: planned → open → closed, the grace
 * countdown, the deadline moved, the warnings, and the server-authoritative timer that closes
 * rounds at their deadline. HTTP and the live control room both come here; each transition is
 * audited in its transaction and announced through BreakoutNotices once committed (the live
 * layer relays the notices to clients).
 *
 * Every API instance polls; the guarded updates let exactly one of them close a due round (or
 * give a warning), and only that one announces it. The deadline lives in the database, so a
 * restart loses nothing: the next poll of any instance closes what came due meanwhile.
 */
@Injectable()
export class BreakoutRoundsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RoundTimer');
  private readonly poller = new Poller(
    'round timer poll',
    ROUND_TIMER_POLL_MS,
    () => this.tick(),
    this.logger,
  );

  constructor(
    private readonly rounds: BreakoutRoundsRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notices: BreakoutNotices,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poller.stop();
  }

  /**
   * Open a planned round: its clock starts (`durationSeconds`, else its planned minutes). On
   * any day but its session's (in the lab's time zone) it is refused unless the organiser
   * confirms (`confirmOtherDay`), so a round is not started days early by a slip.
   */
  async open(
    actor: Actor,
    ref: RoundRef,
    options: { durationSeconds?: number; confirmOtherDay?: boolean } = {},
  ): Promise<BreakoutRoundRow> {
    await this.access.requireRole(actor, ref.labId, ['organiser']);
    return this.tx.run(async () => {
      const round = await this.requireRound(ref);
      const otherDay = round.state === 'planned' ? await this.otherDayOf(round.id) : null;
      if (otherDay && !options.confirmOtherDay)
        throw new WorkshopError(
          'ROUND_OUTSIDE_SESSION_DAY',
          `${otherDay.words} Open this round anyway only if you mean to start it now.`,
          {
            sessionDays: otherDay.sessionDays,
            today: otherDay.today,
            timezone: otherDay.timezone,
          },
        );
      const opened =
        round.state === 'planned'
          ? await this.rounds.openIfPlanned(
              round.id,
              options.durationSeconds ?? round.durationMinutes * 60,
            )
          : null;
      if (!opened) throw stateInvalid(round.state, 'planned', 'open');
      await this.audit.append({
        actorId: actor.userId,
        labId: ref.labId,
        action: 'breakout.round_opened',
        entityType: 'breakout_round',
        entityId: round.id,
        data: {
          sessionId: round.sessionId,
          from: 'planned',
          to: 'open',
          ...(otherDay ? { otherDayConfirmed: otherDay.sessionDays.from } : {}),
        },
      });
      await this.notices.publish({ kind: 'round-opened', ...this.where(opened) });
      return opened;
    });
  }

  /**
   * Close an open round now, or (`graceSeconds` > 0) after a countdown everyone sees: the
   * timer closes it when the grace runs out.
   */
  async close(
    actor: Actor,
    ref: RoundRef,
    options: { graceSeconds?: number } = {},
  ): Promise<BreakoutRoundRow> {
    await this.access.requireRole(actor, ref.labId, ['organiser']);
    const grace = options.graceSeconds ?? 0;
    return this.tx.run(async () => {
      const round = await this.requireRound(ref);
      if (grace > 0) {
        const closing = await this.rounds.endWithin(round.id, grace);
        if (!closing) throw stateInvalid(round.state, 'open', 'closed');
        const endsAt = iso(closing.endsAt);
        await this.audit.append({
          actorId: actor.userId,
          labId: ref.labId,
          action: 'breakout.round_closing',
          entityType: 'breakout_round',
          entityId: round.id,
          data: { sessionId: round.sessionId, graceSeconds: grace, endsAt },
        });
        await this.notices.publish({
          kind: 'round-closing',
          ...this.where(closing),
          endsAt,
          graceSeconds: grace,
        });
        return closing;
      }
      const closed = await this.rounds.closeIfOpen(round.id);
      if (!closed) throw stateInvalid(round.state, 'open', 'closed');
      await this.audit.append({
        actorId: actor.userId,
        labId: ref.labId,
        action: 'breakout.round_closed',
        entityType: 'breakout_round',
        entityId: round.id,
        data: { sessionId: round.sessionId, from: 'open', to: 'closed', by: 'organiser' },
      });
      await this.notices.publish({ kind: 'round-closed', ...this.where(closed) });
      return closed;
    });
  }

  /** Move the deadline of an open round by `deltaSeconds` (never before now). */
  async adjustTimer(actor: Actor, ref: RoundRef, deltaSeconds: number): Promise<BreakoutRoundRow> {
    await this.access.requireRole(actor, ref.labId, ['organiser']);
    return this.tx.run(async () => {
      const round = await this.requireRound(ref);
      const moved = await this.rounds.moveDeadline(round.id, deltaSeconds);
      if (!moved) throw stateInvalid(round.state, 'open', 'open');
      const endsAt = iso(moved.endsAt);
      await this.audit.append({
        actorId: actor.userId,
        labId: ref.labId,
        action: 'breakout.timer_adjusted',
        entityType: 'breakout_round',
        entityId: round.id,
        data: { deltaSeconds, endsAt },
      });
      await this.notices.publish({ kind: 'timer-changed', ...this.where(moved), endsAt });
      return moved;
    });
  }

  /** One poll: close what is due (audited, no actor), then give the warnings that are due. */
  async tick(): Promise<void> {
    await this.tx.run(async () => {
      for (const row of await this.rounds.closeDue()) {
        await this.audit.append({
          actorId: null,
          labId: row.labId,
          action: 'breakout.round_closed',
          entityType: 'breakout_round',
          entityId: row.id,
          data: { sessionId: row.sessionId, from: 'open', to: 'closed', by: 'timer' },
        });
        await this.notices.publish({ kind: 'round-closed', ...this.where(row) });
      }
    });
    for (const minutesLeft of [5, 1] as const) {
      for (const row of await this.rounds.warnDue(minutesLeft)) {
        await this.notices.publish({
          kind: 'timer-warning',
          ...this.where(row),
          endsAt: iso(row.endsAt),
          minutesLeft,
        });
      }
    }
  }

  /** How today differs from the round's session day (lab time); null on the day. */
  private async otherDayOf(roundId: string) {
    const session = await this.rounds.findSessionTimesOf(roundId);
    return session
      ? sessionDayMismatch({
          now: new Date(),
          startsAt: new Date(session.startsAt),
          endsAt: new Date(session.endsAt),
          timezone: session.timezone,
        })
      : null;
  }

  private async requireRound(ref: RoundRef): Promise<BreakoutRoundRow> {
    const round = await this.rounds.lockOfLab(ref.labId, ref.roundId, ref.sessionId);
    if (!round) throw WorkshopError.roundNotFound();
    return round;
  }

  private where(row: BreakoutRoundRow) {
    return { labId: row.labId, sessionId: row.sessionId, roundId: row.id };
  }
}

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : new Date().toISOString());

const stateInvalid = (state: string, from: string, to: string) =>
  new WorkshopError(
    'ROUND_STATE_INVALID',
    from === to
      ? `This round is ${state}; only an open round has a running timer.`
      : `This round is ${state}; only a ${from} round can become ${to}.`,
    { state },
  );
