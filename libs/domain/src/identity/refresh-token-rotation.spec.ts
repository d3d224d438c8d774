import { describe, expect, it } from 'vitest';
import { decideRefreshTokenUse } from './refresh-token-rotation.js';

const now = new Date('2026-07-20T12:00:00Z');
const later = new Date('2026-07-21T12:00:00Z');
const earlier = new Date('2026-07-19T12:00:00Z');

describe('decideRefreshTokenUse', () => {
  it.each([
    ['an unknown token', null, 'unknown'],
    ['a fresh token', { usedAt: null, revokedAt: null, expiresAt: later }, 'rotate'],
    ['a spent token (reuse)', { usedAt: earlier, revokedAt: null, expiresAt: later }, 'reused'],
    [
      'a spent and revoked token is still reuse',
      { usedAt: earlier, revokedAt: earlier, expiresAt: later },
      'reused',
    ],
    ['a revoked token', { usedAt: null, revokedAt: earlier, expiresAt: later }, 'revoked'],
    ['an expired token', { usedAt: null, revokedAt: null, expiresAt: earlier }, 'expired'],
    ['a token expiring this instant', { usedAt: null, revokedAt: null, expiresAt: now }, 'expired'],
  ] as const)('%s → %s', (_, token, outcome) => {
    expect(decideRefreshTokenUse({ token, now }).outcome).toBe(outcome);
  });

  it('asks to revoke the whole family on reuse', () => {
    expect(
      decideRefreshTokenUse({ token: { usedAt: earlier, revokedAt: null, expiresAt: later }, now }),
    ).toEqual({
      outcome: 'reused',
      revokeFamily: true,
    });
  });
});
