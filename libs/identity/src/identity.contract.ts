import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { emailInput, isoDateTime, operations } from '@ideas-lab/platform';
import { REFRESH_COOKIE, REFRESH_CSRF_HEADER } from './refresh-cookie.js';

/** The identity lib's HTTP contract: every request and response shape, once. */

const password = () => z.string().max(200);

export const Register = z
  .strictObject({
    email: emailInput().meta({ example: 'ada@example.org' }),
    password: password().min(10).meta({ description: 'At least 10 characters.' }),
    displayName: z.string().min(1).max(120).meta({ example: 'Ada Lovelace' }),
  })
  .meta({ id: 'Register' });
export type Register = z.output<typeof Register>;
export class RegisterDto extends createZodDto(Register) {}

export const Login = z
  .strictObject({
    email: emailInput().meta({ example: 'organiser@ideas-lab.test' }),
    password: password().min(1),
  })
  .meta({ id: 'Login' });
export class LoginDto extends createZodDto(Login) {}

export const ChangePassword = z
  .strictObject({
    currentPassword: password().min(1),
    newPassword: password().min(10),
  })
  .meta({ id: 'ChangePassword' });
export type ChangePassword = z.output<typeof ChangePassword>;
export class ChangePasswordDto extends createZodDto(ChangePassword) {}

export const UserProfile = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string(), isAdmin: z.boolean() })
  .meta({ id: 'UserProfile' });
export type UserProfile = z.output<typeof UserProfile>;

export const AuthSession = z
  .object({
    accessToken: z.string().meta({ description: 'JWT to send as `Authorization: Bearer …`.' }),
    accessTokenExpiresAt: isoDateTime(),
    refreshTokenExpiresAt: isoDateTime().meta({
      description:
        'When the refresh cookie expires (the token itself is only in the HttpOnly cookie; exchange it at /api/auth/refresh).',
    }),
    user: UserProfile,
  })
  .meta({ id: 'AuthSession' });
/** What a client is told of a session: everything but the refresh token, which goes in the cookie. */
export type SessionView = z.output<typeof AuthSession>;
/** A session as the service makes it: the view and the refresh token for the cookie. */
export type AuthSession = SessionView & { refreshToken: string };

/** The header the session-cookie routes want: no cross-site form can send it. */
const REFRESH_HEADER = {
  name: REFRESH_CSRF_HEADER,
  description: 'Must be `1`: guards the session cookie against cross-site requests.',
};

/** How a route that starts a session hands over its refresh token (for its description). */
export const SESSION_COOKIE_NOTE = `The refresh token is set in the HttpOnly cookie \`${REFRESH_COOKIE}\` (Path=/api/auth, Secure, SameSite=Strict), never in the body.`;

export const authOps = operations('auth', {
  register: {
    summary: 'Create an account and start a session',
    description: SESSION_COOKIE_NOTE,
    response: AuthSession,
    errors: ['EMAIL_TAKEN'],
  },
  login: {
    summary:
      'Sign in with e-mail and password (throttled per account and address, per account, per address)',
    description: SESSION_COOKIE_NOTE,
    response: AuthSession,
    status: 200,
    errors: ['VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'TOO_MANY_LOGIN_ATTEMPTS'],
    body: LoginDto, // the guard parses it (guards run before pipes)
  },
  refresh: {
    summary:
      'Exchange the refresh cookie for a new access token and cookie (the old one is spent; reuse ends the session family)',
    description: SESSION_COOKIE_NOTE,
    response: AuthSession,
    status: 200,
    errors: [
      'REFRESH_TOKEN_INVALID',
      'REFRESH_TOKEN_EXPIRED',
      'REFRESH_TOKEN_REVOKED',
      'REFRESH_TOKEN_REUSED',
      'REFRESH_HEADER_REQUIRED',
    ],
    headers: [REFRESH_HEADER],
  },
  logout: {
    summary: 'End the session of the refresh cookie, and clear the cookie',
    response: null,
    errors: ['REFRESH_HEADER_REQUIRED'],
    headers: [REFRESH_HEADER],
  },
});

export const accountOps = operations('account', {
  changePassword: {
    summary:
      'Change my password: every session ends (access tokens within seconds, everywhere), and this one goes on with a new session',
    description: SESSION_COOKIE_NOTE,
    response: AuthSession,
    status: 200,
    errors: ['WRONG_CURRENT_PASSWORD'],
  },
  endAllSessions: {
    summary:
      'Sign out everywhere: every refresh token is revoked and every access token refused within seconds, on every instance',
    response: null,
  },
});
