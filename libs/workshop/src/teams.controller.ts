import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { CreateTeamDto, TeamViewDto } from './dto/teams.dto.js';
import { TeamsService, type TeamView } from './teams.service.js';
import { LabId } from './workshop-params.js';

@ApiTags('workshop')
@ApiBearerAuth()
@Controller('labs/:labId/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @ApiOperation({
    summary: 'Teams of the workshop: organisers see every team, others the teams they are on',
    description:
      'Each team has a chat on the `/live` namespace (channel `team:<teamId>`, see docs/live-events.md).',
  })
  @ApiResponse({ status: 200, type: [TeamViewDto] })
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
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<TeamView[]> {
    return this.teams.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @ApiOperation({ summary: 'Set up a team of participants and mentors (organisers)' })
  @ApiResponse({ status: 201, type: TeamViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | TEAM_MEMBER_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
    409,
    'TEAM_NAME_TAKEN',
  )
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateTeamDto,
  ): Promise<TeamView> {
    return this.teams.create(actor, labId, body);
  }
}
