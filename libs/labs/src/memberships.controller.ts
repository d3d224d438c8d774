import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CurrentActor,
  Endpoint,
  LabRoles,
  PlatformError,
  Public,
  uuidParam,
} from '@ideas-lab/platform';
import { isLabRole, type Actor } from '@ideas-lab/domain';
import {
  AcceptedInvitation,
  AddMemberDto,
  CreateInvitationDto,
  InvitationPreview,
  InvitationView,
  Me,
  Member,
  MembersQueryDto,
} from './labs.contract.js';
import { LabIdPipe } from './labs.controller.js';
import { MembershipsService } from './memberships.service.js';

@ApiTags('labs')
@Controller('labs/:labId')
export class LabMembersController {
  constructor(private readonly memberships: MembershipsService) {}

  @LabRoles('organiser')
  @Get('members')
  @Endpoint({
    summary: 'Who holds which role in the lab (organisers), filtered by role and a search',
    response: [Member],
  })
  members(@Param('labId', LabIdPipe) labId: string, @Query() query: MembersQueryDto) {
    return this.memberships.members(labId, { role: query.role, search: query.q || undefined });
  }

  @LabRoles('organiser')
  @Post('members')
  @Endpoint({
    summary: 'Appoint an existing account as organiser or mentor (organisers, admins)',
    response: null,
    errors: ['MEMBER_ACCOUNT_NOT_FOUND'],
  })
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: AddMemberDto,
  ): Promise<void> {
    await this.memberships.addMember(actor, labId, body.email, body.role);
  }

  @LabRoles('organiser')
  @Delete('members/:userId/:role')
  @Endpoint({
    summary: 'Remove a role from a person (organisers); the last organiser stays',
    response: null,
    errors: ['MEMBERSHIP_NOT_FOUND', 'LAST_ORGANISER'],
  })
  async removeMember(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Param('role') role: string,
  ): Promise<void> {
    if (!isLabRole(role)) {
      throw new PlatformError(
        'VALIDATION_FAILED',
        'role must be organiser, mentor, participant or applicant.',
        [{ field: 'role', message: 'unknown role' }],
      );
    }
    await this.memberships.removeMember(actor, labId, userId, role);
  }

  @LabRoles('organiser')
  @Post('invitations')
  @Endpoint({
    summary:
      'Invite someone (new or existing account) as mentor or organiser; only the account with that address can accept. For mentors, `anyoneWithLink: true` instead makes a link whoever has it can accept once',
    response: InvitationView,
    errors: ['INVITATION_INVALID'],
  })
  invite(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: CreateInvitationDto,
  ) {
    return this.memberships.invite(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get('invitations')
  @Endpoint({ summary: "The lab's invitations and their status", response: [InvitationView] })
  invitations(@Param('labId', LabIdPipe) labId: string) {
    return this.memberships.invitationsOf(labId);
  }

  @LabRoles('organiser')
  @Delete('invitations/:invitationId')
  @Endpoint({
    summary: 'Withdraw a pending invitation',
    response: null,
    errors: ['INVITATION_NOT_FOUND', 'INVITATION_ALREADY_USED'],
  })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
  ): Promise<void> {
    await this.memberships.revokeInvitation(actor, labId, invitationId);
  }
}

@ApiTags('labs')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Public()
  @Get(':token')
  @Endpoint({
    summary:
      'What an invitation link offers (no sign-in needed); the invited address is shown masked',
    response: InvitationPreview,
    errors: ['INVITATION_NOT_FOUND'],
  })
  preview(@Param('token') token: string) {
    return this.memberships.previewInvitation(token);
  }

  @Post(':token/accept')
  @Endpoint({
    summary:
      'Accept an invitation with the signed-in account (it must have the invited address, unless the invitation is for anyone with the link)',
    response: AcceptedInvitation,
    status: 200,
    errors: [
      'INVITATION_FOR_SOMEONE_ELSE',
      'INVITATION_NOT_FOUND',
      'INVITATION_ALREADY_USED',
      'INVITATION_EXPIRED',
      'INVITATION_REVOKED',
    ],
  })
  accept(@CurrentActor() actor: Actor, @Param('token') token: string) {
    return this.memberships.acceptInvitation(actor, token);
  }
}

@ApiTags('account')
@Controller('me')
export class MeController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Endpoint({ summary: 'My account and my roles in each lab', response: Me })
  me(@CurrentActor() actor: Actor) {
    return this.memberships.me(actor);
  }
}
