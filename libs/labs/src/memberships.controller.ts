import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sessionWithCookie, type SessionView } from '@ideas-lab/identity';
import {
  BodyLimit,
  CurrentActor,
  Endpoint,
  LabRoles,
  PlatformError,
  Public,
  uuidParam,
} from '@ideas-lab/platform';
import { isLabRole, type Actor } from '@ideas-lab/domain';
import {
  AddMemberDto,
  CreateInvitationDto,
  MembersQueryDto,
  RegisterWithInvitationDto,
  invitationsOps,
  labMembersOps,
  meOps,
} from './labs.contract.js';
import { LabIdPipe } from './labs.controller.js';
import { MembershipsService } from './memberships.service.js';

@Controller('labs/:labId')
export class LabMembersController {
  constructor(private readonly memberships: MembershipsService) {}

  @LabRoles('organiser')
  @Get('members')
  @Endpoint(labMembersOps.members)
  members(@Param('labId', LabIdPipe) labId: string, @Query() query: MembersQueryDto) {
    return this.memberships.members(labId, { role: query.role, search: query.q || undefined });
  }

  @LabRoles('organiser')
  @Post('members')
  @Endpoint(labMembersOps.addMember)
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: AddMemberDto,
  ): Promise<void> {
    await this.memberships.addMember(actor, labId, body.email, body.role);
  }

  @LabRoles('organiser')
  @Delete('members/:userId/:role')
  @Endpoint(labMembersOps.removeMember)
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
  @Endpoint(labMembersOps.invite)
  invite(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: CreateInvitationDto,
  ) {
    return this.memberships.invite(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get('invitations')
  @Endpoint(labMembersOps.invitations)
  invitations(@Param('labId', LabIdPipe) labId: string) {
    return this.memberships.invitationsOf(labId);
  }

  @LabRoles('organiser')
  @Delete('invitations/:invitationId')
  @Endpoint(labMembersOps.revoke)
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Param('invitationId', uuidParam('invitationId')) invitationId: string,
  ): Promise<void> {
    await this.memberships.revokeInvitation(actor, labId, invitationId);
  }
}

/** A sign-up body is a few short fields, as for /auth/register. */
const SIGN_UP_BODY_LIMIT = 4_096;

@Controller('invitations')
export class InvitationsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Public()
  @Get(':token')
  @Endpoint(invitationsOps.preview)
  preview(@Param('token') token: string) {
    return this.memberships.previewInvitation(token);
  }

  @Public()
  @Get(':token/sign-up')
  @Endpoint(invitationsOps.signUpDetails)
  signUpDetails(@Param('token') token: string) {
    return this.memberships.invitationForSignUp(token);
  }

  @Public()
  @Post(':token/sign-up')
  @BodyLimit(SIGN_UP_BODY_LIMIT)
  @Endpoint(invitationsOps.signUp)
  async signUp(
    @Param('token') token: string,
    @Body() body: RegisterWithInvitationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    return sessionWithCookie(reply, await this.memberships.signUpWithInvitation(token, body));
  }

  @Post(':token/accept')
  @Endpoint(invitationsOps.accept)
  accept(@CurrentActor() actor: Actor, @Param('token') token: string) {
    return this.memberships.acceptInvitation(actor, token);
  }
}

@Controller('me')
export class MeController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Endpoint(meOps.me)
  me(@CurrentActor() actor: Actor) {
    return this.memberships.me(actor);
  }
}
