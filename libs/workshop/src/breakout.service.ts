import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  inputsFingerprint,
  SolverPool,
  TransactionRunner,
  type SolverInput,
  type SolverOutput,
} from '@ideas-lab/platform';
import {
  buildMetMatrix,
  freeRoomName,
  roomLinkName,
  roomNameClashes,
  RotationPlanError,
  summariseRotation,
  type Actor,
  type HeldRound,
  type LabRole,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService, MembershipsService } from '@ideas-lab/labs';
import { AgendaSessionsRepository } from './agenda-sessions.repository.js';
import { BreakoutNotices } from './breakout-notices.js';
import { BreakoutRoundsService } from './breakout-rounds.service.js';
import { BreakoutPlansRepository } from './breakout-plans.repository.js';
import { toPlanView, toRoundsView } from './breakout-view.js';
import { BreakoutRepository, type NewRoom, type RoomChanges } from './breakout.repository.js';
import type {
  CreatePlan,
  CreateRound,
  MetMatrixView,
  ParticipantProfile,
  ParticipantProfileInput,
  PlanView,
  RoundsView,
  RoomInput,
  UpdateRoom,
} from './workshop.contract.js';
import type { AgendaSessionEntity } from './entities/agenda-session.entity.js';
import type { BreakoutPlanInputs } from './entities/breakout-plan.entity.js';
import type { BreakoutRoundEntity } from './entities/breakout-round.entity.js';
import { ParticipantProfilesRepository } from './participant-profiles.repository.js';
import { WorkshopError } from './workshop.errors.js';

/** The planner needs a discipline for everyone; people without a profile share this one. */
export const DISCIPLINE_NOT_STATED = '(not stated)';
const DEFAULT_ROUND_MINUTES = 20;

/** A solve whose inputs moved before its result was written is solved again, this often in all. */
const MAX_SOLVE_ATTEMPTS = 3;

/** What the planner is given to seat one round by size (no seed: each attempt draws one). */
type SizedRoomsInputs = Omit<SolverInput<'planRotation'>, 'seed' | 'heldRounds' | 'mentors'> & {
  heldRounds: BreakoutPlanInputs['heldRounds'];
  mentors: { id: string }[];
};

/** A room as a recreation lays it out; `mentorId` undefined keeps the room's mentor. */
interface RoomLayout {
  participantIds: string[];
  mentorId?: string | null;
  roomId?: string;
}

/**
 * Breakout rounds of a breakout session: plans from the rotation planner, adoption into
 * rounds, rooms and seats, manual moves and swaps, self-select rounds with capacities.
 */
@Injectable()
export class BreakoutService {
  constructor(
    private readonly sessions: AgendaSessionsRepository,
    private readonly breakout: BreakoutRepository,
    private readonly plans: BreakoutPlansRepository,
    private readonly profiles: ParticipantProfilesRepository,
    private readonly access: LabAccessService,
    private readonly labs: LabsService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notices: BreakoutNotices,
    private readonly solvers: SolverPool,
    private readonly roundStates: BreakoutRoundsService,
  ) {}

  // ---- reading --------------------------------------------------------------------------

  async rounds(actor: Actor, labId: string, sessionId: string): Promise<RoundsView> {
    const roles = await this.access.requireRole(actor, labId, [
      'organiser',
      'mentor',
      'participant',
    ]);
    await this.requireBreakoutSession(labId, sessionId);
    return this.roundsView(sessionId, {
      userId: actor.userId,
      seesEverything: seesEverything(actor, roles),
    });
  }

  async metMatrix(actor: Actor, labId: string, sessionId: string): Promise<MetMatrixView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.requireBreakoutSession(labId, sessionId);
    const participants = await this.profiles.findParticipantsOfLab(labId);
    const rounds = await this.heldShapeOf(await this.breakout.findRoundsOfSession(sessionId));
    const ids = participants.map((p) => p.userId);
    const matrix = buildMetMatrix({ rounds, participantIds: ids });
    const metrics = summariseRotation({
      rounds,
      participants: participants.map(toRotationParticipant),
    });
    return {
      participants: participants.map((p) => ({ userId: p.userId, displayName: p.displayName })),
      counts: matrix.counts,
      pairsMet: metrics.pairsMet,
      repeats: metrics.repeats,
    };
  }

  async plansOf(actor: Actor, labId: string, sessionId: string): Promise<PlanView[]> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.requireBreakoutSession(labId, sessionId);
    return (await this.plans.findAllOfSession(sessionId)).map(toPlanView);
  }

  // ---- participant profiles ---------------------------------------------------------------

  async participantsOf(actor: Actor, labId: string): Promise<ParticipantProfile[]> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.profiles.findParticipantsOfLab(labId);
  }

  async setProfile(
    actor: Actor,
    labId: string,
    userId: string,
    dto: ParticipantProfileInput,
  ): Promise<ParticipantProfile> {
    const lab = await this.labs.get(actor, labId);
    const discipline = dto.discipline.trim();
    const careerStage = dto.careerStage?.trim() || null;
    const problems: { field: string; message: string }[] = [];
    if (lab.taxonomy.disciplines.length > 0 && !lab.taxonomy.disciplines.includes(discipline)) {
      problems.push({
        field: 'discipline',
        message: `discipline must be one of the lab's: ${lab.taxonomy.disciplines.join(', ')}`,
      });
    }
    if (
      careerStage !== null &&
      lab.taxonomy.careerStages.length > 0 &&
      !lab.taxonomy.careerStages.includes(careerStage)
    ) {
      problems.push({
        field: 'careerStage',
        message: `careerStage must be one of the lab's: ${lab.taxonomy.careerStages.join(', ')}`,
      });
    }
    if (problems.length > 0)
      throw new WorkshopError(
        'PROFILE_NOT_IN_TAXONOMY',
        "The profile uses names that are not in the lab's taxonomy.",
        problems,
      );
    return this.tx.run(async () => {
      const participant = (await this.profiles.findParticipantsOfLab(labId)).find(
        (p) => p.userId === userId,
      );
      if (!participant) throw notAParticipant('userId');
      await this.profiles.upsert({ labId, userId, discipline, careerStage });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'workshop.profile_set',
        entityType: 'participant_profile',
        entityId: userId,
        data: { discipline, careerStage },
      });
      return {
        ...participant,
        discipline,
        careerStage,
        disciplines: [discipline],
        source: 'organiser' as const,
      };
    });
  }

  // ---- plans ----------------------------------------------------------------------------------

  /**
   * Run the rotation planner over the lab's participants, keeping the rounds already opened.
   * The planner runs in the solver pool with no lock held; the plan is stored under the
   * session's lock only if the participants, mentors and held rounds read again there are the
   * ones planned for (else it plans again, up to three times, then 409 PLAN_INPUTS_CHANGED).
   */
  async createPlan(
    actor: Actor,
    labId: string,
    sessionId: string,
    dto: CreatePlan,
  ): Promise<PlanView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const seed = dto.seed ?? String(randomInt(1, 2 ** 31));
    for (let attempt = 1; ; attempt++) {
      await this.requireBreakoutSession(labId, sessionId);
      const inputs = await this.planInputs(labId, sessionId, dto);
      const result = await this.solveRotation({ ...inputs, seed }, (error) => {
        throw new WorkshopError('PLAN_INVALID', `The planner cannot plan this: ${error.message}.`, {
          reason: error.code,
          heldRounds: inputs.heldRounds.length,
        });
      });
      const view = await this.tx.run(async () => {
        await this.requireBreakoutSession(labId, sessionId, { lock: true });
        const now = await this.planInputs(labId, sessionId, dto);
        if (inputsFingerprint(now) !== inputsFingerprint(inputs)) return null;
        const plan = await this.plans.insert({
          sessionId,
          inputs,
          seed,
          result: {
            rounds: result.rounds,
            roomSizes: result.roomSizes,
            metrics: { ...result.metrics, constraintCost: result.constraintCost },
            iterationsUsed: result.iterationsUsed,
            start: result.start,
            design: result.design,
            stoppedBy: result.stoppedBy,
          },
          pairsMet: result.metrics.pairsMet,
          repeats: result.metrics.repeats,
          createdBy: actor.userId,
        });
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'breakout.plan_created',
          entityType: 'breakout_plan',
          entityId: plan.id,
          data: {
            sessionId,
            seed,
            rounds: dto.rounds,
            roomSize: dto.roomSize,
            participants: inputs.participants.length,
            heldRounds: inputs.heldRounds.length,
            pairsMet: plan.pairsMet,
            repeats: plan.repeats,
          },
        });
        return toPlanView(plan);
      });
      if (view) return view;
      if (attempt === MAX_SOLVE_ATTEMPTS) throw inputsChanged('PLAN_INPUTS_CHANGED', attempt);
    }
  }

  /** What the planner is given for a session: participants, mentors, the rounds held so far. */
  private async planInputs(
    labId: string,
    sessionId: string,
    dto: CreatePlan,
  ): Promise<BreakoutPlanInputs> {
    const participants = await this.profiles.findParticipantsOfLab(labId);
    if (participants.length < 2) {
      throw new WorkshopError(
        'PLAN_NO_PARTICIPANTS',
        `A plan needs at least two participants in the lab; it has ${participants.length}.`,
      );
    }
    const mentors = (await this.memberships.members(labId))
      .filter((m) => m.role === 'mentor')
      .map((m) => ({ id: m.userId }));
    const held = (await this.breakout.findRoundsOfSession(sessionId)).filter(
      (r) => r.state !== 'planned',
    );
    return {
      rounds: dto.rounds,
      roomSize: dto.roomSize,
      minDisciplinesPerRoom: dto.minDisciplinesPerRoom ?? 0,
      roundMinutes: dto.roundMinutes ?? DEFAULT_ROUND_MINUTES,
      neverAloneCareerStages: dto.neverAloneCareerStages ?? [],
      participants: participants.map(toRotationParticipant),
      mentors,
      heldRounds: await this.heldShapeOf(held),
    };
  }

  /** The rotation planner in the solver pool; a request it cannot plan goes to `invalid`. */
  private async solveRotation(
    input: SolverInput<'planRotation'>,
    invalid: (error: RotationPlanError) => never,
  ): Promise<SolverOutput<'planRotation'>> {
    try {
      return await this.solvers.run('planRotation', input);
    } catch (error) {
      if (error instanceof RotationPlanError) invalid(error);
      throw error;
    }
  }

  /**
   * Turn a plan into rounds, rooms and seats: rounds not opened yet are replaced, opened and
   * closed rounds stay as they were held. Refused when rounds were opened since the plan.
   */
  async adopt(actor: Actor, labId: string, sessionId: string, planId: string): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      await this.requireBreakoutSession(labId, sessionId, { lock: true });
      const plan = await this.plans.findOfSession(sessionId, planId);
      if (!plan)
        throw new WorkshopError('PLAN_NOT_FOUND', 'There is no such plan for this session.');
      const rounds = await this.breakout.findRoundsOfSession(sessionId);
      const held = rounds.filter((r) => r.state !== 'planned');
      if (held.length !== plan.inputs.heldRounds.length) {
        throw new WorkshopError(
          'PLAN_STALE',
          `This plan was made when ${plan.inputs.heldRounds.length} round(s) had been held; now ${held.length} have. Make a new plan.`,
          { heldWhenPlanned: plan.inputs.heldRounds.length, heldNow: held.length },
        );
      }
      const replaced = await this.breakout.deletePlannedRounds(sessionId);
      let index = held.reduce((max, r) => Math.max(max, r.index + 1), 0);
      for (const planned of plan.result.rounds.slice(held.length)) {
        const rooms: NewRoom[] = planned.rooms.map((room, r) => ({
          name: `Room ${r + 1}`,
          meetingUrl: null,
          mentorId: room.mentorId ?? null,
          capacity: null,
          participantIds: room.participantIds,
        }));
        await this.breakout.insertRound(
          {
            sessionId,
            index,
            title: `Round ${index + 1}`,
            durationMinutes: plan.inputs.roundMinutes,
            mode: 'assigned',
            planId,
          },
          rooms,
        );
        index += 1;
      }
      await this.plans.markAdopted(sessionId, planId, new Date());
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'breakout.plan_adopted',
        entityType: 'breakout_plan',
        entityId: planId,
        data: {
          sessionId,
          roundsReplaced: replaced,
          roundsCreated: plan.result.rounds.length - held.length,
          roundsKept: held.length,
        },
      });
      return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
    });
  }

  // ---- rounds and rooms -------------------------------------------------------------------------

  async createRound(
    actor: Actor,
    labId: string,
    sessionId: string,
    dto: CreateRound,
  ): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const clashes = roomNameClashes(
      dto.rooms.map((room, position) => ({ name: room.name.trim(), position })),
    );
    if (clashes.length > 0) {
      throw new WorkshopError(
        'ROUND_ROOMS_INVALID',
        'Two rooms of a round would share one video call: give each room a name of its own.',
        clashes.map(({ index, takenBy }) => ({
          field: `rooms.${index}.name`,
          message: `shares its video call with "${takenBy}"; give it another name`,
        })),
      );
    }
    if (dto.mode === 'self-select') {
      const missing = dto.rooms
        .map((room, i) => ({ room, i }))
        .filter(({ room }) => room.capacity == null);
      if (missing.length > 0) {
        throw new WorkshopError(
          'ROUND_ROOMS_INVALID',
          'Every room of a self-select round needs a capacity.',
          missing.map(({ i }) => ({
            field: `rooms.${i}.capacity`,
            message: 'a self-select room needs a capacity',
          })),
        );
      }
    }
    return this.tx.run(async () => {
      await this.requireBreakoutSession(labId, sessionId, { lock: true });
      await this.assertMentors(
        labId,
        dto.rooms.map((r, i) => ({ mentorId: r.mentorId ?? null, field: `rooms.${i}.mentorId` })),
      );
      const index = await this.breakout.nextRoundIndex(sessionId);
      const round = await this.breakout.insertRound(
        {
          sessionId,
          index,
          title: dto.title.trim(),
          durationMinutes: dto.durationMinutes,
          mode: dto.mode,
          planId: null,
        },
        dto.rooms.map((room: RoomInput) => ({
          name: room.name.trim(),
          meetingUrl: room.meetingUrl ?? null,
          mentorId: room.mentorId ?? null,
          capacity: room.capacity ?? null,
        })),
      );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'breakout.round_created',
        entityType: 'breakout_round',
        entityId: round.id,
        data: { sessionId, index, mode: dto.mode, rooms: dto.rooms.length },
      });
      return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
    });
  }

  /**
   * planned → open → closed, each step once, through the rounds' one owner
   * (BreakoutRoundsService). Opening starts the round's clock (`durationSeconds`, else its
   * planned minutes); once committed, the live layer is told (everyone learns their room, or
   * that the round closed).
   */
  async changeRoundState(
    actor: Actor,
    labId: string,
    sessionId: string,
    roundId: string,
    to: 'open' | 'closed',
    options: { durationSeconds?: number; confirmOtherDay?: boolean } = {},
  ): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.requireBreakoutSession(labId, sessionId);
    const ref = { labId, sessionId, roundId };
    if (to === 'open') await this.roundStates.open(actor, ref, options);
    else await this.roundStates.close(actor, ref);
    return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
  }

  async updateRoom(
    actor: Actor,
    labId: string,
    sessionId: string,
    roundId: string,
    roomId: string,
    dto: UpdateRoom,
  ): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      // A rename reads the round's other names: the session's lock keeps two renames apart.
      await this.requireBreakoutSession(labId, sessionId, { lock: dto.name !== undefined });
      await this.requireOpenToChanges(sessionId, roundId);
      const room = await this.breakout.findRoomOfRound(roundId, roomId);
      if (!room) throw WorkshopError.roomNotFound();
      const changes: RoomChanges = {};
      if (dto.name !== undefined) {
        changes.name = dto.name.trim();
        await this.assertOwnCall(roundId, { ...room, name: changes.name });
      }
      if (dto.meetingUrl !== undefined) changes.meetingUrl = dto.meetingUrl;
      if (dto.capacity !== undefined) changes.capacity = dto.capacity;
      if (dto.mentorId !== undefined) {
        await this.assertMentors(labId, [{ mentorId: dto.mentorId, field: 'mentorId' }]);
        changes.mentorId = dto.mentorId;
      }
      await this.breakout.updateRoom(roomId, changes);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'breakout.room_updated',
        entityType: 'breakout_room',
        entityId: roomId,
        data: { roundId, ...changes },
      });
      await this.notices.publish({ kind: 'room-changed', labId, sessionId, roundId, roomId });
      return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
    });
  }

  /** An organiser seats one participant in another room of a round (capacities do not bind organisers). */
  async move(
    actor: Actor,
    labId: string,
    sessionId: string,
    roundId: string,
    userId: string,
    roomId: string,
  ): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      await this.requireBreakoutSession(labId, sessionId);
      await this.requireOpenToChanges(sessionId, roundId);
      if (!(await this.breakout.findRoomOfRound(roundId, roomId)))
        throw WorkshopError.roomNotFound();
      if (!(await this.isParticipant(labId, userId))) throw notAParticipant('userId');
      const before = await this.breakout.findSeat(roundId, userId);
      await this.breakout.seat(roundId, roomId, userId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'breakout.participant_moved',
        entityType: 'breakout_round',
        entityId: roundId,
        data: { userId, fromRoomId: before?.roomId ?? null, toRoomId: roomId },
      });
      await this.notices.publish({
        kind: 'seats-changed',
        labId,
        sessionId,
        roundId,
        userIds: [userId],
        roomIds: [...new Set([before?.roomId, roomId].filter((id): id is string => !!id))],
      });
      return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
    });
  }

  async swap(
    actor: Actor,
    labId: string,
    sessionId: string,
    roundId: string,
    firstUserId: string,
    secondUserId: string,
  ): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      await this.requireBreakoutSession(labId, sessionId);
      await this.requireOpenToChanges(sessionId, roundId);
      const [first, second] = [
        await this.breakout.findSeat(roundId, firstUserId),
        await this.breakout.findSeat(roundId, secondUserId),
      ];
      const unseated = [first ? null : 0, second ? null : 1].filter((i): i is number => i !== null);
      if (unseated.length > 0) {
        throw new WorkshopError(
          'PARTICIPANT_NOT_SEATED',
          'Both people must have a room in this round to swap; move someone without a room instead.',
          unseated.map((i) => ({ field: `userIds.${i}`, message: 'has no room in this round' })),
        );
      }
      await this.breakout.swapSeats(roundId, firstUserId, secondUserId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'breakout.participants_swapped',
        entityType: 'breakout_round',
        entityId: roundId,
        data: { userIds: [firstUserId, secondUserId], roomIds: [first!.roomId, second!.roomId] },
      });
      await this.notices.publish({
        kind: 'seats-changed',
        labId,
        sessionId,
        roundId,
        userIds: [firstUserId, secondUserId],
        roomIds: [...new Set([first!.roomId, second!.roomId])],
      });
      return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
    });
  }

  /** A participant picks a room of a self-select round; refused when it is full. */
  async choose(
    actor: Actor,
    labId: string,
    sessionId: string,
    roundId: string,
    roomId: string,
  ): Promise<RoundsView> {
    const roles = await this.access.requireRole(actor, labId, ['participant']);
    if (!roles.includes('participant')) throw notAParticipant();
    return this.tx.run(async () => {
      await this.requireBreakoutSession(labId, sessionId);
      const round = await this.breakout
        .findRoundsOfSession(sessionId)
        .then((rs) => rs.find((r) => r.id === roundId));
      if (!round) throw WorkshopError.roundNotFound();
      if (round.mode !== 'self-select')
        throw new WorkshopError(
          'ROUND_NOT_SELF_SELECT',
          'In this round the organisers assign the rooms.',
        );
      if (round.state === 'closed') throw roundClosed();
      if (!(await this.breakout.findRoomOfRound(roundId, roomId)))
        throw WorkshopError.roomNotFound();
      const before = await this.breakout.findSeat(roundId, actor.userId);
      if (!(await this.breakout.seatIfFree(roundId, roomId, actor.userId))) {
        throw new WorkshopError('ROOM_FULL', 'This room is full; pick another one.', [
          { field: 'roomId', message: 'no free seat left in this room' },
        ]);
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'breakout.room_chosen',
        entityType: 'breakout_round',
        entityId: roundId,
        data: { roomId },
      });
      await this.notices.publish({
        kind: 'seats-changed',
        labId,
        sessionId,
        roundId,
        userIds: [actor.userId],
        roomIds: [...new Set([before?.roomId, roomId].filter((id): id is string => !!id))],
      });
      return this.roundsView(sessionId, { userId: actor.userId, seesEverything: false });
    });
  }

  /**
   * Rebuild the rooms of a round that is not closed: as its adopted plan made them (`plan`,
   * undoing moves), or new rooms of about `roomSize` planned by the rotation planner for new
   * encounters (counting the rounds held before it) and discipline mix, over every
   * participant or only `participantIds` (those present). Rooms are reused in order; missing
   * ones are added; surplus ones are deleted in a planned round and left empty in an open one
   * (their chat stays). Once committed, the live layer tells everyone where to go.
   */
  async recreateRooms(
    actor: Actor,
    labId: string,
    sessionId: string,
    roundId: string,
    options: { from: 'plan' | 'size'; roomSize?: number; participantIds?: readonly string[] },
  ): Promise<RoundsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    for (let attempt = 1; ; attempt++) {
      // By size, the planner runs first, in the solver pool, with nothing locked.
      let sized: { inputs: SizedRoomsInputs; layout: RoomLayout[] } | null = null;
      if (options.from === 'size') {
        await this.requireBreakoutSession(labId, sessionId);
        const round = await this.findRound(sessionId, roundId);
        if (round.state === 'closed') throw roundClosed();
        const inputs = await this.sizedInputs(labId, round, options);
        sized = { inputs, layout: await this.sizedLayout(inputs) };
      }
      const view = await this.tx.run(async () => {
        await this.requireBreakoutSession(labId, sessionId, { lock: true });
        const round = await this.requireOpenToChanges(sessionId, roundId);
        let layout: RoomLayout[];
        if (sized === null) {
          const rounds = await this.breakout.findRoundsOfSession(sessionId);
          layout = await this.planLayoutOf(sessionId, round, rounds);
        } else {
          const now = await this.sizedInputs(labId, round, options);
          if (inputsFingerprint(now) !== inputsFingerprint(sized.inputs)) return null;
          layout = sized.layout;
        }
        const existing = await this.breakout.findRoomsOfRounds([roundId]);
        for (const [position, planned] of layout.entries()) {
          // A new room takes a number no room of the round goes by (one call per room).
          const room =
            existing[position] ??
            (await this.breakout.insertRoom(roundId, position, {
              name: freeRoomName(existing, position),
              meetingUrl: null,
              mentorId: null,
              capacity: null,
            }));
          if (planned.mentorId !== undefined && planned.mentorId !== room.mentorId)
            await this.breakout.updateRoom(room.id, { mentorId: planned.mentorId });
          planned.roomId = room.id;
        }
        const surplus = existing.slice(layout.length).map((r) => r.id);
        if (round.state === 'planned') await this.breakout.deleteRooms(surplus);
        await this.breakout.clearSeats(roundId);
        for (const planned of layout)
          await this.breakout.seatMany(roundId, planned.roomId!, planned.participantIds);
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'breakout.rooms_recreated',
          entityType: 'breakout_round',
          entityId: roundId,
          data: {
            sessionId,
            from: options.from,
            roomSize: options.roomSize ?? null,
            rooms: layout.length,
            seated: layout.reduce((n, r) => n + r.participantIds.length, 0),
            keptEmpty: round.state === 'planned' ? [] : surplus,
          },
        });
        await this.notices.publish({ kind: 'rooms-recreated', labId, sessionId, roundId });
        return this.roundsView(sessionId, { userId: actor.userId, seesEverything: true });
      });
      if (view) return view;
      if (attempt === MAX_SOLVE_ATTEMPTS) throw inputsChanged('ROOMS_INPUTS_CHANGED', attempt);
    }
  }

  /** The rooms the adopted plan gave this round. */
  private async planLayoutOf(
    sessionId: string,
    round: BreakoutRoundEntity,
    rounds: readonly BreakoutRoundEntity[],
  ): Promise<RoomLayout[]> {
    const plan = round.planId ? await this.plans.findOfSession(sessionId, round.planId) : null;
    const siblings = rounds.filter((r) => r.planId !== null && r.planId === round.planId);
    const position = siblings.findIndex((r) => r.id === round.id);
    const planned =
      position < 0 ? undefined : plan?.result.rounds[plan.inputs.heldRounds.length + position];
    if (!plan || !planned)
      throw new WorkshopError(
        'ROOMS_RECREATE_INVALID',
        'This round was not made from a plan; recreate its rooms by size instead.',
        [{ field: 'from', message: 'the round has no plan' }],
      );
    return planned.rooms.map((room) => ({
      participantIds: [...room.participantIds],
      mentorId: room.mentorId ?? null,
    }));
  }

  /** What the planner is given to seat one round in rooms of about `roomSize`, after the rounds held before it. */
  private async sizedInputs(
    labId: string,
    round: BreakoutRoundEntity,
    options: { roomSize?: number; participantIds?: readonly string[] },
  ): Promise<SizedRoomsInputs> {
    if (!options.roomSize)
      throw new WorkshopError('ROOMS_RECREATE_INVALID', 'Say how many people a room should have.', [
        { field: 'roomSize', message: 'required to recreate rooms by size' },
      ]);
    const wanted = options.participantIds ? new Set(options.participantIds) : null;
    const participants = (await this.profiles.findParticipantsOfLab(labId)).filter(
      (p) => !wanted || wanted.has(p.userId),
    );
    if (participants.length < 2)
      throw new WorkshopError(
        'ROOMS_RECREATE_INVALID',
        `Rooms need at least two participants to seat; there are ${participants.length}.`,
      );
    const rounds = await this.breakout.findRoundsOfSession(round.sessionId);
    const held = rounds.filter((r) => r.state !== 'planned' && r.id !== round.id);
    const heldRounds = await this.heldShapeOf(held);
    const mentors = (await this.memberships.members(labId))
      .filter((m) => m.role === 'mentor')
      .map((m) => ({ id: m.userId }));
    const plan = round.planId
      ? await this.plans.findOfSession(round.sessionId, round.planId)
      : null;
    return {
      participants: participants.map(toRotationParticipant),
      mentors,
      rounds: heldRounds.length + 1,
      roomSize: options.roomSize,
      heldRounds,
      minDisciplinesPerRoom: plan?.inputs.minDisciplinesPerRoom ?? 2,
      neverAloneCareerStages: plan?.inputs.neverAloneCareerStages ?? [],
      measureConstraintCost: false,
    };
  }

  /** New rooms for the round after the held ones, from the planner (in the solver pool). */
  private async sizedLayout(inputs: SizedRoomsInputs): Promise<RoomLayout[]> {
    const result = await this.solveRotation({ ...inputs, seed: randomInt(1, 2 ** 31) }, (error) => {
      throw new WorkshopError(
        'ROOMS_RECREATE_INVALID',
        `The planner cannot make these rooms: ${error.message}.`,
        { reason: error.code },
      );
    });
    return result.rounds[inputs.heldRounds.length].rooms.map((room) => ({
      participantIds: [...room.participantIds],
      mentorId: room.mentorId ?? (inputs.mentors.length > 0 ? null : undefined),
    }));
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Refuses a room name whose `{room}` another room of the round has: they would share a call. */
  private async assertOwnCall(
    roundId: string,
    room: { id: string; name: string; position: number },
  ): Promise<void> {
    const linkName = roomLinkName(room);
    const other = (await this.breakout.findRoomsOfRounds([roundId])).find(
      (r) => r.id !== room.id && roomLinkName(r) === linkName,
    );
    if (other)
      throw new WorkshopError(
        'ROOM_NAME_TAKEN',
        `"${other.name}" in this round already has that name's video call; give this room another name.`,
        [{ field: 'name', message: `shares its video call with "${other.name}"` }],
      );
  }

  private async roundsView(
    sessionId: string,
    viewer: { userId: string; seesEverything: boolean },
  ): Promise<RoundsView> {
    const rounds = await this.breakout.findRoundsOfSession(sessionId);
    const ids = rounds.map((r) => r.id);
    const [rooms, seats, links] = [
      await this.breakout.findRoomsOfRounds(ids),
      await this.breakout.findSeatsOfRounds(ids),
      await this.breakout.findRoomLinkSettingsOfSession(sessionId),
    ];
    return toRoundsView(sessionId, rounds, rooms, seats, viewer, links);
  }

  /** Rounds as the planner and the met matrix read them: rooms of participant ids, in round order. */
  private async heldShapeOf(
    rounds: readonly BreakoutRoundEntity[],
  ): Promise<BreakoutPlanInputs['heldRounds']> {
    const ids = rounds.map((r) => r.id);
    const [rooms, seats] = [
      await this.breakout.findRoomsOfRounds(ids),
      await this.breakout.findSeatsOfRounds(ids),
    ];
    return rounds.map((round) => ({
      rooms: rooms
        .filter((room) => room.roundId === round.id)
        .map((room) => {
          const participantIds = seats.filter((s) => s.roomId === room.id).map((s) => s.userId);
          return room.mentorId ? { participantIds, mentorId: room.mentorId } : { participantIds };
        }),
    })) satisfies HeldRound[];
  }

  private async requireBreakoutSession(
    labId: string,
    sessionId: string,
    options: { lock?: boolean } = {},
  ): Promise<AgendaSessionEntity> {
    const session = options.lock
      ? await this.sessions.lockOfLab(labId, sessionId)
      : await this.sessions.findOfLab(labId, sessionId);
    if (!session) throw WorkshopError.sessionNotFound();
    if (session.kind !== 'breakout') {
      throw new WorkshopError(
        'SESSION_NOT_BREAKOUT',
        `This is a ${session.kind} session; breakout rounds belong to breakout sessions.`,
      );
    }
    return session;
  }

  /** A round of the session as it is now, without locking it. */
  private async findRound(sessionId: string, roundId: string): Promise<BreakoutRoundEntity> {
    const round = (await this.breakout.findRoundsOfSession(sessionId)).find(
      (r) => r.id === roundId,
    );
    if (!round) throw WorkshopError.roundNotFound();
    return round;
  }

  private async requireRound(sessionId: string, roundId: string): Promise<BreakoutRoundEntity> {
    const round = await this.breakout.lockRoundOfSession(sessionId, roundId);
    if (!round) throw WorkshopError.roundNotFound();
    return round;
  }

  /** Seats and rooms of a closed round are history: they no longer change. */
  private async requireOpenToChanges(
    sessionId: string,
    roundId: string,
  ): Promise<BreakoutRoundEntity> {
    const round = await this.requireRound(sessionId, roundId);
    if (round.state === 'closed') throw roundClosed();
    return round;
  }

  private async isParticipant(labId: string, userId: string): Promise<boolean> {
    return (await this.access.rolesOf({ userId, isAdmin: false }, labId)).includes('participant');
  }

  private async assertMentors(
    labId: string,
    wanted: { mentorId: string | null; field: string }[],
  ): Promise<void> {
    const named = wanted.filter(
      (w): w is { mentorId: string; field: string } => w.mentorId !== null,
    );
    if (named.length === 0) return;
    const mentors = new Set(
      (await this.memberships.members(labId))
        .filter((m) => m.role === 'mentor')
        .map((m) => m.userId),
    );
    const wrong = named.filter((w) => !mentors.has(w.mentorId));
    if (wrong.length > 0) {
      throw new WorkshopError(
        'MENTOR_NOT_IN_LAB',
        'A room mentor must be a mentor of this lab.',
        wrong.map((w) => ({ field: w.field, message: 'not a mentor of this lab' })),
      );
    }
  }
}

function seesEverything(actor: Actor, roles: readonly LabRole[]): boolean {
  return actor.isAdmin || roles.includes('organiser');
}

function toRotationParticipant(p: ParticipantProfile): {
  id: string;
  discipline: string;
  careerStage?: string;
} {
  const participant: { id: string; discipline: string; careerStage?: string } = {
    id: p.userId,
    discipline: p.discipline ?? DISCIPLINE_NOT_STATED,
  };
  if (p.careerStage) participant.careerStage = p.careerStage;
  return participant;
}

const inputsChanged = (code: 'PLAN_INPUTS_CHANGED' | 'ROOMS_INPUTS_CHANGED', attempts: number) =>
  new WorkshopError(
    code,
    'Participants, mentors or rounds kept changing while the planner ran; try again.',
    { attempts },
  );
const roundClosed = () =>
  new WorkshopError('ROUND_CLOSED', 'This round is closed; its rooms are kept as they were held.');
const notAParticipant = (field?: string) =>
  new WorkshopError(
    'NOT_A_PARTICIPANT',
    'This person is not a participant of the lab.',
    field ? [{ field, message: 'not a participant of this lab' }] : undefined,
  );
