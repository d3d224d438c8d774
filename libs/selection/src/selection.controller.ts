import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { FunnelDto } from '@ideas-lab/applications';
import { ApplicationFunnelService } from './application-funnel.service.js';
import {
  DecisionLettersService,
  type DecisionLetterView,
  type OutboxView,
  type ReleaseView,
} from './decision-letters.service.js';
import {
  DecisionsService,
  type DecisionsView,
  type ExpiryView,
  type MyDecisionView,
} from './decisions.service.js';
import { EditDecisionLetterDto } from './dto/decision-letter.dto.js';
import { AdoptSelectionRunDto, CreateSelectionRunDto } from './dto/selection-run.dto.js';
import { DecisionId, LabId, LetterId, RunId } from './selection-params.js';
import {
  SelectionRunsService,
  type SelectionRerunView,
  type SelectionRunSummary,
  type SelectionRunView,
} from './selection-runs.service.js';

const COMMON = [
  400,
  'VALIDATION_FAILED',
  401,
  'UNAUTHENTICATED',
  403,
  'LAB_ROLE_REQUIRED',
] as const;

@ApiTags('selection')
@ApiBearerAuth()
@Controller('labs/:labId/selection-runs')
export class SelectionRunsController {
  constructor(
    private readonly runs: SelectionRunsService,
    private readonly decisions: DecisionsService,
  ) {}

  @LabRoles('organiser')
  @Post()
  @ApiOperation({
    summary:
      'Select a cohort (HiGHS) from the reviewed, submitted applications by normalised merit under the quotas; the run is stored. Infeasible quotas give a stored run that explains which quotas conflict and by how much. Only in the Selection phase.',
  })
  @ApiResponse({
    status: 201,
    description:
      'The stored run: inputs, seed, solver status, selected, objective, unconstrained top-N, price of diversity, infeasibility, waitlist.',
  })
  @ApiErrors(
    ...COMMON,
    400,
    'SELECTION_INPUT_INVALID',
    404,
    'LAB_NOT_FOUND',
    409,
    'SELECTION_PHASE_REQUIRED',
  )
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateSelectionRunDto,
  ): Promise<SelectionRunView> {
    return this.runs.create(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get()
  @ApiOperation({
    summary: 'The selection runs of the lab, newest first, with their key figures side by side',
  })
  @ApiResponse({
    status: 200,
    description:
      '[{ id, createdAt, adopted, seed, status, capacity, selected, objective, unconstrainedMerit, priceOfDiversity, infeasible, quotas, lottery }]',
  })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
  ): Promise<SelectionRunSummary[]> {
    return this.runs.list(actor, labId);
  }

  @LabRoles('organiser')
  @Get(':runId')
  @ApiOperation({ summary: 'One selection run with its inputs and result' })
  @ApiResponse({ status: 200, description: 'The stored run.' })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND | SELECTION_RUN_NOT_FOUND')
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ): Promise<SelectionRunView> {
    return this.runs.get(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post(':runId/rerun')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Solve a stored run again from its inputs and seed, and say whether the result is identical (nothing is stored)',
  })
  @ApiResponse({ status: 200, description: '{ runId, identical, stored, rerun }' })
  @ApiErrors(
    ...COMMON,
    400,
    'SELECTION_INPUT_INVALID',
    404,
    'LAB_NOT_FOUND | SELECTION_RUN_NOT_FOUND',
  )
  rerun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
  ): Promise<SelectionRerunView> {
    return this.runs.rerun(actor, labId, runId);
  }

  @LabRoles('organiser')
  @Post(':runId/adopt')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Adopt a run that found a cohort (Selection phase only): accepted (selected, to confirm by `confirmBy`), waitlisted (ranked) and declined decisions; `promotedConfirmDays` is how long someone promoted from the waitlist has to answer. Submitted applications the run did not consider (unreviewed) make adoption refuse unless `declineUnreviewed` is true. Replaces an earlier adoption only while no applicant has answered and no letter has been released.',
  })
  @ApiResponse({ status: 200, description: 'The decisions of the lab.' })
  @ApiErrors(
    ...COMMON,
    400,
    'SELECTION_INPUT_INVALID',
    404,
    'LAB_NOT_FOUND | SELECTION_RUN_NOT_FOUND',
    409,
    'SELECTION_PHASE_REQUIRED | SELECTION_RUN_INFEASIBLE | SELECTION_DECISIONS_ANSWERED | SELECTION_LETTERS_RELEASED | SELECTION_UNREVIEWED_APPLICATIONS',
  )
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('runId', RunId) runId: string,
    @Body() body: AdoptSelectionRunDto,
  ): Promise<DecisionsView> {
    return this.decisions.adopt(actor, labId, runId, body);
  }
}

@ApiTags('selection')
@ApiBearerAuth()
@Controller('labs/:labId/decisions')
export class LabDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @LabRoles('organiser')
  @Get()
  @ApiOperation({
    summary:
      'The decisions of the adopted run: accepted (and their answers), waitlisted by rank, declined; promotions with their reasons',
  })
  @ApiResponse({
    status: 200,
    description: '{ adoptedRunId, promotedConfirmDays, counts, decisions }',
  })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<DecisionsView> {
    return this.decisions.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post('expire')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Close the offers whose confirm-by date passed and fill those places from the waitlist, keeping every quota (a periodic sweep does the same by itself; this does it now)',
  })
  @ApiResponse({ status: 200, description: '{ expiredIds, promotion }' })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND', 409, 'DECISIONS_CLOSED | SELECTION_NOT_ADOPTED')
  expire(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<ExpiryView> {
    return this.decisions.expire(actor, labId);
  }
}

@ApiTags('selection')
@ApiBearerAuth()
@Controller()
export class MyDecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('me/decisions')
  @ApiOperation({
    summary:
      'My selection decisions (outcome, waitlist rank, answer, confirm-by date); never scores or reviews',
  })
  @ApiResponse({
    status: 200,
    description:
      '[{ id, labId, outcome, waitlistRank, response, confirmBy, respondedAt, promotedFromWaitlist }]',
  })
  @ApiErrors(401, 'UNAUTHENTICATED')
  mine(@CurrentActor() actor: Actor): Promise<MyDecisionView[]> {
    return this.decisions.mine(actor);
  }

  @Post('decisions/:decisionId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take my place (before the confirm-by date): I become a participant of the lab',
  })
  @ApiResponse({ status: 200, description: 'My decision.' })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    404,
    'DECISION_NOT_FOUND',
    409,
    'DECISION_NOT_OFFERED | DECISION_ALREADY_ANSWERED | DECISION_CONFIRM_BY_PASSED | DECISIONS_CLOSED',
  )
  confirm(
    @CurrentActor() actor: Actor,
    @Param('decisionId', DecisionId) decisionId: string,
  ): Promise<MyDecisionView> {
    return this.decisions.confirm(actor, decisionId);
  }

  @Post('decisions/:decisionId/decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give up my place; the best waitlisted applicant who keeps every quota is offered it',
  })
  @ApiResponse({ status: 200, description: 'My decision.' })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    404,
    'DECISION_NOT_FOUND',
    409,
    'DECISION_NOT_OFFERED | DECISION_ALREADY_ANSWERED | DECISION_CONFIRM_BY_PASSED | DECISIONS_CLOSED',
  )
  decline(
    @CurrentActor() actor: Actor,
    @Param('decisionId', DecisionId) decisionId: string,
  ): Promise<MyDecisionView> {
    return this.decisions.decline(actor, decisionId);
  }
}

@ApiTags('selection')
@ApiBearerAuth()
@Controller('labs/:labId/letters')
export class DecisionLettersController {
  constructor(private readonly letters: DecisionLettersService) {}

  @LabRoles('organiser')
  @Get()
  @ApiOperation({
    summary:
      'The outbox: decision letters with their status (draft, queued, sending, sent, logged, failed), attempts, last error and next attempt; without SMTP_URL released letters are marked logged: what would be sent',
  })
  @ApiResponse({ status: 200, description: '{ transport, counts, letters }' })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<OutboxView> {
    return this.letters.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post('compose')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Compose a letter per decision of the adopted run from the templates into the outbox (drafts are rewritten, released letters kept)',
  })
  @ApiResponse({ status: 200, description: 'The outbox.' })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND', 409, 'SELECTION_NOT_ADOPTED')
  compose(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<OutboxView> {
    return this.letters.compose(actor, labId);
  }

  @LabRoles('organiser')
  @Patch(':letterId')
  @ApiOperation({
    summary: 'Edit a letter before it is released (a draft, or one whose attempts all failed)',
  })
  @ApiResponse({ status: 200, description: 'The letter.' })
  @ApiErrors(
    ...COMMON,
    404,
    'LAB_NOT_FOUND | LETTER_NOT_FOUND',
    409,
    'LETTER_ALREADY_SENT | LETTER_IN_QUEUE',
  )
  edit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('letterId', LetterId) letterId: string,
    @Body() body: EditDecisionLetterDto,
  ): Promise<DecisionLetterView> {
    return this.letters.edit(actor, labId, letterId, body);
  }

  @LabRoles('organiser')
  @Post('release')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Release the outbox in one batch: every draft (and every letter whose attempts all failed) is queued; a background sender sends them through SMTP when SMTP_URL is set (else logs them), retrying failures with backoff',
  })
  @ApiResponse({
    status: 200,
    description:
      'The outbox, with how many letters this release queued ({ released: { queued } }).',
  })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND', 409, 'SELECTION_NOT_ADOPTED')
  release(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
  ): Promise<ReleaseView> {
    return this.letters.release(actor, labId);
  }
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('labs/:labId/applications')
export class ApplicationFunnelController {
  constructor(private readonly funnels: ApplicationFunnelService) {}

  @LabRoles('organiser')
  @Get('funnel')
  @ApiOperation({
    summary:
      'How far applications got (started → submitted → reviewed → selected → confirmed), by taxonomy attribute (organisers). Reviewed: at least one submitted review; selected: offered a place by the adopted run; confirmed: took it.',
  })
  @ApiResponse({ status: 200, type: FunnelDto })
  @ApiErrors(401, 'UNAUTHENTICATED', 403, 'LAB_ROLE_REQUIRED', 404, 'LAB_NOT_FOUND')
  funnel(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<FunnelDto> {
    return this.funnels.funnel(actor, labId);
  }
}
