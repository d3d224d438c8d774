import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ApplicationFunnelService } from './application-funnel.service.js';
import { DecisionLettersService } from './decision-letters.service.js';
import { DecisionsService } from './decisions.service.js';
import {
  AdoptSelectionRunDto,
  CreateSelectionRunDto,
  EditDecisionLetterDto,
  applicationFunnelOps,
  decisionLettersOps,
  labDecisionsOps,
  myDecisionsOps,
  selectionRunsOps,
} from './selection.contract.js';
import { DecisionId, LabId, LetterId, RunId } from './selection-params.js';
import { SelectionRunsService } from './selection-runs.service.js';

@Controller('labs/:labId/selection-runs')
export class SelectionRunsController {
  constructor(
    private readonly runs: SelectionRunsService,
    private readonly decisions: DecisionsService,
  ) {}

  @LabRoles('organiser')
  @Post()
  @Endpoint(selectionRunsOps.create)
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateSelectionRunDto,
  ) {
    return this.runs.create(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get()
  @Endpoint(selectionRunsOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.runs.list(actor, labId);
  }

  @LabRoles('organiser')
  @Get(':runId')
  @Endpoint(selectionRunsOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.get(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post(':runId/rerun')
  @Endpoint(selectionRunsOps.rerun)
  rerun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.rerun(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post(':runId/adopt')
  @Endpoint(selectionRunsOps.adopt)
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
    @Body() body: AdoptSelectionRunDto,
  ) {
    return this.decisions.adopt(actor, labId, runId, body);
  }
}

@Controller('labs/:labId/decisions')
export class LabDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint(labDecisionsOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.decisions.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post('expire')
  @Endpoint(labDecisionsOps.expire)
  expire(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.decisions.expire(actor, labId);
  }
}

@Controller()
export class MyDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('me/decisions')
  @Endpoint(myDecisionsOps.mine)
  mine(@CurrentActor() actor: Actor) {
    return this.decisions.mine(actor);
  }

  @Post('decisions/:decisionId/confirm')
  @Endpoint(myDecisionsOps.confirm)
  confirm(@CurrentActor() actor: Actor, @Param('decisionId', DecisionId) decisionId: string) {
    return this.decisions.confirm(actor, decisionId);
  }

  @Post('decisions/:decisionId/decline')
  @Endpoint(myDecisionsOps.decline)
  decline(@CurrentActor() actor: Actor, @Param('decisionId', DecisionId) decisionId: string) {
    return this.decisions.decline(actor, decisionId);
  }
}

@Controller('labs/:labId/letters')
export class DecisionLettersController {
  constructor(private readonly letters: DecisionLettersService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint(decisionLettersOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.letters.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post('compose')
  @Endpoint(decisionLettersOps.compose)
  compose(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.letters.compose(actor, labId);
  }

  @LabRoles('organiser')
  @Patch(':letterId')
  @Endpoint(decisionLettersOps.edit)
  edit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('letterId', LetterId) letterId: string,
    @Body() body: EditDecisionLetterDto,
  ) {
    return this.letters.edit(actor, labId, letterId, body);
  }

  @LabRoles('organiser')
  @Post('release')
  @Endpoint(decisionLettersOps.release)
  release(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.letters.release(actor, labId);
  }
}

@Controller('labs/:labId/applications')
export class ApplicationFunnelController {
  constructor(private readonly funnels: ApplicationFunnelService) {}

  @LabRoles('organiser')
  @Get('funnel')
  @Endpoint(applicationFunnelOps.funnel)
  funnel(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.funnels.funnel(actor, labId);
  }
}
