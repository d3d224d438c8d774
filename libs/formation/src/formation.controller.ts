import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { z } from 'zod';
import {
  ConfirmTeamDto,
  CreateFormationRunDto,
  FormationBoard,
  FormationOverview,
  FormationPerson,
  FormationRun,
  FormationRunSummary,
  FormationSettings,
  MoveChecked,
  MoveMemberDto,
  MyInterests,
  MyTeam,
  PeopleQueryDto,
  PutFormationSettingsDto,
  PutMyInterestsDto,
  TeamVersionDto,
} from './formation.contract.js';
import { FormationRunsService } from './formation-runs.service.js';
import { FormationService } from './formation.service.js';
import { IdeaId, LabId, RunId, TeamId } from './formation-params.js';

const TeamState = z
  .object({ id: z.uuid(), status: z.enum(['forming', 'locked', 'confirmed']), version: z.int() })
  .meta({ id: 'FormationTeamState' });

@ApiTags('formation')
@Controller('labs/:labId/formation')
export class FormationController {
  constructor(
    private readonly formation: FormationService,
    private readonly runs: FormationRunsService,
  ) {}

  // ---- participants ------------------------------------------------------------------------

  @LabRoles('participant')
  @Get('interests/me')
  @Endpoint({
    summary:
      'My interests: ratings of the shortlisted ideas, people I want (or would rather not) work with, skills',
    response: MyInterests,
  })
  myInterests(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.myInterests(actor, labId);
  }

  @LabRoles('participant')
  @Put('interests/me')
  @Endpoint({
    summary:
      'State my interests while formation is open (private: nobody else sees my ratings or "rather not" names)',
    response: MyInterests,
    errors: [
      'FORMATION_NOT_OPEN',
      'FORMATION_INTERESTS_INVALID',
      'FORMATION_INTERESTS_VERSION_CONFLICT',
    ],
  })
  putMyInterests(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutMyInterestsDto,
  ) {
    return this.formation.putMyInterests(actor, labId, body);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('people')
  @Endpoint({
    summary: "Find the lab's participants by name (at most 20)",
    response: [FormationPerson],
  })
  people(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: PeopleQueryDto,
  ) {
    return this.formation.people(actor, labId, query.q);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('board')
  @Endpoint({
    summary:
      'The self-organised board: shortlisted ideas and the teams forming around them, with their counts',
    response: FormationBoard,
  })
  board(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.board(actor, labId);
  }

  @LabRoles('participant')
  @Post('ideas/:ideaId/join')
  @Endpoint({
    summary: 'Join the team forming around a shortlisted idea (leaving any other forming team)',
    response: FormationBoard,
    status: 200,
    errors: [
      'FORMATION_NOT_OPEN',
      'FORMATION_IDEA_NOT_SHORTLISTED',
      'FORMATION_TEAM_FULL',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_MOVE_INVALID',
    ],
  })
  join(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.formation.join(actor, labId, ideaId);
  }

  @LabRoles('participant')
  @Post('leave')
  @Endpoint({
    summary: 'Leave the forming team I am on',
    response: FormationBoard,
    status: 200,
    errors: ['FORMATION_NOT_OPEN'],
  })
  leave(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.leave(actor, labId);
  }

  @LabRoles('participant')
  @Get('my-team')
  @Endpoint({
    summary: 'My team: its idea, members, lead, mentor, chat, and why I am on it',
    response: MyTeam,
  })
  myTeam(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.myTeam(actor, labId);
  }

  // ---- organisers --------------------------------------------------------------------------

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary:
      'Team formation for organisers: rules, teams and their make-up, who has no team, what teams lack',
    response: FormationOverview,
  })
  overview(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.formation.overview(actor, labId);
  }

  @LabRoles('organiser')
  @Get('settings')
  @Endpoint({
    summary: 'Formation open or not, and the rules of the optimiser',
    response: FormationSettings,
  })
  settings(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.runs.settings(actor, labId);
  }

  @LabRoles('organiser')
  @Put('settings')
  @Endpoint({
    summary: 'Open or close formation and edit the rules (each switchable)',
    response: FormationSettings,
    errors: ['FORMATION_RULES_INVALID', 'FORMATION_SETTINGS_VERSION_CONFLICT'],
  })
  putSettings(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutFormationSettingsDto,
  ) {
    return this.runs.putSettings(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('runs')
  @Endpoint({
    summary:
      'Run the team optimiser (HiGHS, in the solver pool) over the interests and rules; stored with inputs, seed and result',
    description: 'Infeasible rules come back in words with the smallest change that would help.',
    response: FormationRun,
    errors: ['FORMATION_NO_SHORTLIST', 'FORMATION_RULES_INVALID', 'FORMATION_INPUTS_CHANGED'],
  })
  createRun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateFormationRunDto,
  ) {
    return this.runs.createRun(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get('runs')
  @Endpoint({
    summary: 'Formation runs, newest first, with the figures that tell them apart',
    response: [FormationRunSummary],
  })
  listRuns(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.runs.runs(actor, labId);
  }

  @LabRoles('organiser')
  @Get('runs/:runId')
  @Endpoint({
    summary: 'One formation run: proposed teams, their make-up, who is left out, infeasibility',
    response: FormationRun,
    errors: ['FORMATION_RUN_NOT_FOUND'],
  })
  getRun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.run(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post('runs/:runId/adopt')
  @Endpoint({
    summary: 'Adopt a run: its teams replace the forming teams (locked and confirmed teams stay)',
    response: FormationRun,
    status: 200,
    errors: ['FORMATION_RUN_NOT_FOUND', 'FORMATION_RUN_INFEASIBLE', 'FORMATION_RUN_STALE'],
  })
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.adopt(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post('moves')
  @Endpoint({
    summary:
      'Move someone to another team (or only check the move): the rules it breaks come back as warnings',
    response: MoveChecked,
    status: 200,
    errors: [
      'FORMATION_MOVE_INVALID',
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_MOVE_STALE',
      'FORMATION_TEAM_NOT_FORMING',
    ],
  })
  move(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: MoveMemberDto,
  ) {
    return this.runs.move(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('teams/:teamId/lock')
  @Endpoint({
    summary: 'Lock a team as formed: later runs keep it, nobody joins or leaves it by themselves',
    response: TeamState,
    status: 200,
    errors: [
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_TEAM_VERSION_CONFLICT',
    ],
  })
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
  @Endpoint({
    summary: 'Unlock a team: it forms again',
    response: TeamState,
    status: 200,
    errors: [
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_TEAM_VERSION_CONFLICT',
    ],
  })
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
  @Endpoint({
    summary: 'Confirm a team: its name, lead and mentor; its members join its chat (team:joined)',
    response: TeamState,
    status: 200,
    errors: [
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_TEAM_VERSION_CONFLICT',
      'FORMATION_CONFIRM_INVALID',
      'FORMATION_TEAM_NAME_TAKEN',
    ],
  })
  confirm(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: ConfirmTeamDto,
  ) {
    return this.runs.confirm(actor, labId, teamId, body);
  }
}
