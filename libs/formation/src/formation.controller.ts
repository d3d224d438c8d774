import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  ConfirmTeamDto,
  CreateFormationRunDto,
  MoveMemberDto,
  FormationPeopleQueryDto,
  PutFormationSettingsDto,
  PutMyInterestsDto,
  TeamVersionDto,
  formationOps,
} from './formation.contract.js';
import { FormationRunsService } from './formation-runs.service.js';
import { FormationService } from './formation.service.js';
import { IdeaId, LabId, RunId, TeamId } from './formation-params.js';

@Controller('labs/:labId/formation')
export class FormationController {
  constructor(
    private readonly formation: FormationService,
    private readonly runs: FormationRunsService,
  ) {}

  // ---- participants ------------------------------------------------------------------------

  @LabRoles('participant')
  @Get('interests/me')
  @Endpoint(formationOps.myInterests)
  myInterests(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.myInterests(actor, labId);
  }

  @LabRoles('participant')
  @Put('interests/me')
  @Endpoint(formationOps.putMyInterests)
  putMyInterests(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutMyInterestsDto,
  ) {
    return this.formation.putMyInterests(actor, labId, body);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('people')
  @Endpoint(formationOps.people)
  people(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: FormationPeopleQueryDto,
  ) {
    return this.formation.people(actor, labId, query.q);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('board')
  @Endpoint(formationOps.board)
  board(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.board(actor, labId);
  }

  @LabRoles('participant')
  @Post('ideas/:ideaId/join')
  @Endpoint(formationOps.join)
  join(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.formation.join(actor, labId, ideaId);
  }

  @LabRoles('participant')
  @Post('leave')
  @Endpoint(formationOps.leave)
  leave(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.leave(actor, labId);
  }

  @LabRoles('participant')
  @Get('my-team')
  @Endpoint(formationOps.myTeam)
  myTeam(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.myTeam(actor, labId);
  }

  // ---- organisers --------------------------------------------------------------------------

  @LabRoles('organiser')
  @Get()
  @Endpoint(formationOps.overview)
  overview(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.overview(actor, labId);
  }

  @LabRoles('organiser')
  @Get('settings')
  @Endpoint(formationOps.settings)
  settings(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.runs.settings(actor, labId);
  }

  @LabRoles('organiser')
  @Put('settings')
  @Endpoint(formationOps.putSettings)
  putSettings(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutFormationSettingsDto,
  ) {
    return this.runs.putSettings(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('runs')
  @Endpoint(formationOps.createRun)
  createRun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateFormationRunDto,
  ) {
    return this.runs.createRun(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get('runs')
  @Endpoint(formationOps.listRuns)
  listRuns(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.runs.runs(actor, labId);
  }

  @LabRoles('organiser')
  @Get('runs/:runId')
  @Endpoint(formationOps.getRun)
  getRun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.run(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post('runs/:runId/adopt')
  @Endpoint(formationOps.adopt)
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.adopt(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post('moves')
  @Endpoint(formationOps.move)
  move(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: MoveMemberDto,
  ) {
    return this.runs.move(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('teams/:teamId/lock')
  @Endpoint(formationOps.lock)
  lock(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: TeamVersionDto,
  ) {
    return this.runs.lock(actor, labId, teamId, body.version);
  }

  @LabRoles('organiser')
  @Post('teams/:teamId/unlock')
  @Endpoint(formationOps.unlock)
  unlock(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: TeamVersionDto,
  ) {
    return this.runs.unlock(actor, labId, teamId, body.version);
  }

  @LabRoles('organiser')
  @Post('teams/:teamId/confirm')
  @Endpoint(formationOps.confirm)
  confirm(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: ConfirmTeamDto,
  ) {
    return this.runs.confirm(actor, labId, teamId, body);
  }
}
