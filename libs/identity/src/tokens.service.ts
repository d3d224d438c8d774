import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessChanges, AppConfig, hashSecretToken, newSecretToken } from '@ideas-lab/platform';
import { decideRefreshTokenUse, type Actor } from '@ideas-lab/domain';
import { IdentityError } from './identity.errors.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { TokenEpochs } from './token-epochs.js';

export interface AccessTokenClaims {
  sub: string;
  adm: boolean;
  typ: 'access';
  /** The user's token epoch when issued (absent on tokens from before epochs: 0). */
  ep?: number;
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

/**
 * The actor of an access token's verified claims given the user's current token epoch (null:
 * the account is gone), or null when the token is of an older epoch.
 */
export function actorAt(claims: AccessTokenClaims, currentEpoch: number | null): Actor | null {
  if (currentEpoch === null || (claims.ep ?? 0) !== currentEpoch) return null;
  return { userId: claims.sub, isAdmin: claims.adm === true };
}

/** Short-lived JWT access tokens and rotating, hashed refresh tokens with reuse detection. */
@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly epochs: TokenEpochs,
    private readonly accessChanges: AccessChanges,
  ) {}

  /** Start a new family (a new login) or continue one (a rotation). */
  async issue(
    user: { id: string; isAdmin: boolean },
    familyId: string = randomUUID(),
  ): Promise<IssuedTokens> {
    const now = Date.now();
    const ep = (await this.epochs.fresh(user.id)) ?? 0;
    const claims: AccessTokenClaims = { sub: user.id, adm: user.isAdmin, typ: 'access', ep };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    const refreshToken = newSecretToken(32);
    const refreshExpiresAt = new Date(now + this.config.refreshTokenTtlSeconds * 1000);
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: hashSecretToken(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date(now + this.config.accessTokenTtlSeconds * 1000).toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
    };
  }

  /** The actor an access token speaks for (same secret and checks as HTTP), or null when it is not valid. */
  async verifyAccess(accessToken: string): Promise<Actor | null> {
    const claims = await this.accessClaims(accessToken);
    return claims ? this.actorFor(claims) : null;
  }

  /**
   * An access token's claims once its signature, expiry and kind are checked, or null; its
   * epoch is not checked yet (`actorAt`, with the user's current epoch).
   */
  async accessClaims(accessToken: string): Promise<AccessTokenClaims | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(accessToken, {
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    return claims.typ === 'access' && typeof claims.sub === 'string' ? claims : null;
  }

  /**
   * The actor of verified claims, or null: the claims must be an access token's, and of the
   * user's current token epoch (ending every session moves the epoch on).
   */
  async actorFor(claims: AccessTokenClaims): Promise<Actor | null> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return null;
    return actorAt(claims, await this.epochs.current(claims.sub));
  }

  /**
   * End every session of the user: refresh tokens revoked, access tokens of older epochs
   * refused, and open live connections closed on every instance.
   */
  async endAllSessions(userId: string, reason: string): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(userId, new Date(), reason);
    await this.epochs.bump(userId);
    await this.accessChanges.publish({ kind: 'sessions-ended', userId });
  }

  /**
   * Spend a refresh token. Returns the owner and family to issue the next pair in; a second
   * use of the same token revokes its whole family.
   */
  async spend(refreshToken: string): Promise<{ userId: string; familyId: string }> {
    const token = await this.refreshTokens.findByHash(hashSecretToken(refreshToken));
    const now = new Date();
    const decision = decideRefreshTokenUse({ token, now });
    switch (decision.outcome) {
      case 'unknown':
        throw new IdentityError(
          'REFRESH_TOKEN_INVALID',
          'This refresh token is not valid. Sign in again.',
        );
      case 'expired':
        throw new IdentityError(
          'REFRESH_TOKEN_EXPIRED',
          'Your session has expired. Sign in again.',
        );
      case 'revoked':
        throw new IdentityError('REFRESH_TOKEN_REVOKED', 'This session was ended. Sign in again.');
      case 'reused':
        await this.refreshTokens.revokeFamily(token!.familyId, now, 'reuse-detected');
        throw new IdentityError(
          'REFRESH_TOKEN_REUSED',
          'This refresh token was already used, so it may have been copied: every session started from it has been ended. Sign in again.',
        );
      case 'rotate':
        break;
    }
    const current = token!;
    if (!(await this.refreshTokens.markUsedIfUnused(current.id, now))) {
      await this.refreshTokens.revokeFamily(current.familyId, now, 'reuse-detected');
      throw new IdentityError(
        'REFRESH_TOKEN_REUSED',
        'This refresh token was used twice at once; every session started from it has been ended. Sign in again.',
      );
    }
    return { userId: current.userId, familyId: current.familyId };
  }

  /** Log out: end the family the token belongs to. Unknown tokens are ignored. */
  async revokeFamilyOf(refreshToken: string): Promise<string | null> {
    const token = await this.refreshTokens.findByHash(hashSecretToken(refreshToken));
    if (!token) return null;
    await this.refreshTokens.revokeFamily(token.familyId, new Date(), 'logout');
    return token.userId;
  }
}
