/**
 * Rules for using a refresh token. Tokens rotate: each use spends the token and issues a
 * new one in the same family. Presenting a spent token again means it was copied, so the
 * whole family is revoked (reuse detection).
 */
export interface RefreshTokenState {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

export type RefreshTokenDecision =
  | { outcome: 'rotate' }
  | { outcome: 'unknown' }
  | { outcome: 'expired' }
  | { outcome: 'revoked' }
  | { outcome: 'reused'; revokeFamily: true };

export function decideRefreshTokenUse(input: {
  token: RefreshTokenState | null;
  now: Date;
}): RefreshTokenDecision {
  const { token, now } = input;
  if (token === null) return { outcome: 'unknown' };
  if (token.usedAt !== null) return { outcome: 'reused', revokeFamily: true };
  if (token.revokedAt !== null) return { outcome: 'revoked' };
  if (token.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return { outcome: 'rotate' };
}
