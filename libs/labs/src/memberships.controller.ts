import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  CurrentActor,
  LabRoles,
  PlatformError,
  Public,
  uuidParam,
} from '@ideas-lab/platform';
import { isLabRole, type Actor } from '@ideas-lab/domain';
import {
  AcceptedInvitationDto,
  AddMemberDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
  MeDto,
  MemberDto,
} from './dto/membership.dto.js';
import { LabIdPipe } from './labs.controller.js';
import { MembershipsService } from './memberships.service.js';

@ApiTags('labs')
@ApiBearerAuth()
@Controller('labs/:labId')
export class LabMembersController {
  constructor(private readonly memberships: MembershipsService) {}

  @LabRoles('organiser')
  @Get('members')
  @ApiOperation({ summary: 'Who holds which role in the lab (organisers)' })
  @ApiResponse({ status: 200, type: [MemberDto] })
  @ApiErrors(401, 'UNAUTHENTICATED', 403, 'LAB_ROLE_REQUIRED', 404, 'LAB_NOT_FOUND')
  members(@Param('labId', LabIdPipe) labId: string) {
    return this.memberships.members(labId);
  }

  @LabRoles('organiser')
  @Post('members')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Appoint an existing account as organiser or mentor (organisers, admins)',
  })
  @ApiResponse({ status: 204 })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND | MEMBER_ACCOUNT_NOT_FOUND',
  )
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: AddMemberDto,
  ): Promise<void> {
    await this.memberships.addMember(actor, labId, body.email, body.role);
  }

  @LabRoles('organiser')
  @Delete('members/:userId/:role')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a role from a person (organisers); the last organiser stays' })
  @ApiResponse({ status: 204 })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND | MEMBERSHIP_NOT_FOUND',
    409,
    'LAST_ORGANISER',
  )
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
  @ApiOperation({ summary: 'Invite someone (new or existing account) as mentor or organiser' })
  @ApiResponse({ status: 201, type: InvitationDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
  )
  invite(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: CreateInvitationDto,
  ) {
    return this.memberships.invite(actor, labId, body.email, body.role);
  }

  @LabRoles('organiser')
  @Get('invitations')
  @ApiOperation({ summary: "The lab's invitations and their status" })
  @ApiResponse({ status: 200, type: [InvitationDto] })
  @ApiErrors(401, 'UNAUTHENTICATED', 403, 'LAB_ROLE_REQUIRED', 404, 'LAB_NOT_FOUND')
  invitations(@Param('labId', LabIdPipe) labId: string) {
    return this.memberships.invitationsOf(labId);
  }

  @LabRoles('organiser')
  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a pending invitation' })
  @ApiResponse({ status: 204 })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND | INVITATION_NOT_FOUND',
    409,
    'INVITATION_ALREADY_USED',
  )
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
  @ApiOperation({ summary: 'What an invitation link offers (no sign-in needed)' })
  @ApiResponse({ status: 200, type: InvitationPreviewDto })
  @ApiErrors(404, 'INVITATION_NOT_FOUND')
  preview(@Param('token') token: string) {
    return this.memberships.previewInvitation(token);
  }

  @ApiBearerAuth()
  @Post(':token/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation with the signed-in account' })
  @ApiResponse({ status: 200, type: AcceptedInvitationDto })
  @ApiErrors(
    401,
    'UNAUTHENTICATED',
    404,
    'INVITATION_NOT_FOUND',
    409,
    'INVITATION_ALREADY_USED',
    410,
    'INVITATION_EXPIRED | INVITATION_REVOKED',
  )
  accept(@CurrentActor() actor: Actor, @Param('token') token: string) {
    return this.memberships.acceptInvitation(actor, token);
  }
}

@ApiTags('account')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @ApiOperation({ summary: 'My account and my roles in each lab' })
  @ApiResponse({ status: 200, type: MeDto })
  @ApiErrors(401, 'UNAUTHENTICATED')
  me(@CurrentActor() actor: Actor) {
    return this.memberships.me(actor);
  }
}
