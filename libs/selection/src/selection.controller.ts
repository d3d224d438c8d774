import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { Funnel } from '@ideas-lab/applications';
import { ApplicationFunnelService } from './application-funnel.service.js';
import { DecisionLettersService } from './decision-letters.service.js';
import { DecisionsService } from './decisions.service.js';
import {
  AdoptSelectionRunDto,
  CreateSelectionRunDto,
  DecisionLetter,
  Decisions,
  EditDecisionLetterDto,
  ExpiryResult,
  MyDecision,
  Outbox,
  OutboxRelease,
  SelectionRerun,
  SelectionRun,
  SelectionRunSummary,
} from './selection.contract.js';
import { DecisionId, LabId, LetterId, RunId } from './selection-params.js';
import { SelectionRunsService } from './selection-runs.service.js';

@ApiTags('selection')
@Controller('labs/:labId/selection-runs')
export class SelectionRunsController {
  constructor(
    private readonly runs: SelectionRunsService,
    private readonly decisions: DecisionsService,
  ) {}

  @LabRoles('organiser')
  @Post()
  @Endpoint({
    summary:
      'Select a cohort (HiGHS) from the reviewed, submitted applications by normalised merit under the quotas; the run is stored. Infeasible quotas give a stored run that explains which quotas conflict and by how much. Only in the Selection phase.',
    response: SelectionRun,
    errors: ['SELECTION_INPUT_INVALID', 'SELECTION_PHASE_REQUIRED'],
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateSelectionRunDto,
  ) {
    return this.runs.create(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary: 'The selection runs of the lab, newest first, with their key figures side by side',
    response: [SelectionRunSummary],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.runs.list(actor, labId);
  }

  @LabRoles('organiser')
  @Get(':runId')
  @Endpoint({
    summary: 'One selection run with its inputs and result',
    response: SelectionRun,
    errors: ['SELECTION_RUN_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.get(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post(':runId/rerun')
  @Endpoint({
    summary:
      'Solve a stored run again from its inputs and seed, and say whether the result is identical (nothing is stored)',
    response: SelectionRerun,
    status: 200,
    errors: ['SELECTION_INPUT_INVALID', 'SELECTION_RUN_NOT_FOUND'],
  })
  rerun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.runs.rerun(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post(':runId/adopt')
  @Endpoint({
    summary:
      'Adopt a run that found a cohort (Selection phase only): accepted (selected, to confirm by `confirmBy`), waitlisted (ranked) and declined decisions; `promotedConfirmDays` is how long someone promoted from the waitlist has to answer. Submitted applications the run did not consider (unreviewed) make adoption refuse unless `declineUnreviewed` is true. Replaces an earlier adoption only while no applicant has answered and no letter has been released.',
    response: Decisions,
    status: 200,
    errors: [
      'SELECTION_INPUT_INVALID',
      'SELECTION_RUN_NOT_FOUND',
      'SELECTION_PHASE_REQUIRED',
      'SELECTION_RUN_INFEASIBLE',
      'SELECTION_DECISIONS_ANSWERED',
      'SELECTION_LETTERS_RELEASED',
      'SELECTION_UNREVIEWED_APPLICATIONS',
      'SELECTION_ADOPTION_CHANGED',
    ],
  })
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
    @Body() body: AdoptSelectionRunDto,
  ) {
    return this.decisions.adopt(actor, labId, runId, body);
  }
}

@ApiTags('selection')
@Controller('labs/:labId/decisions')
export class LabDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary:
      'The decisions of the adopted run: accepted (and their answers), waitlisted by rank, declined; promotions with their reasons',
    response: Decisions,
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.decisions.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post('expire')
  @Endpoint({
    summary:
      'Close the offers whose confirm-by date passed and fill those places from the waitlist, keeping every quota (a periodic sweep does the same by itself; this does it now)',
    response: ExpiryResult,
    status: 200,
    errors: ['DECISIONS_CLOSED', 'SELECTION_NOT_ADOPTED', 'SELECTION_DECISIONS_BUSY'],
  })
  expire(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.decisions.expire(actor, labId);
  }
}

@ApiTags('selection')
@Controller()
export class MyDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('me/decisions')
  @Endpoint({
    summary:
      'My selection decisions (outcome, waitlist rank, answer, confirm-by date); never scores or reviews',
    response: [MyDecision],
  })
  mine(@CurrentActor() actor: Actor) {
    return this.decisions.mine(actor);
  }

  @Post('decisions/:decisionId/confirm')
  @Endpoint({
    summary: 'Take my place (before the confirm-by date): I become a participant of the lab',
    response: MyDecision,
    status: 200,
    errors: [
      'DECISION_NOT_FOUND',
      'DECISION_NOT_OFFERED',
      'DECISION_ALREADY_ANSWERED',
      'DECISION_CONFIRM_BY_PASSED',
      'DECISIONS_CLOSED',
    ],
  })
  confirm(@CurrentActor() actor: Actor, @Param('decisionId', DecisionId) decisionId: string) {
    return this.decisions.confirm(actor, decisionId);
  }

  @Post('decisions/:decisionId/decline')
  @Endpoint({
    summary: 'Give up my place; the best waitlisted applicant who keeps every quota is offered it',
    response: MyDecision,
    status: 200,
    errors: [
      'DECISION_NOT_FOUND',
      'DECISION_NOT_OFFERED',
      'DECISION_ALREADY_ANSWERED',
      'DECISION_CONFIRM_BY_PASSED',
      'SELECTION_DECISIONS_BUSY',
      'DECISIONS_CLOSED',
    ],
  })
  decline(@CurrentActor() actor: Actor, @Param('decisionId', DecisionId) decisionId: string) {
    return this.decisions.decline(actor, decisionId);
  }
}

@ApiTags('selection')
@Controller('labs/:labId/letters')
export class DecisionLettersController {
  constructor(private readonly letters: DecisionLettersService) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary:
      'The outbox: decision letters with their status (draft, queued, sending, sent, logged, failed), attempts, last error and next attempt; without SMTP_URL released letters are marked logged: what would be sent',
    response: Outbox,
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.letters.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post('compose')
  @Endpoint({
    summary:
      'Compose a letter per decision of the adopted run from the templates into the outbox (drafts are rewritten, released letters kept)',
    response: Outbox,
    status: 200,
    errors: ['SELECTION_NOT_ADOPTED'],
  })
  compose(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.letters.compose(actor, labId);
  }

  @LabRoles('organiser')
  @Patch(':letterId')
  @Endpoint({
    summary: 'Edit a letter before it is released (a draft, or one whose attempts all failed)',
    response: DecisionLetter,
    errors: ['LETTER_NOT_FOUND', 'LETTER_ALREADY_SENT', 'LETTER_IN_QUEUE'],
  })
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
  @Endpoint({
    summary:
      'Release the outbox in one batch: every draft (and every letter whose attempts all failed) is queued; a background sender sends them through SMTP when SMTP_URL is set (else logs them), retrying failures with backoff',
    response: OutboxRelease,
    status: 200,
    errors: ['SELECTION_NOT_ADOPTED'],
  })
  release(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.letters.release(actor, labId);
  }
}

@ApiTags('applications')
@Controller('labs/:labId/applications')
export class ApplicationFunnelController {
  constructor(private readonly funnels: ApplicationFunnelService) {}

  @LabRoles('organiser')
  @Get('funnel')
  @Endpoint({
    summary:
      'How far applications got (started → submitted → reviewed → selected → confirmed), by taxonomy attribute (organisers). Reviewed: at least one submitted review; selected: offered a place by the adopted run; confirmed: took it.',
    response: Funnel,
  })
  funnel(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.funnels.funnel(actor, labId);
  }
}
