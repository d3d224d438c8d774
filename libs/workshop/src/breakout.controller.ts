import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  ChoiceDto,
  CreatePlanDto,
  CreateRoundDto,
  MetMatrix,
  MoveDto,
  ParticipantProfile,
  ParticipantProfileDto,
  Plan,
  RecreateRoomsDto,
  Rounds,
  RoundStateDto,
  SwapDto,
  UpdateRoomDto,
} from './workshop.contract.js';
import type { Actor } from '@ideas-lab/domain';
import { BreakoutService } from './breakout.service.js';
import { LabId, PlanId, RoomId, RoundId, SessionId, UserId } from './workshop-params.js';

@ApiTags('workshop')
@Controller('labs/:labId/sessions/:sessionId')
export class BreakoutController {
  constructor(private readonly breakout: BreakoutService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('rounds')
  @Endpoint({
    summary:
      'Breakout rounds: organisers see every room, mentors the rooms they visit, participants their own room',
    response: Rounds,
    errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT'],
  })
  rounds(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.breakout.rounds(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post('rounds')
  @Endpoint({
    summary: 'Add a round by hand (organisers): assigned, or self-select with a capacity per room',
    response: Rounds,
    errors: [
      'ROUND_ROOMS_INVALID',
      'MENTOR_NOT_IN_LAB',
      'SESSION_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
    ],
  })
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
  @Endpoint({
    summary: 'Open a planned round or close an open one (organisers)',
    response: Rounds,
    status: 200,
    errors: ['SESSION_NOT_FOUND', 'ROUND_NOT_FOUND', 'SESSION_NOT_BREAKOUT', 'ROUND_STATE_INVALID'],
  })
  changeState(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: RoundStateDto,
  ) {
    return this.breakout.changeRoundState(actor, labId, sessionId, roundId, body.state);
  }

  @LabRoles('organiser')
  @Patch('rounds/:roundId/rooms/:roomId')
  @Endpoint({
    summary:
      'Rename a room, set its meeting link, mentor or capacity (organisers; not in a closed round)',
    response: Rounds,
    errors: [
      'MENTOR_NOT_IN_LAB',
      'SESSION_NOT_FOUND',
      'ROUND_NOT_FOUND',
      'ROOM_NOT_FOUND',
      'SESSION_NOT_BREAKOUT',
      'ROUND_CLOSED',
    ],
  })
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
  @Endpoint({
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
  })
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
  @Endpoint({
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
  })
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
  @Endpoint({
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
  })
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
  @Endpoint({
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
  })
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
  @Endpoint({
    summary: "The session's rotation plans, newest first, with their metrics (organisers)",
    response: [Plan],
    errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT'],
  })
  plans(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.breakout.plansOf(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post('plans')
  @Endpoint({
    summary:
      "Run the rotation planner over the lab's participants, keeping rounds already held; stores inputs, seed and metrics (organisers)",
    response: Plan,
    errors: ['PLAN_INVALID', 'SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT', 'PLAN_NO_PARTICIPANTS'],
  })
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
  @Endpoint({
    summary:
      'Adopt a plan: replaces the rounds not opened yet, keeps opened and closed ones (organisers)',
    response: Rounds,
    status: 200,
    errors: ['SESSION_NOT_FOUND', 'PLAN_NOT_FOUND', 'SESSION_NOT_BREAKOUT', 'PLAN_STALE'],
  })
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
  @Endpoint({
    summary: "Who has met whom in the session's rounds (organisers)",
    response: MetMatrix,
    errors: ['SESSION_NOT_FOUND', 'SESSION_NOT_BREAKOUT'],
  })
  metMatrix(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.breakout.metMatrix(actor, labId, sessionId);
  }
}

@ApiTags('workshop')
@Controller('labs/:labId/participants')
export class ParticipantProfilesController {
  constructor(private readonly breakout: BreakoutService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary:
      "The lab's participants with the discipline and career stage the rotation planner uses (organisers)",
    response: [ParticipantProfile],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.breakout.participantsOf(actor, labId);
  }

  @LabRoles('organiser')
  @Put(':userId/profile')
  @Endpoint({
    summary: "Set a participant's discipline and career stage for planning (organisers)",
    response: ParticipantProfile,
    errors: ['PROFILE_NOT_IN_TAXONOMY', 'NOT_A_PARTICIPANT'],
  })
  setProfile(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('userId', UserId) userId: string,
    @Body() body: ParticipantProfileDto,
  ) {
    return this.breakout.setProfile(actor, labId, userId, body);
  }
}
