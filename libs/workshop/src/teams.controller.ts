import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import { CreateTeamDto, Team } from './workshop.contract.js';
import type { Actor } from '@ideas-lab/domain';
import { TeamsService } from './teams.service.js';
import { LabId } from './workshop-params.js';

@ApiTags('workshop')
@Controller('labs/:labId/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: 'Teams of the workshop: organisers see every team, others the teams they are on',
    description:
      'Each team has a chat on the `/live` namespace (channel `team:<teamId>`, see docs/live-events.md).',
    response: [Team],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.teams.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @Endpoint({
    summary: 'Set up a team of participants and mentors (organisers)',
    response: Team,
    errors: ['TEAM_MEMBER_INVALID', 'TEAM_NAME_TAKEN'],
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateTeamDto,
  ) {
    return this.teams.create(actor, labId, body);
  }
}
