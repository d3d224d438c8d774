import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  AdvancePitchDto,
  MentorPitchScoring,
  MyPitchScore,
  NextPitchDto,
  PitchScoreRow,
  PitchScoreTable,
  PitchSessionView,
  PitchTeamScoreSummary,
  PutPitchSessionDto,
  ReleasePitchCommentDto,
  SavePitchScoreDto,
  TeamPitchFeedback,
} from './pitches.contract.js';
import { LabId, ScoreId, SessionId, SlotId } from './pitches-params.js';
import { PitchScoresService } from './pitch-scores.service.js';
import { PitchSessionsService } from './pitch-sessions.service.js';

@ApiTags('pitches')
@Controller('labs/:labId/pitch-sessions')
export class PitchSessionsController {
  constructor(
    private readonly sessions: PitchSessionsService,
    private readonly scores: PitchScoresService,
  ) {}

  @LabRoles('participant', 'mentor', 'organiser')
  @Get()
  @Endpoint({
    summary: "The lab's pitch sessions (agenda sessions of kind pitch) with their running order",
    response: [PitchSessionView],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.sessions.list(actor, labId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get(':sessionId')
  @Endpoint({
    summary: 'One pitch session: running order, times, rubric and who is on stage',
    response: PitchSessionView,
    errors: ['PITCH_SESSION_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.sessions.get(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Put(':sessionId')
  @Endpoint({
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
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: PutPitchSessionDto,
  ) {
    return this.sessions.put(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post(':sessionId/start')
  @Endpoint({
    summary: 'Start the session: the first team goes on with its pitch clock',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SESSION_STATE_INVALID', 'PITCH_STAGE_CHANGED'],
  })
  start(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.sessions.start(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post(':sessionId/advance')
  @Endpoint({
    summary: 'Move the team on stage on: its pitch ends and questions start, or its questions end',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SLOT_NOT_FOUND', 'PITCH_STAGE_CHANGED'],
  })
  advance(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: AdvancePitchDto,
  ) {
    return this.sessions.advance(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post(':sessionId/next')
  @Endpoint({
    summary: 'Close the team on stage and put the next team in the running order on',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SESSION_STATE_INVALID', 'PITCH_STAGE_CHANGED'],
  })
  next(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: NextPitchDto,
  ) {
    return this.sessions.next(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post(':sessionId/end')
  @Endpoint({
    summary: 'End the session (the team on stage closes; scores lock)',
    response: PitchSessionView,
    status: 200,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SESSION_STATE_INVALID'],
  })
  end(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.sessions.end(actor, labId, sessionId);
  }

  @LabRoles('mentor')
  @Get(':sessionId/my-scores')
  @Endpoint({
    summary:
      "A mentor's scoring page: every team in order, conflicts of interest, one's own scores",
    response: MentorPitchScoring,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_MENTORS_ONLY'],
  })
  mine(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.scores.mine(actor, labId, sessionId);
  }

  @LabRoles('mentor')
  @Put(':sessionId/slots/:slotId/my-score')
  @Endpoint({
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
  })
  save(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('slotId', SlotId) slotId: string,
    @Body() body: SavePitchScoreDto,
  ) {
    return this.scores.save(actor, labId, sessionId, slotId, body);
  }

  @LabRoles('organiser')
  @Get(':sessionId/scores')
  @Endpoint({
    summary: "The organisers' score table: every team, every mentor's scores, comments and notes",
    response: PitchScoreTable,
    errors: ['PITCH_SESSION_NOT_FOUND'],
  })
  table(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.scores.table(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Put(':sessionId/scores/:scoreId/release')
  @Endpoint({
    summary: "Release a mentor's comment to the team (or withdraw it); once the pitch closed",
    response: PitchScoreRow,
    errors: ['PITCH_SESSION_NOT_FOUND', 'PITCH_SCORE_NOT_FOUND', 'PITCH_RELEASE_NOT_READY'],
  })
  release(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('scoreId', ScoreId) scoreId: string,
    @Body() body: ReleasePitchCommentDto,
  ) {
    return this.scores.release(actor, labId, sessionId, scoreId, body.released);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get(':sessionId/feedback')
  @Endpoint({
    summary:
      "My teams' pitch feedback: the comments released to them (no scores, no private notes)",
    response: TeamPitchFeedback,
    errors: ['PITCH_SESSION_NOT_FOUND'],
  })
  feedback(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.scores.feedback(actor, labId, sessionId);
  }
}

@ApiTags('pitches')
@Controller('labs/:labId/pitch-scores')
export class PitchScoresController {
  constructor(private readonly scores: PitchScoresService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary:
      "Per-team pitch score summaries of the lab's closed pitches (mean, n, per criterion, each mentor's sheet), for the funding decision",
    response: [PitchTeamScoreSummary],
  })
  summaries(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.scores.summaries(actor, labId);
  }
}
