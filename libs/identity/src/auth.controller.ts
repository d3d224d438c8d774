import { Body, Controller, Delete, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BodyLimit, CurrentActor, Endpoint, Public } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  ChangePasswordDto,
  RegisterDto,
  type SessionView,
  type UserProfile,
  accountOps,
  authOps,
} from './identity.contract.js';
import { LocalAuthGuard } from './guards/local-auth.guard.js';
import { IdentityError } from './identity.errors.js';
import { IdentityService } from './identity.service.js';
import {
  clearedRefreshCookie,
  refreshTokenOf,
  requireRefreshHeader,
  sessionWithCookie,
} from './refresh-cookie.js';

/** Sign-in bodies are a few short fields: anything larger is refused before it is parsed. */
const AUTH_BODY_LIMIT = 4_096;

@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Post('register')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint(authOps.register)
  async register(
    @Body() body: RegisterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    return sessionWithCookie(reply, await this.identity.register(body));
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint(authOps.login)
  async login(
    @Req() request: { user: UserProfile },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    return sessionWithCookie(reply, await this.identity.login(request.user));
  }

  @Public()
  @Post('refresh')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint(authOps.refresh)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    requireRefreshHeader(request.headers);
    const token = refreshTokenOf(request.headers);
    if (!token) {
      throw new IdentityError('REFRESH_TOKEN_INVALID', 'There is no session to refresh. Sign in.');
    }
    try {
      return sessionWithCookie(reply, await this.identity.refresh(token));
    } catch (error) {
      // A session that cannot be refreshed is over: the browser forgets its cookie.
      if (error instanceof IdentityError) void reply.header('set-cookie', clearedRefreshCookie());
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint(authOps.logout)
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    requireRefreshHeader(request.headers);
    const token = refreshTokenOf(request.headers);
    if (token) await this.identity.logout(token);
    void reply.header('set-cookie', clearedRefreshCookie());
  }
}

@Controller('me')
export class AccountController {
  constructor(private readonly identity: IdentityService) {}

  @Post('password')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint(accountOps.changePassword)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    return sessionWithCookie(reply, await this.identity.changePassword(actor, body));
  }

  @Delete('sessions')
  @Endpoint(accountOps.endAllSessions)
  async endAllSessions(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.identity.endAllSessions(actor);
    void reply.header('set-cookie', clearedRefreshCookie());
  }
}
