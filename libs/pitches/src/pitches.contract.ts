import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { isoDateTime, operations } from '@ideas-lab/platform';
import { ReviewCriterion } from '@ideas-lab/review';

/** The pitches lib's HTTP contract: pitch sessions, their running order, scores and feedback, every shape once. */

const Person = z.object({ userId: z.uuid(), displayName: z.string() }).meta({ id: 'PitchPerson' });

export const PitchSessionState = z
  .enum(['scheduled', 'running', 'ended'])
  .meta({ id: 'PitchSessionState' });
export type PitchSessionState = z.output<typeof PitchSessionState>;
export const PitchSlotPhase = z.enum(['waiting', 'pitch', 'questions', 'closed']).meta({
  id: 'PitchSlotPhase',
  description:
    'waiting → pitch (the pitch clock runs) → questions (the question clock runs) → closed (scores locked).',
});
export type PitchSlotPhase = z.output<typeof PitchSlotPhase>;

// ---- running order ------------------------------------------------------------------------

export const PitchSlotView = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    teamName: z.string(),
    /** 1-based place in the running order. */
    position: z.int(),
    pitchSeconds: z.int(),
    questionSeconds: z.int(),
    phase: PitchSlotPhase,
    phaseEndsAt: isoDateTime().nullable().meta({
      description: 'When the running phase ends (server time); compare with serverNow.',
    }),
    clockVersion: z.int().meta({
      description:
        'How many times organisers moved this slot’s clock by hand; send it back with the next move.',
    }),
    adjustedSeconds: z.int().meta({
      description:
        'Seconds organisers added to (negative: took from) the running phase; 0 when the phase starts.',
    }),
    startedAt: isoDateTime().nullable(),
    closedAt: isoDateTime().nullable(),
  })
  .meta({ id: 'PitchSlot' });
export type PitchSlotView = z.output<typeof PitchSlotView>;

export const PitchSessionView = z
  .object({
    sessionId: z.uuid().meta({ description: 'The agenda session (kind `pitch`).' }),
    labId: z.uuid(),
    title: z.string(),
    startsAt: isoDateTime(),
    endsAt: isoDateTime(),
    timezone: z.string(),
    state: PitchSessionState,
    /** 0 until the running order is first saved. */
    version: z.int(),
    criteria: z.array(ReviewCriterion),
    /** Scores were given: criteria can no longer be added, removed or rescaled. */
    rubricLocked: z.boolean(),
    currentSlotId: z.uuid().nullable(),
    slots: z.array(PitchSlotView),
    startedAt: isoDateTime().nullable(),
    endedAt: isoDateTime().nullable(),
    serverNow: isoDateTime(),
  })
  .meta({ id: 'PitchSession' });
export type PitchSessionView = z.output<typeof PitchSessionView>;

export const PitchSlotSetting = z
  .strictObject({
    teamId: z.uuid(),
    pitchSeconds: z
      .int()
      .min(30)
      .max(3600)
      .meta({ example: 300, description: 'The pitch, 30 s to 1 h.' }),
    questionSeconds: z
      .int()
      .min(0)
      .max(3600)
      .meta({ example: 180, description: 'Questions after it, 0 (none) to 1 h.' }),
  })
  .meta({ id: 'PitchSlotSetting' });

export const PutPitchSession = z
  .strictObject({
    version: z.int().min(0).meta({
      description: 'The version you edited (0 before the first save); 409 when it moved on.',
    }),
    criteria: z.array(ReviewCriterion).min(1).max(12).optional().meta({
      description: 'The short rubric mentors score on; kept when absent.',
    }),
    slots: z.array(PitchSlotSetting).max(100).meta({
      description:
        'Every team in pitching order. Teams that have pitched (or are pitching) must stay, with their times.',
    }),
  })
  .meta({ id: 'PutPitchSession' });
export type PutPitchSession = z.output<typeof PutPitchSession>;
export class PutPitchSessionDto extends createZodDto(PutPitchSession) {}

// ---- running it -----------------------------------------------------------------------------

export const AdvancePitch = z
  .strictObject({
    slotId: z.uuid(),
    phase: z.enum(['pitch', 'questions']).meta({
      description:
        'The phase you see on stage: pitch → questions, questions → closed. 409 PITCH_STAGE_CHANGED when the timer (or another organiser) moved it first.',
    }),
  })
  .meta({ id: 'AdvancePitch' });
export type AdvancePitch = z.output<typeof AdvancePitch>;
export class AdvancePitchDto extends createZodDto(AdvancePitch) {}

export const NextPitch = z
  .strictObject({
    currentSlotId: z.uuid().nullable().meta({
      description:
        'The slot you see on stage (null before the first); it closes and the next waiting team starts its pitch.',
    }),
  })
  .meta({ id: 'NextPitch' });
export type NextPitch = z.output<typeof NextPitch>;
export class NextPitchDto extends createZodDto(NextPitch) {}

/** The least a stage may keep when an organiser shortens it (to end it now, move it on). */
export const PITCH_CLOCK_MIN_LEFT_SECONDS = 10;
/** The most a stage may have left after an organiser lengthens it (the longest a phase may be set to). */
export const PITCH_CLOCK_MAX_LEFT_SECONDS = 3600;

export const AdjustPitchClock = z
  .strictObject({
    slotId: z.uuid().meta({ description: 'The slot you see on stage.' }),
    phase: z.enum(['pitch', 'questions']).meta({
      description:
        'The phase you see running; 409 PITCH_STAGE_CHANGED when the clock (or another organiser) moved the stage on first.',
    }),
    clockVersion: z.int().min(0).meta({
      description:
        'The slot’s clockVersion you saw; 409 PITCH_CLOCK_CONFLICT (with the current clock) when another organiser moved it first.',
    }),
    deltaSeconds: z
      .int()
      .min(-600)
      .max(600)
      .refine((seconds) => seconds !== 0, 'must not be 0')
      .meta({
        example: 60,
        description: `Seconds to add (negative: to take away), up to 10 min either way. The phase must keep at least ${PITCH_CLOCK_MIN_LEFT_SECONDS} s and have at most ${PITCH_CLOCK_MAX_LEFT_SECONDS / 60} min left (409 PITCH_CLOCK_OUT_OF_RANGE).`,
      }),
  })
  .meta({ id: 'AdjustPitchClock' });
export type AdjustPitchClock = z.output<typeof AdjustPitchClock>;
export class AdjustPitchClockDto extends createZodDto(AdjustPitchClock) {}

// ---- scores -----------------------------------------------------------------------------------

const Scores = z.record(z.string().max(40), z.int()).meta({
  description: 'Score per criterion id, whole numbers on its scale; blank criteria are absent.',
  example: { idea: 4, team: 5 },
});

export const SavePitchScore = z
  .strictObject({
    version: z.int().min(0).meta({ description: 'The version you edited (0 for a new score).' }),
    scores: Scores,
    commentToTeam: z.string().max(4000).meta({
      description: 'Shown to the team once the organisers release it.',
    }),
    privateNote: z.string().max(4000).meta({
      description: 'For you and the organisers; never shown to the team.',
    }),
  })
  .meta({ id: 'SavePitchScore' });
export type SavePitchScore = z.output<typeof SavePitchScore>;
export class SavePitchScoreDto extends createZodDto(SavePitchScore) {}

export const MyPitchScore = z
  .object({
    id: z.uuid(),
    slotId: z.uuid(),
    teamId: z.uuid(),
    scores: Scores,
    commentToTeam: z.string(),
    privateNote: z.string(),
    version: z.int(),
    /** The pitch closed: the score can no longer change. */
    locked: z.boolean(),
    releasedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'MyPitchScore' });
export type MyPitchScore = z.output<typeof MyPitchScore>;

export const MentorPitchSlot = z
  .object({
    slot: PitchSlotView,
    /** Why this mentor may not score this team (a conflict of interest); null: they may. */
    conflict: z.string().nullable(),
    myScore: MyPitchScore.nullable(),
  })
  .meta({ id: 'MentorPitchSlot' });

export const MentorPitchScoring = z
  .object({
    sessionId: z.uuid(),
    title: z.string(),
    state: PitchSessionState,
    criteria: z.array(ReviewCriterion),
    currentSlotId: z.uuid().nullable(),
    slots: z.array(MentorPitchSlot),
    serverNow: isoDateTime(),
  })
  .meta({ id: 'MentorPitchScoring' });
export type MentorPitchScoring = z.output<typeof MentorPitchScoring>;

export const PitchCriterionSummary = z
  .object({
    criterionId: z.string(),
    label: z.string(),
    scale: z.object({ min: z.int(), max: z.int() }),
    mean: z.number().nullable().meta({ description: 'On the criterion’s own scale.' }),
    n: z.int(),
  })
  .meta({ id: 'PitchCriterionSummary' });

export const PitchScoreRow = z
  .object({
    id: z.uuid(),
    mentor: Person,
    scores: Scores,
    commentToTeam: z.string(),
    privateNote: z.string(),
    locked: z.boolean(),
    releasedAt: isoDateTime().nullable(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'PitchScoreRow' });
export type PitchScoreRow = z.output<typeof PitchScoreRow>;

export const PitchTeamScores = z
  .object({
    slot: PitchSlotView,
    /** Mentors who scored at least one criterion (drafts included while the pitch runs). */
    n: z.int(),
    mean: z.number().nullable().meta({ description: 'Mean weighted rubric score, 0..1.' }),
    criteria: z.array(PitchCriterionSummary),
    scores: z.array(PitchScoreRow),
  })
  .meta({ id: 'PitchTeamScores' });

export const PitchScoreTable = z
  .object({
    sessionId: z.uuid(),
    title: z.string(),
    state: PitchSessionState,
    criteria: z.array(ReviewCriterion),
    teams: z.array(PitchTeamScores),
    serverNow: isoDateTime(),
  })
  .meta({ id: 'PitchScoreTable' });
export type PitchScoreTable = z.output<typeof PitchScoreTable>;

export const ReleasePitchComment = z
  .strictObject({
    released: z
      .boolean()
      .meta({ description: 'true shows the comment to the team; false hides it again.' }),
  })
  .meta({ id: 'ReleasePitchComment' });
export type ReleasePitchComment = z.output<typeof ReleasePitchComment>;
export class ReleasePitchCommentDto extends createZodDto(ReleasePitchComment) {}

export const TeamPitchFeedback = z
  .object({
    sessionId: z.uuid(),
    title: z.string(),
    teams: z.array(
      z.object({
        teamId: z.uuid(),
        teamName: z.string(),
        phase: PitchSlotPhase,
        /** Released comments only, without who wrote them. */
        comments: z.array(
          z.object({ id: z.uuid(), comment: z.string(), releasedAt: isoDateTime() }),
        ),
      }),
    ),
  })
  .meta({ id: 'TeamPitchFeedback' });
export type TeamPitchFeedback = z.output<typeof TeamPitchFeedback>;

/**
 * A team's pitch scores summed up, for the funding decision: only pitches that closed (locked
 * scores). `scores` are each mentor's sheet, to aggregate with `aggregateScores` over `rubric`.
 */
export const PitchTeamScoreSummary = z
  .object({
    sessionId: z.uuid(),
    sessionTitle: z.string(),
    teamId: z.uuid(),
    teamName: z.string(),
    rubric: z.array(ReviewCriterion),
    n: z.int(),
    mean: z.number().nullable().meta({ description: 'Mean weighted rubric score, 0..1.' }),
    criteria: z.array(PitchCriterionSummary),
    scores: z.array(z.object({ mentorId: z.uuid(), scores: Scores })),
    closedAt: isoDateTime(),
  })
  .meta({ id: 'PitchTeamScoreSummary' });
export type PitchTeamScoreSummary = z.output<typeof PitchTeamScoreSummary>;

export const pitchSessionsOps = operations('pitches', {
  list: {
    summary: "The lab's pitch sessions (agenda sessions of kind pitch) with their running order",
    response: [PitchSessionView],
  },
  get: {
    summary: 'One pitch session: running order, times, rubric and who is on stage',
    response: PitchSessionView,
    errors: ['PITCH_SESSION_NOT_FOUND'],
  },
  put: {
    summary:
      'Save the running order, pitch and question times and the rubric (organisers; versioned)',
    response: PitchSessionView,
    errors: [
      'PITCH_SESSION_NOT_FOUND',
      'PITCH_ORDER_INVALID',
      'PITCH_SESSION_VERSION_CONFLICT',
      'PITCH_RUBRIC_LOCKED',
      'PITCH_SESSION_STATE_INVALID',
    ],
  },
  start: {
    summary: 'Start the session: the first team goes on with its pitch clock',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SESSION_STATE_INVALID', 'PITCH_STAGE_CHANGED'],
  },
  advance: {
    summary: 'Move the team on stage on: its pitch ends and questions start, or its questions end',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SLOT_NOT_FOUND', 'PITCH_STAGE_CHANGED'],
  },
  next: {
    summary: 'Close the team on stage and put the next team in the running order on',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SESSION_STATE_INVALID', 'PITCH_STAGE_CHANGED'],
  },
  clock: {
    summary:
      'Move the running pitch or question clock by hand (organisers): more or less time for the team on stage',
    response: PitchSessionView,
    status: 200,
    errors: [
      'PITCH_SESSION_NOT_FOUND',
      'PITCH_SLOT_NOT_FOUND',
      'PITCH_CLOCK_NOT_RUNNING',
      'PITCH_STAGE_CHANGED',
      'PITCH_CLOCK_CONFLICT',
      'PITCH_CLOCK_OUT_OF_RANGE',
    ],
  },
  end: {
    summary: 'End the session (the team on stage closes; scores lock)',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SESSION_STATE_INVALID'],
  },
  mine: {
    summary:
      "A mentor's scoring page: every team in order, conflicts of interest, one's own scores",
    response: MentorPitchScoring,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_MENTORS_ONLY'],
  },
  save: {
    summary:
      'Save my score of a pitch (mentors): rubric scores, a comment to the team, a private note; a draft until the pitch closes',
    response: MyPitchScore,
    errors: [
      'PITCH_SESSION_NOT_FOUND',
      'PITCH_SLOT_NOT_FOUND',
      'PITCH_MENTORS_ONLY',
      'PITCH_CONFLICT_OF_INTEREST',
      'PITCH_SCORING_CLOSED',
      'PITCH_SCORE_INVALID',
      'PITCH_SCORE_VERSION_CONFLICT',
    ],
  },
  table: {
    summary: "The organisers' score table: every team, every mentor's scores, comments and notes",
    response: PitchScoreTable,
    errors: ['PITCH_SESSION_NOT_FOUND'],
  },
  release: {
    summary: "Release a mentor's comment to the team (or withdraw it); once the pitch closed",
    response: PitchScoreRow,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SCORE_NOT_FOUND', 'PITCH_RELEASE_NOT_READY'],
  },
  feedback: {
    summary:
      "My teams' pitch feedback: the comments released to them (no scores, no private notes)",
    response: TeamPitchFeedback,
    errors: ['PITCH_SESSION_NOT_FOUND'],
  },
});

export const pitchScoresOps = operations('pitches', {
  summaries: {
    summary:
      "Per-team pitch score summaries of the lab's closed pitches (mean, n, per criterion, each mentor's sheet), for the funding decision",
    response: [PitchTeamScoreSummary],
  },
});
