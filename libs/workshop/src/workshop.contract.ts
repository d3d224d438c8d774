import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { AGENDA_SESSION_KINDS, AGENDA_SESSION_STATES } from '@ideas-lab/domain';
import { dateTimeInput, isoDateTime, operations } from '@ideas-lab/platform';

/** The workshop lib's HTTP contract: agenda, breakout rounds and plans, participants, teams. */

const httpUrl = () =>
  z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000);
const person = () => z.object({ userId: z.uuid(), displayName: z.string() });

// ---- agenda -------------------------------------------------------------------------------

const Material = z.strictObject({
  title: z.string().min(1).max(200).meta({
    example: 'Pre-reading: the digital twin brief',
  }),
  url: httpUrl().meta({ example: 'https://example.org/brief.pdf' }),
});

const SessionFields = {
  kind: z.enum(AGENDA_SESSION_KINDS),
  title: z.string().min(3).max(200).meta({ example: 'Breakout: what would a digital twin need?' }),
  startsAt: dateTimeInput().meta({
    example: '2027-07-13T15:00:00Z',
    description: 'An instant (with Z or an offset); stored in UTC.',
  }),
  endsAt: dateTimeInput().meta({ example: '2027-07-13T16:00:00Z' }),
  materials: z.array(Material).max(30).optional(),
  meetingUrl: httpUrl().nullable().optional().meta({ example: 'https://zoom.example/j/123' }),
};

export const CreateSession = z.strictObject(SessionFields).meta({ id: 'CreateSession' });
export type CreateSession = z.output<typeof CreateSession>;
export class CreateSessionDto extends createZodDto(CreateSession) {}

export const UpdateSession = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The version you edited (optimistic locking).' }),
    kind: SessionFields.kind.optional(),
    title: SessionFields.title.optional(),
    startsAt: SessionFields.startsAt.optional(),
    endsAt: SessionFields.endsAt.optional(),
    materials: SessionFields.materials,
    meetingUrl: SessionFields.meetingUrl,
    state: z.enum(AGENDA_SESSION_STATES).optional(),
  })
  .meta({ id: 'UpdateSession' });
export type UpdateSession = z.output<typeof UpdateSession>;
export class UpdateSessionDto extends createZodDto(UpdateSession) {}

export const Session = z
  .object({
    id: z.uuid(),
    kind: z.enum(AGENDA_SESSION_KINDS),
    title: z.string(),
    startsAt: isoDateTime().meta({ description: 'UTC instant.' }),
    endsAt: isoDateTime().meta({ description: 'UTC instant.' }),
    startsAtLocal: z.string().meta({
      example: '13 July 2027 at 11:00 EDT (America/New_York)',
      description: "Start as read in the lab's time zone.",
    }),
    endsAtLocal: z.string().meta({ example: '13 July 2027 at 12:00 EDT (America/New_York)' }),
    day: z
      .string()
      .meta({ example: '2027-07-13', description: "The workshop day (lab's time zone)." }),
    materials: z.array(z.object({ title: z.string(), url: z.string() })),
    meetingUrl: z.string().nullable(),
    state: z.enum(AGENDA_SESSION_STATES),
    version: z.int(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.output<typeof Session>;

export const Agenda = z
  .object({
    labId: z.uuid(),
    timezone: z.string().meta({ example: 'America/New_York' }),
    sessions: z.array(Session),
  })
  .meta({ id: 'Agenda' });
export type AgendaView = z.output<typeof Agenda>;

// ---- breakout rounds ----------------------------------------------------------------------

const RoomFields = {
  name: z.string().min(1).max(80).meta({ example: 'Room A' }),
  meetingUrl: httpUrl().nullable().optional().meta({ example: 'https://zoom.example/j/room-a' }),
  mentorId: z
    .guid('must be a user id (a UUID)')
    .nullable()
    .optional()
    .meta({ description: 'A mentor of the lab.' }),
  capacity: z
    .int()
    .min(1)
    .max(500)
    .nullable()
    .optional()
    .meta({ description: 'Seats, for self-select rounds.' }),
};

const RoomInput = z.strictObject(RoomFields);
export type RoomInput = z.output<typeof RoomInput>;

export const UpdateRoom = z
  .strictObject({ ...RoomFields, name: RoomFields.name.optional() })
  .meta({ id: 'UpdateRoom' });
export type UpdateRoom = z.output<typeof UpdateRoom>;
export class UpdateRoomDto extends createZodDto(UpdateRoom) {}

export const CreateRound = z
  .strictObject({
    title: z.string().min(1).max(200).meta({
      example: 'Round 4: pick a challenge',
    }),
    durationMinutes: z.int().min(1).max(240).meta({ example: 20 }),
    mode: z.enum(['assigned', 'self-select']),
    rooms: z.array(RoomInput).min(1, 'must hold at least one room').max(100),
  })
  .meta({ id: 'CreateRound' });
export type CreateRound = z.output<typeof CreateRound>;
export class CreateRoundDto extends createZodDto(CreateRound) {}

export const RoundState = z
  .strictObject({
    state: z.enum(['open', 'closed']),
    confirmOtherDay: z.boolean().optional().meta({
      description:
        "Open even though today (in the lab's time zone) is not the session's day: 409 ROUND_OUTSIDE_SESSION_DAY otherwise.",
    }),
  })
  .meta({ id: 'RoundState' });
export class RoundStateDto extends createZodDto(RoundState) {}

export const RecreateRooms = z
  .strictObject({
    from: z.enum(['plan', 'size']).meta({
      description:
        'plan: the rooms the adopted plan gave this round (undoing moves); size: new rooms of about roomSize, planned for new encounters and discipline mix',
    }),
    roomSize: z
      .int()
      .min(2)
      .max(50)
      .optional()
      .meta({ description: 'With from=size: people per room' }),
  })
  .meta({ id: 'RecreateRooms' });
export class RecreateRoomsDto extends createZodDto(RecreateRooms) {}

export const Move = z
  .strictObject({
    userId: z.guid('must be a user id (a UUID)'),
    roomId: z.guid('must be a room id (a UUID)'),
  })
  .meta({ id: 'Move' });
export class MoveDto extends createZodDto(Move) {}

export const Swap = z
  .strictObject({
    userIds: z
      .array(z.guid('must be a user id (a UUID)'))
      .length(2, 'must hold exactly two user ids')
      .refine(([a, b]) => a !== b, 'must be two different people'),
  })
  .meta({ id: 'Swap' });
export class SwapDto extends createZodDto(Swap) {}

export const Choice = z
  .strictObject({ roomId: z.guid('must be a room id (a UUID)') })
  .meta({ id: 'Choice' });
export class ChoiceDto extends createZodDto(Choice) {}

const Seat = person();
export type SeatView = z.output<typeof Seat>;

const Room = z.object({
  id: z.uuid(),
  position: z.int(),
  name: z.string(),
  meetingUrl: z.string().nullable().meta({
    description: "The room's own video link; null: none set (the lab's template may fill it).",
  }),
  videoUrl: z.string().nullable().meta({
    description:
      "The link the room's people join: its own, else the lab's link template filled in for it; null: none.",
  }),
  mentorId: z.uuid().nullable(),
  capacity: z.int().nullable(),
  occupancy: z.int(),
  participants: z.array(Seat).optional().meta({
    description: 'Who sits here: for organisers, the room mentor and its own members.',
  }),
});
export type RoomView = z.output<typeof Room>;

const Round = z.object({
  id: z.uuid(),
  index: z.int(),
  title: z.string(),
  durationMinutes: z.int(),
  state: z.enum(['planned', 'open', 'closed']),
  mode: z.enum(['assigned', 'self-select']),
  myRoomId: z.uuid().nullable().meta({ description: "The caller's room in this round." }),
  rooms: z.array(Room),
});
export type RoundView = z.output<typeof Round>;

export const Rounds = z
  .object({ sessionId: z.uuid(), rounds: z.array(Round) })
  .meta({ id: 'Rounds' });
export type RoundsView = z.output<typeof Rounds>;

// ---- plans --------------------------------------------------------------------------------

export const CreatePlan = z
  .strictObject({
    rounds: z
      .int()
      .min(1)
      .max(20)
      .meta({ example: 6, description: 'Rounds in the session, rounds already held included.' }),
    roomSize: z.int().min(2).max(30).meta({ example: 5 }),
    minDisciplinesPerRoom: z.int().min(0).max(10).optional().meta({ default: 0 }),
    seed: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
      .optional()
      .meta({
        example: 'workshop-day-2',
        description: 'Same inputs and seed give the same plan; a random seed when absent.',
      }),
    neverAloneCareerStages: z
      .array(z.string())
      .max(10)
      .optional()
      .meta({
        example: ['early career'],
        description: 'Career stages whose holders should not be alone in a room.',
      }),
    roundMinutes: z
      .int()
      .min(1)
      .max(240)
      .optional()
      .meta({ default: 20, description: 'Length of each new round.' }),
  })
  .meta({ id: 'CreatePlan' });
export type CreatePlan = z.output<typeof CreatePlan>;
export class CreatePlanDto extends createZodDto(CreatePlan) {}

const PlannedRound = z.object({
  rooms: z.array(z.object({ participantIds: z.array(z.uuid()), mentorId: z.uuid().optional() })),
});

const Range = z.object({ min: z.int(), max: z.int() });

/** What the rotation planner reports about a plan (RotationMetrics); older plans may lack some. */
export const PlanMetrics = z
  .looseObject({
    pairsMet: z.int().optional(),
    repeats: z.int().optional(),
    earlierPairsMetAgain: z.int().optional(),
    roomSizeRange: Range.optional(),
    disciplinesPerRoom: z
      .array(z.array(z.int()))
      .optional()
      .meta({ description: 'round → room → distinct disciplines among its participants.' }),
    minDisciplinesInRoom: z.int().optional(),
    disciplineShortfall: z.int().optional(),
    loneCareerStageSeats: z.int().optional(),
    mentorEncounters: z.int().optional(),
    mentorsMetPerParticipant: Range.optional(),
    constraintCost: z
      .object({ unconstrainedRepeats: z.int(), extraRepeats: z.int(), proven: z.boolean() })
      .nullable()
      .optional()
      .meta({
        description:
          'The repeats of the best plan found for the same people, rooms and rounds without the lab’s rules (unconstrainedRepeats, proven when it is the optimum) and how many more this plan has because of them (extraRepeats).',
      }),
  })
  .meta({ id: 'PlanMetrics' });

export const Plan = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    seed: z.string(),
    inputs: z
      .object({
        rounds: z.int(),
        roomSize: z.int(),
        minDisciplinesPerRoom: z.int(),
        roundMinutes: z.int(),
        neverAloneCareerStages: z.array(z.string()),
        participants: z.array(
          z.object({ id: z.uuid(), discipline: z.string(), careerStage: z.string().optional() }),
        ),
        mentors: z.array(z.object({ id: z.uuid() })),
        heldRounds: z.array(PlannedRound),
      })
      .meta({
        description: 'What the planner was given (participants, mentors, rounds held, settings).',
      }),
    pairsMet: z.int(),
    repeats: z.int(),
    metrics: PlanMetrics,
    rounds: z
      .array(PlannedRound)
      .meta({ description: 'round → room → participant ids and mentor.' }),
    adoptedAt: isoDateTime().nullable(),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'Plan' });
export type PlanView = z.output<typeof Plan>;

export const MetMatrix = z
  .object({
    participants: z.array(Seat),
    counts: z.array(z.array(z.int())).meta({
      description: 'counts[i][j]: rounds in which participants i and j shared a room.',
    }),
    pairsMet: z.int(),
    repeats: z.int(),
  })
  .meta({ id: 'MetMatrix' });
export type MetMatrixView = z.output<typeof MetMatrix>;

// ---- workshop settings ----------------------------------------------------------------

export const WorkshopSettings = z
  .object({
    labId: z.uuid(),
    roomLinkTemplate: z.string().nullable().meta({
      example: 'https://meet.jit.si/{lab}-{room}',
      description:
        'Fills the video link of every breakout room without its own: {lab} and {room} become URL-safe slugs of the lab and the room name.',
    }),
    exampleLink: z.string().nullable().meta({
      example: 'https://meet.jit.si/cancer-digital-twin-room-1',
      description: 'What the template gives a room named "Room 1".',
    }),
    version: z.int().meta({ description: '0 until the settings are first saved.' }),
  })
  .meta({ id: 'WorkshopSettings' });
export type WorkshopSettingsView = z.output<typeof WorkshopSettings>;

export const UpdateWorkshopSettings = z
  .strictObject({
    version: z.int().min(0).meta({ description: 'The version you edited (optimistic locking).' }),
    roomLinkTemplate: z
      .string()
      .trim()
      .max(500)
      .nullable()
      .meta({ example: 'https://meet.jit.si/{lab}-{room}', description: 'null or "" clears it.' }),
  })
  .meta({ id: 'UpdateWorkshopSettings' });
export type UpdateWorkshopSettings = z.output<typeof UpdateWorkshopSettings>;
export class UpdateWorkshopSettingsDto extends createZodDto(UpdateWorkshopSettings) {}

// ---- participants -------------------------------------------------------------------------

export const ParticipantProfileInput = z
  .strictObject({
    discipline: z.string().min(1).max(80).meta({
      example: 'bioinformatics',
      description: "One of the lab's disciplines.",
    }),
    careerStage: z.string().max(80).nullable().optional().meta({
      example: 'early career',
      description: "One of the lab's career stages.",
    }),
  })
  .meta({ id: 'ParticipantProfileInput' });
export type ParticipantProfileInput = z.output<typeof ParticipantProfileInput>;
export class ParticipantProfileInputDto extends createZodDto(ParticipantProfileInput) {}

export const ParticipantProfile = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    discipline: z
      .string()
      .nullable()
      .meta({ description: 'The one discipline the rotation planner mixes by.' }),
    careerStage: z.string().nullable(),
    disciplines: z.array(z.string()).meta({
      description: 'Every discipline declared (the organiser’s pick alone when set by hand)',
    }),
    institution: z.string().nullable().meta({ description: 'From the application’s affiliation' }),
    source: z.enum(['organiser', 'application']).nullable().meta({
      description:
        'organiser: set by hand (wins); application: read from the confirmed participant’s application',
    }),
  })
  .meta({ id: 'ParticipantProfile' });
export type ParticipantProfile = z.output<typeof ParticipantProfile>;

// ---- teams --------------------------------------------------------------------------------

export const CreateTeam = z
  .strictObject({
    name: z.string().min(1).max(120).regex(/\S/, 'must not be blank').meta({
      example: 'Digital twin of the tumour micro-environment',
    }),
    memberIds: z
      .array(z.guid('must be a user id (a UUID)'))
      .max(50)
      .meta({ description: 'Participants or mentors of the lab' }),
  })
  .meta({ id: 'CreateTeam' });
export type CreateTeam = z.output<typeof CreateTeam>;
export class CreateTeamDto extends createZodDto(CreateTeam) {}

export const Team = z
  .object({ id: z.uuid(), name: z.string(), members: z.array(person()), createdAt: isoDateTime() })
  .meta({ id: 'Team' });
export type TeamView = z.output<typeof Team>;

export const breakoutOps = operations('workshop', {
  rounds: {
    summary:
      'Breakout rounds: organisers see every room, mentors the rooms they visit, participants their own room',
    response: Rounds,
    errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT'],
  },
  createRound: {
    summary: 'Add a round by hand (organisers): assigned, or self-select with a capacity per room',
    description:
      'Each room of a round needs a name of its own for the lab\'s video link template: names whose `{room}` would be the same ("Room A", "room a!") are refused with ROUND_ROOMS_INVALID and a field error on the later room. Rooms of different rounds may share a name, and so a call.',
    response: Rounds,
    errors: [
      'ROUND_ROOMS_INVALID',
      'MENTOR_NOT_IN_LAB',
      'SESSION_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
    ],
  },
  changeState: {
    summary:
      "Open a planned round or close an open one (organisers); opening on another day than the session's needs confirmOtherDay",
    response: Rounds,
    status: 200,
    errors: [
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_STATE_INVALID',
      'ROUND_OUTSIDE_SESSION_DAY',
    ],
  },
  updateRoom: {
    summary:
      'Rename a room, set its meeting link, mentor or capacity (organisers; not in a closed round)',
    description:
      'A name whose `{room}` another room of the same round has is refused (ROOM_NAME_TAKEN): the two would share one video call.',
    response: Rounds,
    errors: [
      'ROOM_NAME_TAKEN',
      'MENTOR_NOT_IN_LAB',
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'ROOM_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_CLOSED',
    ],
  },
  move: {
    summary: 'Move one participant to another room of a round (organisers; not in a closed round)',
    response: Rounds,
    status: 200,
    errors: [
      'NOT_A_PARTICIPANT',
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'ROOM_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_CLOSED',
    ],
  },
  recreateRooms: {
    summary:
      'Rebuild the rooms of a planned or open round, from its adopted plan or by size (organisers); in an open round everyone connected is told where to go',
    description:
      "The same as the control room's `rooms:recreate` (without `onlineOnly`, which needs the live connections): rooms are reused in order, missing ones added, surplus ones deleted in a planned round and left empty in an open one.",
    response: Rounds,
    status: 200,
    errors: [
      'ROOMS_RECREATE_INVALID',
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_CLOSED',
    ],
  },
  swap: {
    summary: 'Swap the rooms of two participants in a round (organisers; not in a closed round)',
    response: Rounds,
    status: 200,
    errors: [
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_CLOSED',
      'PARTICIPANT_NOT_SEATED',
    ],
  },
  choose: {
    summary: 'Pick a room in a self-select round (participants); refused when the room is full',
    response: Rounds,
    status: 200,
    errors: [
      'NOT_A_PARTICIPANT',
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'ROOM_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_NOT_SELF_SELECT',
      'ROUND_CLOSED',
      'ROOM_FULL',
    ],
  },
  plans: {
    summary: "The session's rotation plans, newest first, with their metrics (organisers)",
    response: [Plan],
    errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT'],
  },
  createPlan: {
    summary:
      "Run the rotation planner over the lab's participants, keeping rounds already held; stores inputs, seed and metrics (organisers)",
    response: Plan,
    errors: ['PLAN_INVALID', 'SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT', 'PLAN_NO_PARTICIPANTS'],
  },
  adopt: {
    summary:
      'Adopt a plan: replaces the rounds not opened yet, keeps opened and closed ones (organisers)',
    response: Rounds,
    status: 200,
    errors: ['SESSION_NOT_FOUND', 'PLAN_NOT_FOUND', 'SESSION_NOT_BREAKOUT', 'PLAN_STALE'],
  },
  metMatrix: {
    summary: "Who has met whom in the session's rounds (organisers)",
    response: MetMatrix,
    errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT'],
  },
});

export const participantProfilesOps = operations('workshop', {
  list: {
    summary:
      "The lab's participants with the discipline and career stage the rotation planner uses (organisers)",
    response: [ParticipantProfile],
  },
  setProfile: {
    summary: "Set a participant's discipline and career stage for planning (organisers)",
    response: ParticipantProfile,
    errors: ['PROFILE_NOT_IN_TAXONOMY', 'NOT_A_PARTICIPANT'],
  },
});

export const teamsOps = operations('workshop', {
  list: {
    summary: 'Teams of the workshop: organisers see every team, others the teams they are on',
    description:
      'Each team has a chat on the `/live` namespace (channel `team:<teamId>`, see docs/live-events.md).',
    response: [Team],
  },
  create: {
    summary: 'Set up a team of participants and mentors (organisers)',
    response: Team,
    errors: ['TEAM_MEMBER_INVALID', 'TEAM_NAME_TAKEN'],
  },
});

export const workshopSettingsOps = operations('workshop', {
  get: {
    summary: "The lab's workshop settings: the video link template for breakout rooms (organisers)",
    response: WorkshopSettings,
  },
  update: {
    summary:
      "Set the lab's video link template (organisers): every room without its own link gets one; people in an open round are told at once",
    response: WorkshopSettings,
    errors: ['ROOM_LINK_TEMPLATE_INVALID', 'WORKSHOP_SETTINGS_VERSION_CONFLICT'],
  },
});

export const agendaOps = operations('workshop', {
  list: {
    summary:
      "The workshop agenda in time order, with times in UTC and in the lab's time zone (every member)",
    response: Agenda,
  },
  calendar: {
    summary:
      'The agenda as an iCalendar (.ics) feed: one event per session, stable UIDs (every member)',
    response: { mediaType: 'text/calendar', description: 'An RFC 5545 VCALENDAR.' },
  },
  create: {
    summary: 'Schedule a session within the workshop dates (organisers)',
    response: Session,
    errors: ['SESSION_TIMES_INVALID'],
  },
  update: {
    summary: 'Edit a session (organisers), with optimistic locking on `version`',
    response: Session,
    errors: [
      'SESSION_TIMES_INVALID',
      'SESSION_NOT_FOUND',
      'SESSION_VERSION_CONFLICT',
      'SESSION_HAS_ROUNDS',
    ],
  },
  remove: {
    summary: 'Delete a session and its breakout rounds (organisers); a live session must end first',
    response: null,
    errors: ['SESSION_NOT_FOUND', 'SESSION_LIVE'],
  },
});
