import { Injectable } from '@nestjs/common';
import { AppConfig, AuditService, PlatformError, TransactionRunner } from '@ideas-lab/platform';
import {
  decideLoginAttempt,
  type Actor,
  type LoginThrottlePolicy,
  type LoginThrottleScope,
} from '@ideas-lab/domain';
import type { UserEntity } from './entities/user.entity.js';
import { IdentityError } from './identity.errors.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { PasswordHasher } from './password-hasher.js';
import type { AuthSession, UserProfile } from './identity.contract.js';
import { actorAt, TokensService } from './tokens.service.js';
import { UsersRepository } from './users.repository.js';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const profileOf = (user: UserEntity): UserProfile => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  isAdmin: user.isAdmin,
});

@Injectable()
export class IdentityService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokensService,
    private readonly throttle: LoginThrottleRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    config: AppConfig,
  ) {
    this.throttlePolicy = {
      freeFailuresPerAccountAddress: config.loginFreeFailuresPerAccountAddress,
      maxFailuresPerAccount: config.loginMaxFailuresPerAccount,
      maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
      windowSeconds: config.loginWindowSeconds,
    };
  }

  private readonly throttlePolicy: LoginThrottlePolicy;

  /**
   * Create an account and start its session. `alsoInTransaction` runs with the new account in
   * the same transaction (an invitation accepted on sign-up): if it throws, no account is left.
   */
  async register(
    input: { email: string; password: string; displayName: string },
    alsoInTransaction?: (user: UserProfile) => Promise<void>,
  ): Promise<AuthSession> {
    // Hashed before the transaction: a slow hash must not hold a database connection.
    const passwordHash = await this.hasher.hash(input.password);
    return this.tx.run(async () => {
      const user = await this.createAccount({ ...input, passwordHash, isAdmin: false });
      await alsoInTransaction?.(user);
      return this.sessionFor(user);
    });
  }

  /** Create an account (used by registration, the demo seed and admin tooling). */
  async createAccount(input: {
    email: string;
    displayName: string;
    passwordHash: string;
    isAdmin: boolean;
  }): Promise<UserProfile> {
    const displayName = input.displayName.trim();
    if (!displayName) {
      throw new PlatformError('VALIDATION_FAILED', 'The request has a problem with displayName.', [
        { field: 'displayName', message: 'displayName must not be blank' },
      ]);
    }
    return this.tx.run(async () => {
      const user = await this.users.insertIfEmailFree({
        ...input,
        email: normaliseEmail(input.email),
        displayName,
      });
      if (!user) {
        throw new IdentityError(
          'EMAIL_TAKEN',
          'An account with this e-mail address already exists. Sign in instead.',
          {
            field: 'email',
          },
        );
      }
      await this.audit.append({
        actorId: user.id,
        labId: null,
        action: 'user.registered',
        entityType: 'user',
        entityId: user.id,
        data: { isAdmin: user.isAdmin },
      });
      return profileOf(user);
    });
  }

  /**
   * Check a login. The attempt is reserved first (counted as a failure under a lock, see
   * `decideLoginAttempt`), so attempts sent all at once cannot all be checked; a right password
   * takes the reservation back. The same error is given for an unknown e-mail address and a
   * wrong password.
   */
  async verifyCredentials(input: {
    email: string;
    password: string;
    address: string;
  }): Promise<UserProfile> {
    const email = normaliseEmail(input.email);
    const keys: Record<LoginThrottleScope, string> = {
      'account-address': `account-address:${email}|${input.address}`,
      account: `account:${email}`,
      address: `address:${input.address}`,
    };
    const decision = await this.tx.run(async () => {
      const stored = await this.throttle.lockCounters(Object.values(keys));
      const result = decideLoginAttempt({
        counters: new Map(
          Object.entries(keys).map(([scope, key]) => [
            scope as LoginThrottleScope,
            stored.get(key) ?? null,
          ]),
        ),
        policy: this.throttlePolicy,
        now: new Date(),
      });
      if (result.allowed) {
        await this.throttle.saveCounters(
          new Map([...result.counters].map(([scope, counter]) => [keys[scope], counter])),
        );
      }
      return result;
    });
    if (!decision.allowed) {
      const { retryAfterSeconds } = decision;
      throw new IdentityError(
        'TOO_MANY_LOGIN_ATTEMPTS',
        retryAfterSeconds < 60
          ? `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} second(s).`
          : `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
        { retryAfterSeconds },
      );
    }
    const user = await this.users.findByEmail(email);
    if (!(await this.hasher.verify(user?.passwordHash ?? null, input.password)) || !user) {
      throw new IdentityError(
        'INVALID_CREDENTIALS',
        'The e-mail address or the password is wrong.',
      );
    }
    await this.throttle.release({
      uncount: [keys.account, keys.address],
      forget: keys['account-address'],
    });
    return profileOf(user);
  }

  /** A new session for a verified user (after passport-local). */
  async login(user: UserProfile): Promise<AuthSession> {
    return this.tx.run(async () => {
      await this.audit.append({
        actorId: user.id,
        labId: null,
        action: 'user.logged_in',
        entityType: 'user',
        entityId: user.id,
      });
      return this.sessionFor(user);
    });
  }

  async refresh(refreshToken: string): Promise<AuthSession> {
    // Reuse revokes the family even though the request fails: keep that write outside a
    // transaction that the thrown error would roll back.
    const { userId, familyId } = await this.tokens.spend(refreshToken);
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityError('REFRESH_TOKEN_INVALID', 'This account no longer exists.');
    const profile = profileOf(user);
    return { ...(await this.tokens.issue(profile, familyId)), user: profile };
  }

  async logout(refreshToken: string): Promise<void> {
    await this.tx.run(async () => {
      const userId = await this.tokens.revokeFamilyOf(refreshToken);
      if (userId) {
        await this.audit.append({
          actorId: userId,
          labId: null,
          action: 'user.logged_out',
          entityType: 'user',
          entityId: userId,
        });
      }
    });
  }

  /** Change the password: every session ends (on every instance within seconds) but a new one for the caller. */
  async changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
  ): Promise<AuthSession> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new IdentityError('USER_NOT_FOUND', 'This account no longer exists.');
    if (!(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
      throw new IdentityError('WRONG_CURRENT_PASSWORD', 'The current password is wrong.', {
        field: 'currentPassword',
      });
    }
    const hash = await this.hasher.hash(input.newPassword);
    return this.tx.run(async () => {
      await this.users.updatePasswordHash(user.id, hash, new Date());
      await this.tokens.endAllSessions(user.id, 'password-changed');
      await this.audit.append({
        actorId: user.id,
        labId: null,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
      });
      return this.sessionFor(profileOf(user));
    });
  }

  /** Sign out everywhere: every refresh token revoked, every access token refused within seconds. */
  async endAllSessions(actor: Actor): Promise<void> {
    await this.tx.run(async () => {
      await this.tokens.endAllSessions(actor.userId, 'signed-out-everywhere');
      await this.audit.append({
        actorId: actor.userId,
        labId: null,
        action: 'user.signed_out_everywhere',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  /** Authenticate a non-HTTP transport (the Socket.IO handshake) with an access token. */
  verifyAccessToken(accessToken: string): Promise<Actor | null> {
    return this.tokens.verifyAccess(accessToken);
  }

  /**
   * The first half of `verifyAccessToken`, for a caller that reads the user's token epoch in
   * a query it makes anyway (the live handshake, with the person's name and roles): the
   * token's signature, expiry and kind are checked, and the answer says whose it is and who
   * it speaks for at the epoch the caller read (null: of an older epoch, or the account is
   * gone). Null when the token itself is not valid.
   */
  async readAccessToken(accessToken: string): Promise<{
    userId: string;
    /** As the token claims; to be relied on only once `actorAt` accepts the token. */
    isAdmin: boolean;
    actorAt(currentEpoch: number | null): Actor | null;
  } | null> {
    const claims = await this.tokens.accessClaims(accessToken);
    return claims
      ? {
          userId: claims.sub,
          isAdmin: claims.adm === true,
          actorAt: (currentEpoch) => actorAt(claims, currentEpoch),
        }
      : null;
  }

  async profile(userId: string): Promise<UserProfile> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityError('USER_NOT_FOUND', 'This account no longer exists.');
    return profileOf(user);
  }

  async findProfileByEmail(email: string): Promise<UserProfile | null> {
    const user = await this.users.findByEmail(normaliseEmail(email));
    return user ? profileOf(user) : null;
  }

  async profilesByIds(ids: string[]): Promise<UserProfile[]> {
    return (await this.users.findByIds(ids)).map(profileOf);
  }

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  private async sessionFor(user: UserProfile): Promise<AuthSession> {
    return { ...(await this.tokens.issue(user)), user };
  }
}
