import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  AdjustPitchClockDto,
  AdvancePitchDto,
  NextPitchDto,
  PutPitchSessionDto,
  ReleasePitchCommentDto,
  SavePitchScoreDto,
  pitchSessionsOps,
  pitchScoresOps,
} from './pitches.contract.js';
import { LabId, ScoreId, SessionId, SlotId } from './pitches-params.js';
import { PitchScoresService } from './pitch-scores.service.js';
import { PitchSessionsService } from './pitch-sessions.service.js';

@Controller('labs/:labId/pitch-sessions')
export class PitchSessionsController {
  constructor(
    private readonly sessions: PitchSessionsService,
    private readonly scores: PitchScoresService,
  ) {}

  @LabRoles('participant', 'mentor', 'organiser')
  @Get()
  @Endpoint(pitchSessionsOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.sessions.list(actor, labId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get(':sessionId')
  @Endpoint(pitchSessionsOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.sessions.get(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Put(':sessionId')
  @Endpoint(pitchSessionsOps.put)
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
  @Endpoint(pitchSessionsOps.start)
  start(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.sessions.start(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post(':sessionId/advance')
  @Endpoint(pitchSessionsOps.advance)
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
  @Endpoint(pitchSessionsOps.next)
  next(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: NextPitchDto,
  ) {
    return this.sessions.next(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post(':sessionId/clock')
  @Endpoint(pitchSessionsOps.clock)
  clock(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: AdjustPitchClockDto,
  ) {
    return this.sessions.adjustClock(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post(':sessionId/end')
  @Endpoint(pitchSessionsOps.end)
  end(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.sessions.end(actor, labId, sessionId);
  }

  @LabRoles('mentor')
  @Get(':sessionId/my-scores')
  @Endpoint(pitchSessionsOps.mine)
  mine(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.scores.mine(actor, labId, sessionId);
  }

  @LabRoles('mentor')
  @Put(':sessionId/slots/:slotId/my-score')
  @Endpoint(pitchSessionsOps.save)
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
  @Endpoint(pitchSessionsOps.table)
  table(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.scores.table(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Put(':sessionId/scores/:scoreId/release')
  @Endpoint(pitchSessionsOps.release)
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
  @Endpoint(pitchSessionsOps.feedback)
  feedback(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.scores.feedback(actor, labId, sessionId);
  }
}

@Controller('labs/:labId/pitch-scores')
export class PitchScoresController {
  constructor(private readonly scores: PitchScoresService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint(pitchScoresOps.summaries)
  summaries(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.scores.summaries(actor, labId);
  }
}
