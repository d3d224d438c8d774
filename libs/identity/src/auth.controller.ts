import { Body, Controller, Delete, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BodyLimit, CurrentActor, Endpoint, Public } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  AuthSession,
  ChangePasswordDto,
  LoginDto,
  RegisterDto,
  type SessionView,
  type UserProfile,
} from './identity.contract.js';
import { LocalAuthGuard } from './guards/local-auth.guard.js';
import { IdentityError } from './identity.errors.js';
import { IdentityService } from './identity.service.js';
import {
  clearedRefreshCookie,
  REFRESH_COOKIE,
  REFRESH_CSRF_HEADER,
  refreshTokenOf,
  requireRefreshHeader,
  sessionWithCookie,
} from './refresh-cookie.js';

/** Sign-in bodies are a few short fields: anything larger is refused before it is parsed. */
const AUTH_BODY_LIMIT = 4_096;

const COOKIE_NOTE = `The refresh token is set in the HttpOnly cookie \`${REFRESH_COOKIE}\` (Path=/api/auth, Secure, SameSite=Strict), never in the body.`;
const csrfHeader = ApiHeader({
  name: REFRESH_CSRF_HEADER,
  required: true,
  description: 'Must be `1`: guards the session cookie against cross-site requests.',
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Post('register')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint({
    summary: 'Create an account and start a session',
    description: COOKIE_NOTE,
    response: AuthSession,
    errors: ['EMAIL_TAKEN'],
  })
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
  @Endpoint({
    summary:
      'Sign in with e-mail and password (throttled per account and address, per account, per address)',
    description: COOKIE_NOTE,
    response: AuthSession,
    status: 200,
    errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'TOO_MANY_LOGIN_ATTEMPTS'],
  })
  @ApiBody({ type: LoginDto }) // the guard parses it (guards run before pipes)
  async login(
    @Req() request: { user: UserProfile },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    return sessionWithCookie(reply, await this.identity.login(request.user));
  }

  @Public()
  @Post('refresh')
  @BodyLimit(AUTH_BODY_LIMIT)
  @csrfHeader
  @Endpoint({
    summary:
      'Exchange the refresh cookie for a new access token and cookie (the old one is spent; reuse ends the session family)',
    description: COOKIE_NOTE,
    response: AuthSession,
    status: 200,
    errors: [
      'REFRESH_TOKEN_INVALID',
      'REFRESH_TOKEN_EXPIRED',
      'REFRESH_TOKEN_REVOKED',
      'REFRESH_TOKEN_REUSED',
      'REFRESH_HEADER_REQUIRED',
    ],
  })
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
  @csrfHeader
  @Endpoint({
    summary: 'End the session of the refresh cookie, and clear the cookie',
    response: null,
    errors: ['REFRESH_HEADER_REQUIRED'],
  })
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

@ApiTags('account')
@Controller('me')
export class AccountController {
  constructor(private readonly identity: IdentityService) {}

  @Post('password')
  @BodyLimit(AUTH_BODY_LIMIT)
  @Endpoint({
    summary:
      'Change my password: every session ends (access tokens within seconds, everywhere), and this one goes on with a new session',
    description: COOKIE_NOTE,
    response: AuthSession,
    status: 200,
    errors: ['WRONG_CURRENT_PASSWORD'],
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    return sessionWithCookie(reply, await this.identity.changePassword(actor, body));
  }

  @Delete('sessions')
  @Endpoint({
    summary:
      'Sign out everywhere: every refresh token is revoked and every access token refused within seconds, on every instance',
    response: null,
  })
  async endAllSessions(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.identity.endAllSessions(actor);
    void reply.header('set-cookie', clearedRefreshCookie());
  }
}
