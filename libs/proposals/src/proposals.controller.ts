import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles, PlatformError } from '@ideas-lab/platform';
import { FundingRoundsService } from './funding-rounds.service.js';
import {
  CompareProposalQueryDto,
  CreateFundingRoundDto,
  FundingRoundTeam,
  FundingRoundView,
  GrantProposalExtensionDto,
  ProposalComparison,
  ProposalSummary,
  ProposalVersionSummary,
  ProposalVersionView,
  ProposalView,
  SaveProposalDto,
  SubmitProposalDto,
  UpdateFundingRoundDto,
} from './proposals.contract.js';
import { FundingRoundId, LabId, TeamId } from './proposals-params.js';
import { ProposalsService } from './proposals.service.js';

const VersionNumber = new ParseIntPipe({
  exceptionFactory: () =>
    new PlatformError('VALIDATION_FAILED', 'version must be a whole number.', [
      { field: 'version', message: 'version must be a whole number' },
    ]),
});

@ApiTags('proposals')
@Controller('labs/:labId/funding-rounds')
export class FundingRoundsController {
  constructor(private readonly rounds: FundingRoundsService) {}

  @LabRoles('organiser')
  @Post()
  @Endpoint({
    summary:
      'Set up a funding round (organisers): pool, per-award cap, currency, deadline, rubric, sections, open or invite-only',
    response: FundingRoundView,
    errors: ['FUNDING_ROUND_INVALID', 'FUNDING_ROUND_NAME_TAKEN'],
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateFundingRoundDto,
  ) {
    return this.rounds.create(actor, labId, body);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get()
  @Endpoint({
    summary:
      "The lab's funding rounds: organisers and mentors every one, participants the open ones and those their team is invited to",
    response: [FundingRoundView],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.rounds.list(actor, labId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get(':fundingRoundId')
  @Endpoint({
    summary: 'One funding round with the teams one may see and where their proposals stand',
    response: FundingRoundView,
    errors: ['FUNDING_ROUND_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.rounds.get(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Patch(':fundingRoundId')
  @Endpoint({
    summary: "Change a funding round's settings (organisers), naming the version edited",
    response: FundingRoundView,
    errors: [
      'FUNDING_ROUND_NOT_FOUND',
      'FUNDING_ROUND_INVALID',
      'FUNDING_ROUND_NAME_TAKEN',
      'FUNDING_ROUND_VERSION_CONFLICT',
    ],
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Body() body: UpdateFundingRoundDto,
  ) {
    return this.rounds.update(actor, labId, roundId, body);
  }

  @LabRoles('organiser')
  @Put(':fundingRoundId/teams/:teamId/extension')
  @Endpoint({
    summary: "Give one team a later deadline than the round's (organisers); null takes it back",
    response: FundingRoundTeam,
    errors: ['FUNDING_ROUND_NOT_FOUND', 'PROPOSAL_TEAM_NOT_FOUND', 'PROPOSAL_EXTENSION_INVALID'],
  })
  extend(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: GrantProposalExtensionDto,
  ) {
    return this.rounds.grantExtension(actor, labId, roundId, teamId, body);
  }
}

/** What writing a proposal can meet besides validation and access. */
const PROPOSAL_WRITE_REFUSALS = [
  'FUNDING_ROUND_NOT_FOUND',
  'PROPOSAL_TEAM_NOT_FOUND',
  'PROPOSAL_TEAM_MEMBERS_ONLY',
  'PROPOSAL_DEADLINE_PASSED',
  'PROPOSAL_VERSION_CONFLICT',
];
const PROPOSAL_HISTORY_REFUSALS = [
  'FUNDING_ROUND_NOT_FOUND',
  'PROPOSAL_TEAM_NOT_FOUND',
  'PROPOSAL_NOT_FOUND',
];

@ApiTags('proposals')
@Controller('labs/:labId/funding-rounds/:fundingRoundId')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @LabRoles('mentor', 'organiser')
  @Get('proposals')
  @Endpoint({
    summary:
      'The proposals of a round: organisers every one (latest version), mentors the submitted ones',
    response: [ProposalSummary],
    errors: ['FUNDING_ROUND_NOT_FOUND'],
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.proposals.listOfRound(actor, labId, roundId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('teams/:teamId/proposal')
  @Endpoint({
    summary:
      "A team's proposal: its members and the organisers read the latest version, mentors the submitted one; other teams nothing",
    description:
      'Before the first save it shows version 0 with the content to start from (an invited team: its proposal to the previous round).',
    response: ProposalView,
    errors: PROPOSAL_HISTORY_REFUSALS,
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
  ) {
    return this.proposals.get(actor, labId, roundId, teamId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Post('teams/:teamId/proposal/versions')
  @Endpoint({
    summary:
      "Save the team's proposal as a new version (team members), based on the version the edit started from",
    description:
      'A save based on an older version is refused with 409 PROPOSAL_VERSION_CONFLICT; details.current is the current proposal. Teammates get `proposal:saved` on the team channel.',
    response: ProposalView,
    errors: PROPOSAL_WRITE_REFUSALS,
  })
  save(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: SaveProposalDto,
  ) {
    return this.proposals.save(actor, labId, roundId, teamId, body);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Post('teams/:teamId/proposal/submit')
  @Endpoint({
    summary:
      'Submit (or resubmit) the latest version of the proposal (team members) until the deadline or the team’s extension',
    response: ProposalView,
    status: 200,
    errors: [...PROPOSAL_WRITE_REFUSALS, 'PROPOSAL_INCOMPLETE', 'PROPOSAL_NOTHING_TO_SUBMIT'],
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
    @Body() body: SubmitProposalDto,
  ) {
    return this.proposals.submit(actor, labId, roundId, teamId, body);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('teams/:teamId/proposal/versions')
  @Endpoint({
    summary:
      'Every version of the proposal, newest first, with author and time (team and organisers)',
    response: [ProposalVersionSummary],
    errors: PROPOSAL_HISTORY_REFUSALS,
  })
  versions(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
  ) {
    return this.proposals.versions(actor, labId, roundId, teamId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('teams/:teamId/proposal/versions/:version')
  @Endpoint({
    summary: 'One version of the proposal as it was saved (team and organisers)',
    response: ProposalVersionView,
    errors: [...PROPOSAL_HISTORY_REFUSALS, 'PROPOSAL_VERSION_NOT_FOUND'],
  })
  version(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
    @Param('version', VersionNumber) version: number,
  ) {
    return this.proposals.version(actor, labId, roundId, teamId, version);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('teams/:teamId/proposal/compare')
  @Endpoint({
    summary: 'Two versions of the proposal compared section by section (team and organisers)',
    response: ProposalComparison,
    errors: [...PROPOSAL_HISTORY_REFUSALS, 'PROPOSAL_VERSION_NOT_FOUND'],
  })
  compare(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
    @Param('teamId', TeamId) teamId: string,
    @Query() query: CompareProposalQueryDto,
  ) {
    return this.proposals.compare(actor, labId, roundId, teamId, query.from, query.to);
  }
}
