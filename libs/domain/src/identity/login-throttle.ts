/**
 * Throttling of sign-in attempts. Three counters watch each attempt:
 *
 * - `account-address` (one account from one address): a few free failures, then each further
 *   try waits a growing delay (30 s, 1 min, 2 min … up to the window). This is what stops a
 *   guesser, and it never touches the owner signing in from elsewhere.
 * - `account` (one account from anywhere): a much looser limit per window, so a guesser with
 *   many addresses is still bounded while one address alone cannot lock the owner out.
 * - `address` (one address, any account): a limit per window against password spraying.
 *
 * An attempt is *reserved* before the password is checked (counted as a failure, under a lock)
 * and released again when the password turns out right, so attempts sent all at once cannot
 * slip past the limits between the check and the count.
 */
export type LoginThrottleScope = 'account-address' | 'account' | 'address';

export interface LoginThrottleCounter {
  failures: number;
  windowStartedAt: Date;
  lastFailureAt: Date;
}

export interface LoginThrottlePolicy {
  /** Failures of one account from one address before each further try waits. */
  freeFailuresPerAccountAddress: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

/** The first delay after the free failures of one account from one address; it doubles after. */
export const FIRST_LOGIN_DELAY_SECONDS = 30;

export type LoginAttemptDecision =
  | { allowed: true; counters: Map<LoginThrottleScope, LoginThrottleCounter> }
  | { allowed: false; retryAfterSeconds: number };

/** The counter as it stands now: a counter whose time has passed counts as none. */
function liveCounter(input: {
  scope: LoginThrottleScope;
  counter: LoginThrottleCounter | null;
  windowSeconds: number;
  now: Date;
}): LoginThrottleCounter | null {
  const { scope, counter, windowSeconds, now } = input;
  if (!counter) return null;
  // The delays of one account from one address last while the guessing goes on (a window
  // after the last failure); the limits per account and per address are per fixed window.
  const since = scope === 'account-address' ? counter.lastFailureAt : counter.windowStartedAt;
  return now.getTime() - since.getTime() >= windowSeconds * 1000 ? null : counter;
}

/** Seconds one counter makes the next attempt wait (0: it may go ahead). */
function waitSeconds(input: {
  scope: LoginThrottleScope;
  counter: LoginThrottleCounter;
  policy: LoginThrottlePolicy;
  now: Date;
}): number {
  const { scope, counter, policy, now } = input;
  const nowMs = now.getTime();
  switch (scope) {
    case 'account-address': {
      const over = counter.failures - policy.freeFailuresPerAccountAddress;
      if (over < 0) return 0;
      const delay = Math.min(FIRST_LOGIN_DELAY_SECONDS * 2 ** over, policy.windowSeconds);
      return Math.max(
        0,
        Math.ceil((counter.lastFailureAt.getTime() + delay * 1000 - nowMs) / 1000),
      );
    }
    case 'account':
    case 'address': {
      const max = scope === 'account' ? policy.maxFailuresPerAccount : policy.maxFailuresPerAddress;
      if (counter.failures < max) return 0;
      const endsAt = counter.windowStartedAt.getTime() + policy.windowSeconds * 1000;
      return Math.max(0, Math.ceil((endsAt - nowMs) / 1000));
    }
  }
}

/**
 * Decide whether a sign-in attempt may go ahead. When it may, `counters` are the counters with
 * this attempt reserved (counted as a failure), to be stored before the password is checked.
 */
export function decideLoginAttempt(input: {
  counters: ReadonlyMap<LoginThrottleScope, LoginThrottleCounter | null>;
  policy: LoginThrottlePolicy;
  now: Date;
}): LoginAttemptDecision {
  const { counters, policy, now } = input;
  const scopes: LoginThrottleScope[] = ['account-address', 'account', 'address'];
  const live = new Map(
    scopes.map((scope) => [
      scope,
      liveCounter({
        scope,
        counter: counters.get(scope) ?? null,
        windowSeconds: policy.windowSeconds,
        now,
      }),
    ]),
  );
  let retryAfterSeconds = 0;
  for (const [scope, counter] of live) {
    if (counter)
      retryAfterSeconds = Math.max(retryAfterSeconds, waitSeconds({ scope, counter, policy, now }));
  }
  if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds };
  const reserved = new Map<LoginThrottleScope, LoginThrottleCounter>();
  for (const [scope, counter] of live) {
    reserved.set(
      scope,
      counter
        ? { ...counter, failures: counter.failures + 1, lastFailureAt: now }
        : { failures: 1, windowStartedAt: now, lastFailureAt: now },
    );
  }
  return { allowed: true, counters: reserved };
}
