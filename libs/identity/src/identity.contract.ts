import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { emailInput, isoDateTime } from '@ideas-lab/platform';

/** The identity lib's HTTP contract: every request and response shape, once. */

const password = () => z.string().max(200);

export const Register = z
  .strictObject({
    email: emailInput().meta({ example: 'ada@example.org' }),
    password: password().min(10).meta({ description: 'At least 10 characters.' }),
    displayName: z.string().min(1, 'must not be empty').max(120).meta({ example: 'Ada Lovelace' }),
  })
  .meta({ id: 'Register' });
export type Register = z.output<typeof Register>;
export class RegisterDto extends createZodDto(Register) {}

export const Login = z
  .strictObject({
    email: emailInput().meta({ example: 'organiser@ideas-lab.test' }),
    password: password().min(1, 'must not be empty'),
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
