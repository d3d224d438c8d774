import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideLoginAttempt,
  type LoginThrottleCounter,
  type LoginThrottlePolicy,
  type LoginThrottleScope,
} from './login-throttle.js';

const now = new Date('2026-07-20T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const policy: LoginThrottlePolicy = {
  freeFailuresPerAccountAddress: 5,
  maxFailuresPerAccount: 100,
  maxFailuresPerAddress: 30,
  windowSeconds: 900,
};
const counters = (entries: [LoginThrottleScope, LoginThrottleCounter][]) => new Map(entries);
const counter = (failures: number, lastFailureSecondsAgo: number, windowSecondsAgo = 600) => ({
  failures,
  windowStartedAt: ago(windowSecondsAgo),
  lastFailureAt: ago(lastFailureSecondsAgo),
});

describe('decideLoginAttempt', () => {
  it('lets a first attempt through and reserves it on every counter', () => {
    const decision = decideLoginAttempt({ counters: new Map(), policy, now });
    expect(decision).toEqual({
      allowed: true,
      counters: new Map([
        ['account-address', { failures: 1, windowStartedAt: now, lastFailureAt: now }],
        ['account', { failures: 1, windowStartedAt: now, lastFailureAt: now }],
        ['address', { failures: 1, windowStartedAt: now, lastFailureAt: now }],
      ]),
    });
  });

  it('lets the free failures of one account from one address through at once', () => {
    const decision = decideLoginAttempt({
      counters: counters([['account-address', counter(4, 0)]]),
      policy,
      now,
    });
    expect(decision.allowed).toBe(true);
  });

  it.each([
    [5, 0, 30],
    [5, 10, 20],
    [6, 0, 60],
    [7, 0, 120],
    [9, 0, 480],
    [10, 0, 900],
    [30, 0, 900],
  ])(
    'after %i failures, the last %i s ago, one account from one address waits %i s',
    (failures, lastAgo, wait) => {
      expect(
        decideLoginAttempt({
          counters: counters([['account-address', counter(failures, lastAgo)]]),
          policy,
          now,
        }),
      ).toEqual({ allowed: false, retryAfterSeconds: wait });
    },
  );

  it('lets one account from one address try again once its delay has passed', () => {
    const decision = decideLoginAttempt({
      counters: counters([['account-address', counter(6, 61)]]),
      policy,
      now,
    });
    expect(decision.allowed).toBe(true);
    if (decision.allowed) expect(decision.counters.get('account-address')?.failures).toBe(7);
  });

  it('forgets the failures of one account from one address a window after the last one', () => {
    const decision = decideLoginAttempt({
      counters: counters([['account-address', counter(40, 900, 5000)]]),
      policy,
      now,
    });
    expect(decision.allowed).toBe(true);
    if (decision.allowed)
      expect(decision.counters.get('account-address')).toEqual({
        failures: 1,
        windowStartedAt: now,
        lastFailureAt: now,
      });
  });

  it('throttles an account from anywhere only past its much looser limit, until the window ends', () => {
    expect(
      decideLoginAttempt({ counters: counters([['account', counter(99, 0)]]), policy, now })
        .allowed,
    ).toBe(true);
    expect(
      decideLoginAttempt({ counters: counters([['account', counter(100, 0, 600)]]), policy, now }),
    ).toEqual({ allowed: false, retryAfterSeconds: 300 });
    expect(
      decideLoginAttempt({ counters: counters([['account', counter(100, 0, 900)]]), policy, now })
        .allowed,
    ).toBe(true);
  });

  it('throttles an address that tries many accounts', () => {
    expect(
      decideLoginAttempt({ counters: counters([['address', counter(30, 0, 100)]]), policy, now }),
    ).toEqual({ allowed: false, retryAfterSeconds: 800 });
  });

  it('waits for the longest of the counters that refuse', () => {
    expect(
      decideLoginAttempt({
        counters: counters([
          ['account-address', counter(5, 0)],
          ['address', counter(30, 0, 100)],
        ]),
        policy,
        now,
      }),
    ).toEqual({ allowed: false, retryAfterSeconds: 800 });
  });

  it('never lets more than the free failures through from one address at the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (attempts) => {
        let state = new Map<LoginThrottleScope, LoginThrottleCounter>();
        let allowed = 0;
        for (let i = 0; i < attempts; i++) {
          const decision = decideLoginAttempt({ counters: state, policy, now });
          if (decision.allowed) {
            allowed += 1;
            state = decision.counters;
          }
        }
        expect(allowed).toBe(Math.min(attempts, policy.freeFailuresPerAccountAddress));
      }),
    );
  });
});
