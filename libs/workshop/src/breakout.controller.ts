import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { BreakoutService, type MetMatrixView } from './breakout.service.js';
import type { PlanView, RoundsView } from './breakout-view.js';
import {
  ChoiceDto,
  CreatePlanDto,
  CreateRoundDto,
  MetMatrixDto,
  MoveDto,
  ParticipantProfileDto,
  ParticipantProfileViewDto,
  PlanViewDto,
  RecreateRoomsDto,
  RoundStateDto,
  RoundsViewDto,
  SwapDto,
  UpdateRoomDto,
} from './dto/breakout.dto.js';
import type { ParticipantRow } from './participant-profiles.repository.js';
import { LabId, PlanId, RoomId, RoundId, SessionId, UserId } from './workshop-params.js';

const SESSION_ERRORS = [
  400,
  'VALIDATION_FAILED',
  401,
  'UNAUTHENTICATED',
  403,
  'LAB_ROLE_REQUIRED',
] as const;

@ApiTags('workshop')
@ApiBearerAuth()
@Controller('labs/:labId/sessions/:sessionId')
export class BreakoutController {
  constructor(private readonly breakout: BreakoutService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('rounds')
  @ApiOperation({
    summary:
      'Breakout rounds: organisers see every room, mentors the rooms they visit, participants their own room',
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT',
  )
  rounds(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ): Promise<RoundsView> {
    return this.breakout.rounds(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post('rounds')
  @ApiOperation({
    summary: 'Add a round by hand (organisers): assigned, or self-select with a capacity per room',
  })
  @ApiResponse({ status: 201, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    400,
    'ROUND_ROOMS_INVALID | MENTOR_NOT_IN_LAB',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT',
  )
  createRound(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: CreateRoundDto,
  ): Promise<RoundsView> {
    return this.breakout.createRound(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/state')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a planned round or close an open one (organisers)' })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | ROUND_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | ROUND_STATE_INVALID',
  )
  changeState(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: RoundStateDto,
  ): Promise<RoundsView> {
    return this.breakout.changeRoundState(actor, labId, sessionId, roundId, body.state);
  }

  @LabRoles('organiser')
  @Patch('rounds/:roundId/rooms/:roomId')
  @ApiOperation({
    summary:
      'Rename a room, set its meeting link, mentor or capacity (organisers; not in a closed round)',
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    400,
    'MENTOR_NOT_IN_LAB',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | ROUND_NOT_FOUND | ROOM_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | ROUND_CLOSED',
  )
  updateRoom(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Param('roomId', RoomId) roomId: string,
    @Body() body: UpdateRoomDto,
  ): Promise<RoundsView> {
    return this.breakout.updateRoom(actor, labId, sessionId, roundId, roomId, body);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/moves')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move one participant to another room of a round (organisers; not in a closed round)',
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    400,
    'NOT_A_PARTICIPANT',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | ROUND_NOT_FOUND | ROOM_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | ROUND_CLOSED',
  )
  move(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: MoveDto,
  ): Promise<RoundsView> {
    return this.breakout.move(actor, labId, sessionId, roundId, body.userId, body.roomId);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/rooms/recreate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rebuild the rooms of a planned or open round, from its adopted plan or by size (organisers); in an open round everyone connected is told where to go',
    description:
      "The same as the control room's `rooms:recreate` (without `onlineOnly`, which needs the live connections): rooms are reused in order, missing ones added, surplus ones deleted in a planned round and left empty in an open one.",
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    400,
    'ROOMS_RECREATE_INVALID',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | ROUND_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | ROUND_CLOSED',
  )
  recreateRooms(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: RecreateRoomsDto,
  ): Promise<RoundsView> {
    return this.breakout.recreateRooms(actor, labId, sessionId, roundId, body);
  }

  @LabRoles('organiser')
  @Post('rounds/:roundId/swaps')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Swap the rooms of two participants in a round (organisers; not in a closed round)',
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | ROUND_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | ROUND_CLOSED | PARTICIPANT_NOT_SEATED',
  )
  swap(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: SwapDto,
  ): Promise<RoundsView> {
    return this.breakout.swap(actor, labId, sessionId, roundId, body.userIds[0], body.userIds[1]);
  }

  @LabRoles('participant')
  @Post('rounds/:roundId/choice')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pick a room in a self-select round (participants); refused when the room is full',
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    400,
    'NOT_A_PARTICIPANT',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | ROUND_NOT_FOUND | ROOM_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | ROUND_NOT_SELF_SELECT | ROUND_CLOSED | ROOM_FULL',
  )
  choose(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('roundId', RoundId) roundId: string,
    @Body() body: ChoiceDto,
  ): Promise<RoundsView> {
    return this.breakout.choose(actor, labId, sessionId, roundId, body.roomId);
  }

  @LabRoles('organiser')
  @Get('plans')
  @ApiOperation({
    summary: "The session's rotation plans, newest first, with their metrics (organisers)",
  })
  @ApiResponse({ status: 200, type: [PlanViewDto] })
  @ApiErrors(
    ...SESSION_ERRORS,
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT',
  )
  plans(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ): Promise<PlanView[]> {
    return this.breakout.plansOf(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post('plans')
  @ApiOperation({
    summary:
      "Run the rotation planner over the lab's participants, keeping rounds already held; stores inputs, seed and metrics (organisers)",
  })
  @ApiResponse({ status: 201, type: PlanViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    400,
    'PLAN_INVALID',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | PLAN_NO_PARTICIPANTS',
  )
  createPlan(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: CreatePlanDto,
  ): Promise<PlanView> {
    return this.breakout.createPlan(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Post('plans/:planId/adopt')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Adopt a plan: replaces the rounds not opened yet, keeps opened and closed ones (organisers)',
  })
  @ApiResponse({ status: 200, type: RoundsViewDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND | PLAN_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT | PLAN_STALE',
  )
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Param('planId', PlanId) planId: string,
  ): Promise<RoundsView> {
    return this.breakout.adopt(actor, labId, sessionId, planId);
  }

  @LabRoles('organiser')
  @Get('met-matrix')
  @ApiOperation({ summary: "Who has met whom in the session's rounds (organisers)" })
  @ApiResponse({ status: 200, type: MetMatrixDto })
  @ApiErrors(
    ...SESSION_ERRORS,
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_NOT_BREAKOUT',
  )
  metMatrix(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ): Promise<MetMatrixView> {
    return this.breakout.metMatrix(actor, labId, sessionId);
  }
}

@ApiTags('workshop')
@ApiBearerAuth()
@Controller('labs/:labId/participants')
export class ParticipantProfilesController {
  constructor(private readonly breakout: BreakoutService) {}

  @LabRoles('organiser')
  @Get()
  @ApiOperation({
    summary:
      "The lab's participants with the discipline and career stage the rotation planner uses (organisers)",
  })
  @ApiResponse({ status: 200, type: [ParticipantProfileViewDto] })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
  )
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
  ): Promise<ParticipantRow[]> {
    return this.breakout.participantsOf(actor, labId);
  }

  @LabRoles('organiser')
  @Put(':userId/profile')
  @ApiOperation({
    summary: "Set a participant's discipline and career stage for planning (organisers)",
  })
  @ApiResponse({ status: 200, type: ParticipantProfileViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | PROFILE_NOT_IN_TAXONOMY | NOT_A_PARTICIPANT',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
  )
  setProfile(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('userId', UserId) userId: string,
    @Body() body: ParticipantProfileDto,
  ): Promise<ParticipantRow> {
    return this.breakout.setProfile(actor, labId, userId, body);
  }
}
