import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { AuditService, type BatchedRead, Poller, TransactionRunner } from '@ideas-lab/platform';
import {
  DEFAULT_PITCH_CRITERIA,
  rubricChangeProblems,
  rubricProblems,
  type Actor,
  type ReviewCriterion,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { type LivePitch, LivePitchSource } from '@ideas-lab/live';
import { ReviewRubricService } from '@ideas-lab/review';
import { TeamsService } from '@ideas-lab/workshop';
import {
  PITCH_CLOCK_MAX_LEFT_SECONDS,
  PITCH_CLOCK_MIN_LEFT_SECONDS,
  type AdjustPitchClock,
  type AdvancePitch,
  type NextPitch,
  type PitchSessionView,
  type PitchSlotView,
  type PutPitchSession,
} from './pitches.contract.js';
import { PitchesError } from './pitches.errors.js';
import { PitchesLive, toLivePitch } from './pitches-live.js';
import {
  PitchesRepository,
  type PitchSessionRow,
  type PitchSlotRow,
} from './pitches.repository.js';

/** How often every instance looks for pitch clocks that ran out. */
export const PITCH_TIMER_POLL_MS = 500;

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

export function toPitchSlotView(slot: PitchSlotRow): PitchSlotView {
  return {
    id: slot.id,
    teamId: slot.teamId,
    teamName: slot.teamName,
    position: slot.position,
    pitchSeconds: slot.pitchSeconds,
    questionSeconds: slot.questionSeconds,
    phase: slot.phase,
    phaseEndsAt: iso(slot.phaseEndsAt),
    clockVersion: slot.clockVersion,
    adjustedSeconds: slot.adjustedSeconds,
    startedAt: iso(slot.startedAt),
    closedAt: iso(slot.closedAt),
  };
}

const tidyCriteria = (criteria: readonly ReviewCriterion[]): ReviewCriterion[] =>
  criteria.map((c) => ({
    id: c.id.trim(),
    label: c.label.trim(),
    ...(c.description?.trim() ? { description: c.description.trim() } : {}),
    weight: c.weight,
    scale: { min: c.scale.min, max: c.scale.max },
  }));

/**
 * Pitch sessions: the running order organisers edit (versioned), and the one owner of the
 * stage's state machine — start, a team on (its pitch clock), pitch → questions → closed (by
 * an organiser or by the server-authoritative timer), next team, end. Every instance polls; the
 * guarded updates let exactly one of them move a slot whose clock ran out, audit it and
 * announce it (as BreakoutRoundsService does for rounds). A slot's close locks its scores.
 */
@Injectable()
export class PitchSessionsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PitchTimer');
  private readonly poller = new Poller(
    'pitch timer poll',
    PITCH_TIMER_POLL_MS,
    () => this.tick(),
    this.logger,
  );

  constructor(
    private readonly pitches: PitchesRepository,
    private readonly access: LabAccessService,
    private readonly labs: LabsService,
    private readonly teams: TeamsService,
    private readonly rubrics: ReviewRubricService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: PitchesLive,
    private readonly snapshot: LivePitchSource,
  ) {}

  onModuleInit(): void {
    this.snapshot.provide((labId) => this.livePitchRead(labId));
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poller.stop();
  }

  async list(actor: Actor, labId: string): Promise<PitchSessionView[]> {
    await this.access.requireRole(actor, labId, ['participant', 'mentor', 'organiser']);
    const lab = await this.labs.get(actor, labId);
    const views: PitchSessionView[] = [];
    for (const session of await this.pitches.findSessionsOfLab(labId))
      views.push(await this.view(session, lab.timezone));
    return views;
  }

  async get(actor: Actor, labId: string, sessionId: string): Promise<PitchSessionView> {
    await this.access.requireRole(actor, labId, ['participant', 'mentor', 'organiser']);
    const lab = await this.labs.get(actor, labId);
    return this.view(await this.requireSession(labId, sessionId), lab.timezone);
  }

  /**
   * Save the running order, times and rubric (organisers). Teams that have pitched or are on
   * stage stay, with their times; the rubric cannot lose, gain or rescale criteria once scored.
   */
  async put(
    actor: Actor,
    labId: string,
    sessionId: string,
    dto: PutPitchSession,
  ): Promise<PitchSessionView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const lab = await this.labs.get(actor, labId);
    return this.tx.run(async () => {
      const before = await this.requireSession(labId, sessionId);
      await this.pitches.ensureAndLock(labId, sessionId, await this.defaultCriteria(labId));
      const session = await this.requireSession(labId, sessionId);
      if (session.version !== dto.version) {
        throw new PitchesError(
          'PITCH_SESSION_VERSION_CONFLICT',
          `Someone else changed this running order since you opened it (you edited version ${dto.version}, it is now version ${session.version}). Reload it and apply your changes again.`,
          { currentVersion: session.version, yourVersion: dto.version },
        );
      }
      if (session.state === 'ended')
        throw new PitchesError(
          'PITCH_SESSION_STATE_INVALID',
          'This pitch session has ended; its running order can no longer change.',
          { state: session.state },
        );
      const criteria = dto.criteria ? tidyCriteria(dto.criteria) : (session.criteria ?? []);
      this.checkCriteria(criteria);
      if (dto.criteria && (await this.pitches.countScores(sessionId)) > 0) {
        const breaking = rubricChangeProblems(session.criteria ?? [], criteria);
        if (breaking.length > 0)
          throw new PitchesError(
            'PITCH_RUBRIC_LOCKED',
            'Mentors have scored with this rubric: criteria cannot be added or removed and scales cannot change any more (labels, descriptions and weights can).',
            breaking,
          );
      }
      const slots = await this.pitches.findSlots(sessionId);
      await this.checkOrder(labId, dto, slots);
      const byTeam = new Map(slots.map((s) => [s.teamId, s]));
      const kept = new Set(dto.slots.map((s) => s.teamId));
      await this.pitches.deleteSlots(slots.filter((s) => !kept.has(s.teamId)).map((s) => s.id));
      for (const [i, setting] of dto.slots.entries()) {
        const existing = byTeam.get(setting.teamId);
        if (existing)
          await this.pitches.updateSlot(
            existing.id,
            i + 1,
            setting.pitchSeconds,
            setting.questionSeconds,
          );
        else
          await this.pitches.insertSlot(
            sessionId,
            setting.teamId,
            i + 1,
            setting.pitchSeconds,
            setting.questionSeconds,
          );
      }
      if (!(await this.pitches.saveVersion(sessionId, dto.version, criteria, actor.userId)))
        throw new PitchesError(
          'PITCH_SESSION_VERSION_CONFLICT',
          'Someone else saved this running order at the same moment. Reload it and apply your changes again.',
        );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'pitch.order_saved',
        entityType: 'pitch_session',
        entityId: sessionId,
        data: {
          title: before.title,
          version: dto.version + 1,
          teams: dto.slots.map((s) => s.teamId),
          criteria: criteria.map((c) => c.id),
        },
      });
      return this.announceAndView(labId, sessionId, lab.timezone);
    });
  }

  /** scheduled → running, and the first team in the order goes on with its pitch clock. */
  start(actor: Actor, labId: string, sessionId: string): Promise<PitchSessionView> {
    return this.stageCommand(actor, labId, sessionId, async (session) => {
      const first = (await this.pitches.findSlots(sessionId)).find((s) => s.phase === 'waiting');
      if (session.state !== 'scheduled')
        throw stateInvalid(session.state, 'This pitch session has already been started.');
      if (!first)
        throw new PitchesError(
          'PITCH_SESSION_STATE_INVALID',
          'Put at least one team in the running order before starting the session.',
          { state: session.state },
        );
      await this.pitches.startSession(sessionId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'pitch.session_started',
        entityType: 'pitch_session',
        entityId: sessionId,
        data: { title: session.title },
      });
      await this.teamOn(actor, sessionId, first);
    });
  }

  /** Move the slot on stage on from the phase the organiser sees (pitch → questions → closed). */
  advance(
    actor: Actor,
    labId: string,
    sessionId: string,
    dto: AdvancePitch,
  ): Promise<PitchSessionView> {
    return this.stageCommand(actor, labId, sessionId, async () => {
      const slot = await this.pitches.findSlot(sessionId, dto.slotId);
      if (!slot) throw PitchesError.slotNotFound();
      const moved = await this.pitches.advance(slot.id, dto.phase);
      if (!moved) throw stageChanged(slot);
      await this.auditMove(actor.userId, moved, 'organiser');
    });
  }

  /**
   * Give the team on stage more (or less) time: the running phase's stored deadline moves by
   * `deltaSeconds`. The click names the slot, phase and clock version the organiser saw, so two
   * organisers' moves are both applied only when each saw the other's; otherwise the later one
   * is refused with the clock as it is now. The timer reads the stored deadline at its next poll,
   * on every instance, and moves the stage on once, at the new time.
   */
  adjustClock(
    actor: Actor,
    labId: string,
    sessionId: string,
    dto: AdjustPitchClock,
  ): Promise<PitchSessionView> {
    return this.stageCommand(actor, labId, sessionId, async (session) => {
      const slot = await this.pitches.findSlot(sessionId, dto.slotId);
      if (!slot) throw PitchesError.slotNotFound();
      if (session.state !== 'running' || (slot.phase !== 'pitch' && slot.phase !== 'questions'))
        throw clockNotRunning(session.state, slot);
      const moved = await this.pitches.moveClock({
        slotId: slot.id,
        phase: dto.phase,
        clockVersion: dto.clockVersion,
        deltaSeconds: dto.deltaSeconds,
        minLeft: PITCH_CLOCK_MIN_LEFT_SECONDS,
        maxLeft: PITCH_CLOCK_MAX_LEFT_SECONDS,
      });
      if (!moved) throw await this.whyClockStayed(sessionId, slot.id, dto);
      await this.auditSlot(actor.userId, 'pitch.clock_adjusted', moved, {
        phase: moved.phase,
        deltaSeconds: dto.deltaSeconds,
        phaseEndsAt: iso(moved.phaseEndsAt),
        clockVersion: moved.clockVersion,
      });
    });
  }

  /** Close the team on stage (if its clock still runs) and put the next waiting team on. */
  next(actor: Actor, labId: string, sessionId: string, dto: NextPitch): Promise<PitchSessionView> {
    return this.stageCommand(actor, labId, sessionId, async (session) => {
      if (session.state !== 'running')
        throw stateInvalid(session.state, 'Start the pitch session first.');
      if (session.currentSlotId !== dto.currentSlotId) {
        const slots = await this.pitches.findSlots(sessionId);
        const on = slots.find((s) => s.id === session.currentSlotId);
        throw new PitchesError(
          'PITCH_STAGE_CHANGED',
          `Another organiser moved the session on: ${on ? `${on.teamName} is on stage now` : 'nobody is on stage'}.`,
          { currentSlotId: session.currentSlotId },
        );
      }
      const slots = await this.pitches.findSlots(sessionId);
      const following = slots.find((s) => s.phase === 'waiting');
      if (!following)
        throw new PitchesError(
          'PITCH_SESSION_STATE_INVALID',
          'Every team in the running order has pitched; end the session.',
          { state: session.state },
        );
      if (session.currentSlotId) {
        const closed = await this.pitches.closeIfRunning(session.currentSlotId);
        if (closed) await this.auditMove(actor.userId, closed, 'organiser');
      }
      await this.teamOn(actor, sessionId, following);
    });
  }

  /** running → ended; the team on stage (if its clock still runs) closes. */
  end(actor: Actor, labId: string, sessionId: string): Promise<PitchSessionView> {
    return this.stageCommand(actor, labId, sessionId, async (session) => {
      if (session.state !== 'running')
        throw stateInvalid(session.state, 'Only a running pitch session can end.');
      if (session.currentSlotId) {
        const closed = await this.pitches.closeIfRunning(session.currentSlotId);
        if (closed) await this.auditMove(actor.userId, closed, 'organiser');
      }
      await this.pitches.endSession(sessionId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'pitch.session_ended',
        entityType: 'pitch_session',
        entityId: sessionId,
        data: { title: session.title },
      });
    });
  }

  /** One poll: every slot whose clock ran out moves on, exactly once across instances. */
  async tick(): Promise<void> {
    await this.tx.run(async () => {
      const moved = await this.pitches.timerDue();
      for (const slot of moved) await this.auditMove(null, slot, 'timer');
      for (const sessionId of new Set(moved.map((s) => s.sessionId))) {
        const slot = moved.find((s) => s.sessionId === sessionId)!;
        await this.announce(slot.labId, sessionId);
      }
    });
  }

  /** For the live snapshot: the lab's running pitch session (null: none), as a read to batch. */
  livePitchRead(labId: string): BatchedRead<LivePitch | null> {
    return {
      statements: [this.pitches.runningOfLab(labId), this.pitches.slotsOfRunning(labId)],
      read: ([sessions, slots]) => {
        const session = (sessions as PitchSessionRow[])[0];
        return session ? toLivePitch(session, slots as PitchSlotRow[]) : null;
      },
    };
  }

  /** The session (any kind of agenda session but `pitch` is not one) or PITCH_SESSION_NOT_FOUND. */
  async requireSession(labId: string, sessionId: string): Promise<PitchSessionRow> {
    const session = await this.pitches.findSession(labId, sessionId);
    if (!session) throw PitchesError.sessionNotFound();
    return session;
  }

  /** The rubric a new pitch session starts with: the lab's review rubric, else three 1–5 questions. */
  async defaultCriteria(labId: string): Promise<ReviewCriterion[]> {
    const rubric = await this.rubrics.findOfLab(labId);
    return rubric && rubric.criteria.length > 0
      ? rubric.criteria.map((c) => ({ ...c }))
      : DEFAULT_PITCH_CRITERIA.map((c) => ({ ...c, scale: { ...c.scale } }));
  }

  async view(session: PitchSessionRow, timezone: string): Promise<PitchSessionView> {
    const slots = session.version > 0 ? await this.pitches.findSlots(session.sessionId) : [];
    const criteria = session.criteria ?? (await this.defaultCriteria(session.labId));
    return {
      sessionId: session.sessionId,
      labId: session.labId,
      title: session.title,
      startsAt: new Date(session.startsAt).toISOString(),
      endsAt: new Date(session.endsAt).toISOString(),
      timezone,
      state: session.state,
      version: session.version,
      criteria,
      rubricLocked: session.version > 0 && (await this.pitches.countScores(session.sessionId)) > 0,
      currentSlotId: session.currentSlotId,
      slots: slots.map(toPitchSlotView),
      startedAt: iso(session.startedAt),
      endedAt: iso(session.endedAt),
      serverNow: new Date().toISOString(),
    };
  }

  /**
   * An organiser's command on the stage: the session locked for one transaction (commands queue
   * rather than interleave), `work` given the session as it is then, and the stage after it
   * announced to the lab and answered.
   */
  private async stageCommand(
    actor: Actor,
    labId: string,
    sessionId: string,
    work: (session: PitchSessionRow) => Promise<void>,
  ): Promise<PitchSessionView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const lab = await this.labs.get(actor, labId);
    return this.tx.run(async () => {
      await this.lockExisting(labId, sessionId);
      await work(await this.requireSession(labId, sessionId));
      return this.announceAndView(labId, sessionId, lab.timezone);
    });
  }

  private async lockExisting(labId: string, sessionId: string): Promise<void> {
    await this.requireSession(labId, sessionId);
    await this.pitches.ensureAndLock(labId, sessionId, await this.defaultCriteria(labId));
  }

  /** Why a clock move matched nothing: the stage moved on, another move came first, or the range. */
  private async whyClockStayed(
    sessionId: string,
    slotId: string,
    dto: AdjustPitchClock,
  ): Promise<PitchesError> {
    const slot = await this.pitches.findSlot(sessionId, slotId);
    if (!slot || (slot.phase !== 'pitch' && slot.phase !== 'questions'))
      return slot ? clockNotRunning('running', slot) : PitchesError.slotNotFound();
    if (slot.phase !== dto.phase)
      return new PitchesError(
        'PITCH_STAGE_CHANGED',
        slot.phase === 'questions'
          ? `${slot.teamName}'s pitch ended before your click (by the clock or another organiser): questions have started. Move the question clock instead.`
          : `${slot.teamName} is still pitching: move the pitch clock.`,
        { slotId, phase: slot.phase, clockVersion: slot.clockVersion },
      );
    const left = Math.max(0, Math.round((await this.pitches.secondsLeft(slotId)) ?? 0));
    const stage = `${slot.teamName}'s ${slot.phase === 'pitch' ? 'pitch' : 'questions'}`;
    if (slot.clockVersion !== dto.clockVersion)
      return new PitchesError(
        'PITCH_CLOCK_CONFLICT',
        `Another organiser moved ${stage} clock just before you (${describeAdjustment(slot.adjustedSeconds)}; ${clock(left)} left now). Your change was not applied: look at the clock and click again if it still needs one.`,
        {
          currentClockVersion: slot.clockVersion,
          yourClockVersion: dto.clockVersion,
          phase: slot.phase,
          phaseEndsAt: iso(slot.phaseEndsAt),
          adjustedSeconds: slot.adjustedSeconds,
          secondsLeft: left,
        },
      );
    const mostOff = Math.max(0, left - PITCH_CLOCK_MIN_LEFT_SECONDS);
    const mostOn = Math.max(0, PITCH_CLOCK_MAX_LEFT_SECONDS - left);
    return new PitchesError(
      'PITCH_CLOCK_OUT_OF_RANGE',
      dto.deltaSeconds < 0
        ? `${stage} has ${clock(left)} left: taking ${duration(-dto.deltaSeconds)} would end it ${left + dto.deltaSeconds < 0 ? 'in the past' : 'too abruptly'}. A stage keeps at least ${PITCH_CLOCK_MIN_LEFT_SECONDS} s, so at most ${duration(mostOff)} can come off now; to end it at once, move the stage on.`
        : `${stage} has ${clock(left)} left: adding ${duration(dto.deltaSeconds)} would leave more than ${PITCH_CLOCK_MAX_LEFT_SECONDS / 60} min. At most ${duration(mostOn)} can be added now.`,
      {
        secondsLeft: left,
        minSecondsLeft: PITCH_CLOCK_MIN_LEFT_SECONDS,
        maxSecondsLeft: PITCH_CLOCK_MAX_LEFT_SECONDS,
        maxShortenSeconds: mostOff,
        maxExtendSeconds: mostOn,
      },
    );
  }

  private async teamOn(actor: Actor, sessionId: string, slot: PitchSlotRow): Promise<void> {
    const on = await this.pitches.startPitch(slot.id);
    if (!on) throw stageChanged(slot);
    await this.pitches.setCurrentSlot(sessionId, slot.id);
    await this.auditSlot(actor.userId, 'pitch.team_on', on, { pitchSeconds: on.pitchSeconds });
  }

  private async auditMove(
    actorId: string | null,
    slot: PitchSlotRow,
    by: 'organiser' | 'timer',
  ): Promise<void> {
    await this.auditSlot(
      actorId,
      slot.phase === 'questions' ? 'pitch.questions_started' : 'pitch.slot_closed',
      slot,
      { by },
    );
  }

  /** An audit event about a team's turn: which session, which team (by name, for the words). */
  private async auditSlot(
    actorId: string | null,
    action: string,
    slot: PitchSlotRow,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.append({
      actorId,
      labId: slot.labId,
      action,
      entityType: 'pitch_slot',
      entityId: slot.id,
      data: { sessionId: slot.sessionId, teamId: slot.teamId, team: slot.teamName, ...data },
    });
  }

  private async announce(labId: string, sessionId: string): Promise<void> {
    const session = await this.requireSession(labId, sessionId);
    this.live.stageChanged(toLivePitch(session, await this.pitches.findSlots(sessionId)));
  }

  private async announceAndView(
    labId: string,
    sessionId: string,
    timezone: string,
  ): Promise<PitchSessionView> {
    await this.announce(labId, sessionId);
    return this.view(await this.requireSession(labId, sessionId), timezone);
  }

  private checkCriteria(criteria: ReviewCriterion[]): void {
    const problems = rubricProblems(criteria);
    if (problems.length > 0)
      throw new PitchesError(
        'PITCH_ORDER_INVALID',
        `The rubric has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems[0].message}.`,
        problems,
      );
  }

  private async checkOrder(
    labId: string,
    dto: PutPitchSession,
    slots: PitchSlotRow[],
  ): Promise<void> {
    const teams = new Map(
      (await this.teams.viewsOf(labId, null, true)).map((t) => [t.id, t.name] as const),
    );
    const problems: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    dto.slots.forEach((s, i) => {
      if (!teams.has(s.teamId))
        problems.push({ field: `slots.${i}.teamId`, message: 'not a team of this lab' });
      else if (seen.has(s.teamId))
        problems.push({ field: `slots.${i}.teamId`, message: 'this team is in the order twice' });
      seen.add(s.teamId);
      const existing = slots.find((x) => x.teamId === s.teamId);
      if (
        existing &&
        existing.phase !== 'waiting' &&
        (existing.pitchSeconds !== s.pitchSeconds || existing.questionSeconds !== s.questionSeconds)
      )
        problems.push({
          field: `slots.${i}`,
          message: `${existing.teamName} has pitched (or is pitching): its times cannot change`,
        });
    });
    for (const slot of slots)
      if (slot.phase !== 'waiting' && !seen.has(slot.teamId))
        problems.push({
          field: 'slots',
          message: `${slot.teamName} has pitched (or is pitching) and must stay in the order`,
        });
    if (problems.length > 0)
      throw new PitchesError(
        'PITCH_ORDER_INVALID',
        problems.length === 1
          ? `The running order has a problem: ${problems[0].message}.`
          : `The running order has ${problems.length} problems.`,
        problems,
      );
  }
}

const stateInvalid = (state: string, message: string) =>
  new PitchesError('PITCH_SESSION_STATE_INVALID', message, { state });

const clockNotRunning = (state: string, slot: PitchSlotRow) =>
  new PitchesError(
    'PITCH_CLOCK_NOT_RUNNING',
    state !== 'running'
      ? state === 'scheduled'
        ? 'No clock is running: the pitch session has not started yet.'
        : 'No clock is running: the pitch session has ended.'
      : slot.phase === 'waiting'
        ? `No clock is running for ${slot.teamName}: the team has not gone on stage yet.`
        : `No clock is running for ${slot.teamName}: its pitch has closed and its scores are locked.`,
    { state, phase: slot.phase },
  );

/** `4:05` */
const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** `1 min`, `1 min 30 s`, `45 s` */
const duration = (seconds: number) => {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
};

const describeAdjustment = (seconds: number) =>
  seconds === 0
    ? 'back to the time set'
    : `${duration(Math.abs(seconds))} ${seconds > 0 ? 'more' : 'less'} than set`;

const stageChanged = (slot: PitchSlotRow) =>
  new PitchesError(
    'PITCH_STAGE_CHANGED',
    `${slot.teamName}'s turn moved on before your click (by the clock or another organiser). Look at the stage again.`,
    { slotId: slot.id },
  );
