import { Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  AdoptPortfolioRunDto,
  CreatePortfolioRunDto,
  FileProgressReportDto,
  fundingOps,
  PutFundingDecisionDto,
  ReleaseFundingLettersDto,
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
  @Endpoint(fundingOps.merit)
  merit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.portfolio.merit(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('portfolio-runs')
  @Endpoint(fundingOps.createRun)
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
  @Endpoint(fundingOps.runs)
  runs(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.portfolio.runs(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Get('portfolio-runs/:runId')
  @Endpoint(fundingOps.run)
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
  @Endpoint(fundingOps.replay)
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
  @Endpoint(fundingOps.adopt)
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
  @Endpoint(fundingOps.board)
  board(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.decisions.board(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Put('decisions/:proposalId')
  @Endpoint(fundingOps.decide)
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
  @Endpoint(fundingOps.letters)
  letters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.decisions.letters(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('letters')
  @Endpoint(fundingOps.composeLetters)
  composeLetters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.decisions.composeLetters(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('letters/release')
  @Endpoint(fundingOps.releaseLetters)
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
  @Endpoint(fundingOps.schedule)
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
  @Endpoint(fundingOps.reportsOfRound)
  reportsOfRound(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.reports.list(actor, labId, roundId);
  }

  @LabRoles('organiser', 'participant', 'mentor')
  @Put('progress-reports/:reportId')
  @Endpoint(fundingOps.file)
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
  @Endpoint(fundingOps.remind)
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
  @Endpoint(fundingOps.exportJson)
  exportJson(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.exports.json(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Get('export.csv')
  @Endpoint(fundingOps.exportCsv)
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
