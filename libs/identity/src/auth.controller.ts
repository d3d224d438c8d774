import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, BodyLimit, CurrentActor, Public } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  AuthSessionDto,
  ChangePasswordDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
} from './dto/auth.dto.js';
import { LocalAuthGuard } from './guards/local-auth.guard.js';
import { IdentityService, type AuthSession, type UserProfile } from './identity.service.js';

/** Sign-in bodies are a few short fields: anything larger is refused before it is parsed. */
const AUTH_BODY_LIMIT = 4_096;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Post('register')
  @BodyLimit(AUTH_BODY_LIMIT)
  @ApiOperation({ summary: 'Create an account and start a session' })
  @ApiResponse({ status: 201, type: AuthSessionDto })
  @ApiErrors(400, 'VALIDATION_FAILED', 409, 'EMAIL_TAKEN')
  register(@Body() body: RegisterDto): Promise<AuthSession> {
    return this.identity.register(body);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @BodyLimit(AUTH_BODY_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with e-mail and password (throttled per account and per address)',
  })
  @ApiBody({ type: LoginDto })
  @ApiResponse({ status: 200, type: AuthSessionDto })
  @ApiErrors(400, 'VALIDATION_FAILED', 401, 'INVALID_CREDENTIALS', 429, 'TOO_MANY_LOGIN_ATTEMPTS')
  login(@Req() request: { user: UserProfile }): Promise<AuthSession> {
    return this.identity.login(request.user);
  }

  @Public()
  @Post('refresh')
  @BodyLimit(AUTH_BODY_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange a refresh token for a new pair (the old one is spent; reuse ends the session family)',
  })
  @ApiResponse({ status: 200, type: AuthSessionDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'REFRESH_TOKEN_INVALID | REFRESH_TOKEN_EXPIRED | REFRESH_TOKEN_REVOKED | REFRESH_TOKEN_REUSED',
  )
  refresh(@Body() body: RefreshDto): Promise<AuthSession> {
    return this.identity.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @BodyLimit(AUTH_BODY_LIMIT)
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session the refresh token belongs to' })
  @ApiResponse({ status: 204 })
  @ApiErrors(400, 'VALIDATION_FAILED')
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.identity.logout(body.refreshToken);
  }
}

@ApiTags('account')
@ApiBearerAuth()
@Controller('me')
export class AccountController {
  constructor(private readonly identity: IdentityService) {}

  @Post('password')
  @BodyLimit(AUTH_BODY_LIMIT)
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (ends all my other sessions)' })
  @ApiResponse({ status: 204 })
  @ApiErrors(400, 'VALIDATION_FAILED | WRONG_CURRENT_PASSWORD', 401, 'UNAUTHENTICATED')
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.identity.changePassword(actor, body);
  }
}
