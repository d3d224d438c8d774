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
import type { Actor } from '@ideas-lab/domain';
import { CurrentActor, Endpoint, LabRoles, PlatformError } from '@ideas-lab/platform';
import { FundingRoundsService } from './funding-rounds.service.js';
import {
  CompareProposalQueryDto,
  CreateFundingRoundDto,
  GrantProposalExtensionDto,
  SaveProposalDto,
  SubmitProposalDto,
  UpdateFundingRoundDto,
  fundingRoundsOps,
  proposalsOps,
} from './proposals.contract.js';
import { FundingRoundId, LabId, TeamId } from './proposals-params.js';
import { ProposalsService } from './proposals.service.js';

const VersionNumber = new ParseIntPipe({
  exceptionFactory: () =>
    new PlatformError('VALIDATION_FAILED', 'version must be a whole number.', [
      { field: 'version', message: 'version must be a whole number' },
    ]),
});

@Controller('labs/:labId/funding-rounds')
export class FundingRoundsController {
  constructor(private readonly rounds: FundingRoundsService) {}

  @LabRoles('organiser')
  @Post()
  @Endpoint(fundingRoundsOps.create)
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateFundingRoundDto,
  ) {
    return this.rounds.create(actor, labId, body);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get()
  @Endpoint(fundingRoundsOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.rounds.list(actor, labId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get(':fundingRoundId')
  @Endpoint(fundingRoundsOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.rounds.get(actor, labId, roundId);
  }

  @LabRoles('organiser')
  @Patch(':fundingRoundId')
  @Endpoint(fundingRoundsOps.update)
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
  @Endpoint(fundingRoundsOps.extend)
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

@Controller('labs/:labId/funding-rounds/:fundingRoundId')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @LabRoles('mentor', 'organiser')
  @Get('proposals')
  @Endpoint(proposalsOps.list)
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('fundingRoundId', FundingRoundId) roundId: string,
  ) {
    return this.proposals.listOfRound(actor, labId, roundId);
  }

  @LabRoles('participant', 'mentor', 'organiser')
  @Get('teams/:teamId/proposal')
  @Endpoint(proposalsOps.get)
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
  @Endpoint(proposalsOps.save)
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
  @Endpoint(proposalsOps.submit)
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
  @Endpoint(proposalsOps.versions)
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
  @Endpoint(proposalsOps.version)
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
  @Endpoint(proposalsOps.compare)
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
