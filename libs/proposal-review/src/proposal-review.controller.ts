import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import {
  AddProposalAssignmentDto,
  DeclareProposalConflictDto,
  PostPanelMessageDto,
  ProposalRankingQueryDto,
  ProposalReviewRoundCommandDto,
  proposalReviewOps as ops,
  RunProposalAssignmentDto,
  SaveConsensusReportDto,
  SaveProposalReviewDto,
  SetConsensusLeadDto,
  UpdateProposalReviewRoundDto,
} from './proposal-review.contract.js';
import {
  AssignmentId,
  FundingRoundId,
  LabId,
  ProposalId,
  TeamId,
} from './proposal-review-params.js';
import { ProposalAssignmentService } from './proposal-assignment.service.js';
import { ProposalConflictsService } from './proposal-conflicts.service.js';
import { ProposalPanelService } from './proposal-panel.service.js';
import { ProposalRankingService } from './proposal-ranking.service.js';
import { ProposalReviewsService } from './proposal-reviews.service.js';

@Controller('labs/:labId/funding-rounds/:fundingRoundId')
export class ProposalReviewController {
  constructor(
    private readonly reviews: ProposalReviewsService,
    private readonly assignments: ProposalAssignmentService,
    private readonly panel: ProposalPanelService,
    private readonly rankings: ProposalRankingService,
    private readonly conflicts: ProposalConflictsService,
  ) {}

  // ---- organisers ----

  @LabRoles('organiser')
  @Get('review')
  @Endpoint(ops.overview)
  overview(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.reviews.overview(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Patch('review')
  @Endpoint(ops.update)
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: UpdateProposalReviewRoundDto,
  ) {
    return this.reviews.update(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Post('review/close')
  @Endpoint(ops.close)
  close(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: ProposalReviewRoundCommandDto,
  ) {
    return this.reviews.close(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Post('review/release-comments')
  @Endpoint(ops.release)
  release(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: ProposalReviewRoundCommandDto,
  ) {
    return this.reviews.release(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Post('review/assignment-runs')
  @Endpoint(ops.runAssignment)
  runAssignment(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: RunProposalAssignmentDto,
  ) {
    return this.assignments.run(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Get('review/assignments')
  @Endpoint(ops.assignments)
  assignmentsOf(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.assignments.list(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Post('review/assignments')
  @Endpoint(ops.addAssignment)
  addAssignment(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: AddProposalAssignmentDto,
  ) {
    return this.assignments.add(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Delete('review/assignments/:assignmentId')
  @Endpoint(ops.removeAssignment)
  removeAssignment(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('assignmentId', AssignmentId) assignmentId: string,
  ): Promise<void> {
    return this.assignments.remove(actor, labId, roundId, assignmentId);
  }

  @LabRoles('organiser')
  @Get('ranking')
  @Endpoint(ops.ranking)
  ranking(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Query() query: ProposalRankingQueryDto,
  ) {
    return this.rankings.ranking(actor, labId, roundId, query);
  }

  // ---- reviewers ----

  @LabRoles('mentor', 'organiser')
  @Get('review/my-conflicts')
  @Endpoint(ops.myConflicts)
  myConflicts(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.conflicts.mine(actor, labId, roundId);
  }

  @LabRoles('mentor', 'organiser')
  @Put('review/my-conflicts/:proposalId')
  @Endpoint(ops.declareConflict)
  declareConflict(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: DeclareProposalConflictDto,
  ) {
    return this.conflicts.declare(actor, labId, roundId, proposalId, body);
  }

  @LabRoles('mentor', 'organiser')
  @Delete('review/my-conflicts/:proposalId')
  @Endpoint(ops.withdrawConflict)
  withdrawConflict(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
  ) {
    return this.conflicts.withdraw(actor, labId, roundId, proposalId);
  }

  @LabRoles('mentor', 'organiser')
  @Get('review/mine')
  @Endpoint(ops.queue)
  queue(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.reviews.queue(actor, labId, roundId);
  }

  @LabRoles('mentor', 'organiser')
  @Get('review/proposals/:proposalId')
  @Endpoint(ops.open)
  open(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
  ) {
    return this.reviews.open(actor, labId, roundId, proposalId);
  }

  @LabRoles('mentor', 'organiser')
  @Put('review/proposals/:proposalId/my-review')
  @Endpoint(ops.save)
  save(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: SaveProposalReviewDto,
  ) {
    return this.reviews.save(actor, labId, roundId, proposalId, body);
  }

  @LabRoles('mentor', 'organiser')
  @Post('review/proposals/:proposalId/my-review/submit')
  @Endpoint(ops.submit)
  submit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: SaveProposalReviewDto,
  ) {
    return this.reviews.submit(actor, labId, roundId, proposalId, body);
  }

  @LabRoles('mentor', 'organiser')
  @Get('review/proposals/:proposalId/reviews')
  @Endpoint(ops.reviews)
  reviewsOf(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
  ) {
    return this.reviews.ofProposal(actor, labId, roundId, proposalId);
  }

  @LabRoles('mentor', 'organiser')
  @Get('review/proposals/:proposalId/thread')
  @Endpoint(ops.thread)
  thread(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
  ) {
    return this.panel.thread(actor, labId, roundId, proposalId);
  }

  @LabRoles('mentor', 'organiser')
  @Post('review/proposals/:proposalId/thread')
  @Endpoint(ops.post)
  post(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: PostPanelMessageDto,
  ) {
    return this.panel.post(actor, labId, roundId, proposalId, body);
  }

  @LabRoles('mentor', 'organiser')
  @Get('review/proposals/:proposalId/consensus')
  @Endpoint(ops.consensus)
  consensus(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
  ) {
    return this.panel.consensus(actor, labId, roundId, proposalId);
  }

  @LabRoles('organiser')
  @Put('review/proposals/:proposalId/consensus/lead')
  @Endpoint(ops.setLead)
  setLead(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: SetConsensusLeadDto,
  ) {
    return this.panel.setLead(actor, labId, roundId, proposalId, body);
  }

  @LabRoles('mentor', 'organiser')
  @Put('review/proposals/:proposalId/consensus')
  @Endpoint(ops.saveConsensus)
  saveConsensus(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: SaveConsensusReportDto,
  ) {
    return this.panel.saveReport(actor, labId, roundId, proposalId, body);
  }

  // ---- teams ----

  @LabRoles('participant', 'organiser')
  @Get('teams/:teamId/review-feedback')
  @Endpoint(ops.feedback)
  feedback(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
  ) {
    return this.reviews.feedback(actor, labId, roundId, teamId);
  }
}
