import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import { CreateTeamDto, teamsOps } from './workshop.contract.js';
import type { Actor } from '@ideas-lab/domain';
import { TeamsService } from './teams.service.js';
import { LabId } from './workshop-params.js';

@Controller('labs/:labId/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(teamsOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.teams.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @Endpoint(teamsOps.create)
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateTeamDto,
  ) {
    return this.teams.create(actor, labId, body);
  }
}
