import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  ChoiceDto,
  CreatePlanDto,
  CreateRoundDto,
  MoveDto,
  ParticipantProfileInputDto,
  RecreateRoomsDto,
  RoundStateDto,
  SwapDto,
  UpdateRoomDto,
  UpdateWorkshopSettingsDto,
  breakoutOps,
  participantProfilesOps,
  workshopSettingsOps,
} from './workshop.contract.js';
import { WorkshopSettingsService } from './workshop-settings.service.js';
import type { Actor } from '@ideas-lab/domain';
import { BreakoutService } from './breakout.service.js';
import { LabId, PlanId, RoomId, RoundId, SessionId, UserId } from './workshop-params.js';

@Controller('labs/:labId/sessions/:sessionId')
export class BreakoutController {
  constructor(private readonly breakout: BreakoutService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('rounds')
  @Endpoint(breakoutOps.rounds)
  rounds(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.breakout.rounds(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post('rounds')
  @Endpoint(breakoutOps.createRound)
  createRound(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: CreateRoundDto,
  ) {
    return this.breakout.createRound(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/state')
  @Endpoint(breakoutOps.changeState)
  changeState(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: RoundStateDto,
  ) {
    return this.breakout.changeRoundState(actor, labId, sessionId, roundId, body.state, {
      confirmOtherDay: body.confirmOtherDay,
    });
  }

  @LabRoles('organiser')
  @Patch('rounds/:roundId/rooms/:roomId')
  @Endpoint(breakoutOps.updateRoom)
  updateRoom(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Param('roomId', RoomId) roomId: string,
    @Body() body: UpdateRoomDto,
  ) {
    return this.breakout.updateRoom(actor, labId, sessionId, roundId, roomId, body);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/moves')
  @Endpoint(breakoutOps.move)
  move(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: MoveDto,
  ) {
    return this.breakout.move(actor, labId, sessionId, roundId, body.userId, body.roomId);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/rooms/recreate')
  @Endpoint(breakoutOps.recreateRooms)
  recreateRooms(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: RecreateRoomsDto,
  ) {
    return this.breakout.recreateRooms(actor, labId, sessionId, roundId, body);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/swaps')
  @Endpoint(breakoutOps.swap)
  swap(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: SwapDto,
  ) {
    return this.breakout.swap(actor, labId, sessionId, roundId, body.userIds[0], body.userIds[1]);
  }

  @LabRoles('participant')
  @Post('rounds/:roundId/choice')
  @Endpoint(breakoutOps.choose)
  choose(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: ChoiceDto,
  ) {
    return this.breakout.choose(actor, labId, sessionId, roundId, body.roomId);
  }

  @LabRoles('organiser')
  @Get('plans')
  @Endpoint(breakoutOps.plans)
  plans(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.breakout.plansOf(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post('plans')
  @Endpoint(breakoutOps.createPlan)
  createPlan(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: CreatePlanDto,
  ) {
    return this.breakout.createPlan(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post('plans/:planId/adopt')
  @Endpoint(breakoutOps.adopt)
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('planId', PlanId) planId: string,
  ) {
    return this.breakout.adopt(actor, labId, sessionId, planId);
  }

  @LabRoles('organiser')
  @Get('met-matrix')
  @Endpoint(breakoutOps.metMatrix)
  metMatrix(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.breakout.metMatrix(actor, labId, sessionId);
  }
}

@Controller('labs/:labId/participants')
export class ParticipantProfilesController {
  constructor(private readonly breakout: BreakoutService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint(participantProfilesOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.breakout.participantsOf(actor, labId);
  }

  @LabRoles('organiser')
  @Put(':userId/profile')
  @Endpoint(participantProfilesOps.setProfile)
  setProfile(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('userId', UserId) userId: string,
    @Body() body: ParticipantProfileInputDto,
  ) {
    return this.breakout.setProfile(actor, labId, userId, body);
  }
}

@Controller('labs/:labId/workshop-settings')
export class WorkshopSettingsController {
  constructor(private readonly settings: WorkshopSettingsService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint(workshopSettingsOps.get)
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.settings.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint(workshopSettingsOps.update)
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: UpdateWorkshopSettingsDto,
  ) {
    return this.settings.update(actor, labId, body);
  }
}
