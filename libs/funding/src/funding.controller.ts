import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  AdoptPortfolioRunDto,
  CreatePortfolioRunDto,
  FileProgressReportDto,
  FundingDecisionBoard,
  FundingDecisionRow,
  FundingExport,
  FundingLetters,
  FundingMerit,
  PortfolioReplay,
  PortfolioRun,
  PortfolioRunSummary,
  ProgressReports,
  ProgressReportView,
  PutFundingDecisionDto,
  ReleaseFundingLettersDto,
  RemindersSent,
  RemindLateTeamsDto,
  ScheduleProgressReportsDto,
} from './funding.contract.js';
import { FundingDecisionsService } from './funding-decisions.service.js';
import { FundingExportsService } from './funding-exports.service.js';
import {
  ExportTableQueryDto,
  FundingRoundId,
  LabId,
  ProposalId,
  ReportId,
  RunId,
} from './funding-params.js';
import { PortfolioRunsService } from './portfolio-runs.service.js';
import { ProgressReportsService } from './progress-reports.service.js';

const ROUND_ERRORS = ['FUNDING_ROUND_NOT_FOUND'] as const;

@ApiTags('funding')
@Controller('labs/:labId/funding-rounds/:fundingRoundId')
export class FundingController {
  constructor(
    private readonly portfolio: PortfolioRunsService,
    private readonly decisions: FundingDecisionsService,
    private readonly reports: ProgressReportsService,
    private readonly exports: FundingExportsService,
  ) {}

  // ---- merit and portfolio runs ------------------------------------------------------------

  @LabRoles('organiser')
  @Get('merit')
  @Endpoint({
    summary:
      'Each submitted proposal with its request, institution, merit from the reviews (score, interval, rank, flags) and pitch score (organisers)',
    response: FundingMerit,
    errors: [...ROUND_ERRORS],
  })
  merit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.portfolio.merit(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('portfolio-runs')
  @Endpoint({
    summary:
      'Run the portfolio optimiser under the rules given, optionally with a seeded lottery among the proposals straddling the funding line (organisers)',
    response: PortfolioRun,
    errors: [
      ...ROUND_ERRORS,
      'FUNDING_NO_PROPOSALS',
      'FUNDING_NO_MERIT',
      'FUNDING_RULES_INVALID',
      'SOLVER_BUSY',
    ],
  })
  createRun(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: CreatePortfolioRunDto,
  ) {
    return this.portfolio.createRun(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Get('portfolio-runs')
  @Endpoint({
    summary: "The round's portfolio runs, newest first, to compare (organisers)",
    response: [PortfolioRunSummary],
    errors: [...ROUND_ERRORS],
  })
  runs(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.portfolio.runs(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Get('portfolio-runs/:runId')
  @Endpoint({
    summary:
      'One portfolio run: awards, money left, what the next proposals would need, the lottery draw, infeasibility in words (organisers)',
    response: PortfolioRun,
    errors: [...ROUND_ERRORS, 'FUNDING_RUN_NOT_FOUND'],
  })
  run(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.portfolio.run(actor, labId, roundId, runId);
  }

  @LabRoles('organiser')
  @Post('portfolio-runs/:runId/replay')
  @Endpoint({
    summary:
      'Solve a run again from its stored inputs and seed and say whether it gives the same awards and draw (organisers)',
    response: PortfolioReplay,
    status: 200,
    errors: [...ROUND_ERRORS, 'FUNDING_RUN_NOT_FOUND', 'SOLVER_BUSY'],
  })
  replay(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('runId', RunId) runId: string,
  ) {
    return this.portfolio.replay(actor, labId, roundId, runId);
  }

  @LabRoles('organiser')
  @Post('portfolio-runs/:runId/adopt')
  @Endpoint({
    summary:
      "Adopt a run: its awards become the round's decisions, each with the rationale given (organisers)",
    response: PortfolioRun,
    status: 200,
    errors: [
      ...ROUND_ERRORS,
      'FUNDING_RUN_NOT_FOUND',
      'FUNDING_RUN_INFEASIBLE',
      'FUNDING_OVER_CAP',
      'FUNDING_OVER_POOL',
    ],
  })
  adopt(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('runId', RunId) runId: string,
    @Body() body: AdoptPortfolioRunDto,
  ) {
    return this.portfolio.adopt(actor, labId, roundId, runId, body);
  }

  // ---- decisions ---------------------------------------------------------------------------

  @LabRoles('organiser')
  @Get('decisions')
  @Endpoint({
    summary:
      'The funding decision of the round: every submitted proposal with its merit and decision, money awarded and left (organisers)',
    response: FundingDecisionBoard,
    errors: [...ROUND_ERRORS],
  })
  board(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.decisions.board(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Put('decisions/:proposalId')
  @Endpoint({
    summary:
      'Record the decision on one proposal: funded with an amount (within the cap, the request and the pool) or not, a rationale, an invitation to the next round (organisers)',
    response: FundingDecisionRow,
    errors: [
      ...ROUND_ERRORS,
      'FUNDING_PROPOSAL_NOT_FOUND',
      'FUNDING_DECISION_INVALID',
      'FUNDING_OVER_CAP',
      'FUNDING_OVER_REQUEST',
      'FUNDING_OVER_POOL',
      'FUNDING_DECISION_VERSION_CONFLICT',
    ],
  })
  decide(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: PutFundingDecisionDto,
  ) {
    return this.decisions.put(actor, labId, roundId, proposalId, body);
  }

  // ---- letters -----------------------------------------------------------------------------

  @LabRoles('organiser')
  @Get('letters')
  @Endpoint({
    summary: "The round's decision letters in the lab's outbox (organisers)",
    response: FundingLetters,
    errors: [...ROUND_ERRORS],
  })
  letters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.decisions.letters(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('letters')
  @Endpoint({
    summary:
      "Write the decision letters into the outbox as drafts: one per team member, with the decision, rationale, invitation and the reviewers' released comments to the team (organisers)",
    response: FundingLetters,
    status: 200,
    errors: [...ROUND_ERRORS],
  })
  composeLetters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.decisions.composeLetters(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('letters/release')
  @Endpoint({
    summary:
      'Release the drafts to the sender, confirming how many were read (organisers); the sender sends them in the background',
    response: FundingLetters,
    status: 200,
    errors: [...ROUND_ERRORS, 'FUNDING_NOTHING_TO_RELEASE', 'FUNDING_LETTERS_CHANGED'],
  })
  releaseLetters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: ReleaseFundingLettersDto,
  ) {
    return this.decisions.releaseLetters(actor, labId, roundId, body);
  }

  // ---- follow-up ---------------------------------------------------------------------------

  @LabRoles('organiser')
  @Post('progress-reports')
  @Endpoint({
    summary: 'Ask the funded teams (or those named) for a progress report by a date (organisers)',
    response: ProgressReports,
    errors: [...ROUND_ERRORS, 'FUNDING_NOT_FUNDED', 'PROGRESS_REPORT_INVALID'],
  })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: ScheduleProgressReportsDto,
  ) {
    return this.reports.schedule(actor, labId, roundId, body);
  }

  @LabRoles('organiser', 'participant', 'mentor')
  @Get('progress-reports')
  @Endpoint({
    summary:
      "Progress reports of the round: organisers every team's with who is late, team members their team's",
    response: ProgressReports,
    errors: [...ROUND_ERRORS],
  })
  reportsOfRound(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.reports.list(actor, labId, roundId);
  }

  @LabRoles('organiser', 'participant', 'mentor')
  @Put('progress-reports/:reportId')
  @Endpoint({
    summary: 'File (or refile) the team’s progress report: a short form and links (team members)',
    response: ProgressReportView,
    errors: [
      ...ROUND_ERRORS,
      'PROGRESS_REPORT_NOT_FOUND',
      'PROGRESS_REPORT_TEAM_ONLY',
      'PROGRESS_REPORT_VERSION_CONFLICT',
    ],
  })
  file(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('reportId', ReportId) reportId: string,
    @Body() body: FileProgressReportDto,
  ) {
    return this.reports.file(actor, labId, roundId, reportId, body);
  }

  @LabRoles('organiser')
  @Post('progress-reports/remind')
  @Endpoint({
    summary:
      'Remind the members of late teams (or of the reports named) through the outbox, at once (organisers)',
    response: RemindersSent,
    status: 200,
    errors: [...ROUND_ERRORS, 'FUNDING_NOTHING_LATE', 'PROGRESS_REPORT_INVALID'],
  })
  remind(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: RemindLateTeamsDto,
  ) {
    return this.reports.remind(actor, labId, roundId, body);
  }

  // ---- exports -----------------------------------------------------------------------------

  @LabRoles('organiser')
  @Get('export.json')
  @Endpoint({
    summary:
      'Proposals, reviews, scores and decisions of the round as JSON; reviewers as stable pseudonyms where review was blind (organisers)',
    response: FundingExport,
    errors: [...ROUND_ERRORS],
  })
  exportJson(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.exports.json(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Get('export.csv')
  @Endpoint({
    summary:
      'One table of the round (proposals, reviews, scores or decisions) as CSV; reviewers as pseudonyms where review was blind (organisers)',
    response: {
      mediaType: 'text/csv',
      description: 'One row per proposal, review or decision; a header row first.',
    },
    errors: [...ROUND_ERRORS],
  })
  async exportCsv(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Query() query: ExportTableQueryDto,
  ): Promise<StreamableFile> {
    const { filename, csv } = await this.exports.csv(actor, labId, roundId, query.table);
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return new StreamableFile(Buffer.from(`\uFEFF${csv}`, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
