import { describe, expect, it } from 'vitest';
import {
  betterOffset,
  clockOffset,
  formatCountdown,
  secondsLeft,
  timerWarning,
  warningText,
} from './live-clock';

const at = (iso: string) => Date.parse(iso);

describe('server clock offset', () => {
  it.each([
    // server answered in the middle of a 200 ms round trip, 30 s ahead of the browser
    [
      '2026-07-14T15:00:30.100Z',
      at('2026-07-14T15:00:00.000Z'),
      at('2026-07-14T15:00:00.200Z'),
      30_000,
      200,
    ],
    // the browser's clock runs 2 minutes fast
    [
      '2026-07-14T15:00:00.050Z',
      at('2026-07-14T15:02:00.000Z'),
      at('2026-07-14T15:02:00.100Z'),
      -120_000,
      100,
    ],
    // a notice: no round trip known
    [
      '2026-07-14T15:00:05.000Z',
      at('2026-07-14T15:00:00.000Z'),
      at('2026-07-14T15:00:00.000Z'),
      5_000,
      0,
    ],
  ])(
    'reads %s sent %d received %d as offset %d (rtt %d)',
    (serverNow, sentAt, receivedAt, offsetMs, rttMs) => {
      expect(clockOffset({ serverNow, sentAt, receivedAt })).toEqual({ offsetMs, rttMs });
    },
  );

  it('ignores a sample that cannot be read', () => {
    expect(clockOffset({ serverNow: 'soon', sentAt: 0, receivedAt: 10 })).toBeNull();
    expect(
      clockOffset({ serverNow: '2026-07-14T15:00:00Z', sentAt: 10, receivedAt: 0 }),
    ).toBeNull();
  });

  it('prefers a measured round trip, and the shorter of two', () => {
    const notice = { offsetMs: 900, rttMs: 0, measured: false };
    const slow = { offsetMs: 1_000, rttMs: 400, measured: true };
    const fast = { offsetMs: 1_050, rttMs: 40, measured: true };
    expect(betterOffset(null, notice)).toBe(notice);
    expect(betterOffset(notice, slow)).toBe(slow);
    expect(betterOffset(slow, notice)).toBe(slow);
    expect(betterOffset(slow, fast)).toBe(fast);
    expect(betterOffset(fast, slow)).toBe(fast);
  });
});

describe('countdown', () => {
  const endsAt = '2026-07-14T15:20:00.000Z';

  it('counts on the server clock, not the browser’s', () => {
    // The browser is 90 s slow: its 15:10:00 is the server's 15:11:30.
    expect(secondsLeft({ endsAt, localNow: at('2026-07-14T15:10:00Z'), offsetMs: 90_000 })).toBe(
      510,
    );
    expect(secondsLeft({ endsAt, localNow: at('2026-07-14T15:10:00Z'), offsetMs: 0 })).toBe(600);
  });

  it('rounds a part second up, stops at zero, and is absent without a deadline', () => {
    expect(secondsLeft({ endsAt, localNow: at('2026-07-14T15:19:59.001Z'), offsetMs: 0 })).toBe(1);
    expect(secondsLeft({ endsAt, localNow: at('2026-07-14T15:25:00Z'), offsetMs: 0 })).toBe(0);
    expect(secondsLeft({ endsAt: null, localNow: 0, offsetMs: 0 })).toBeNull();
  });

  it.each([
    [0, '0:00'],
    [9, '0:09'],
    [61, '1:01'],
    [600, '10:00'],
    [3_725, '1:02:05'],
  ])('shows %d s as %s', (seconds, text) => {
    expect(formatCountdown(seconds)).toBe(text);
  });

  it.each([
    [null, 'none'],
    [301, 'none'],
    [300, 'five-minutes'],
    [61, 'five-minutes'],
    [60, 'one-minute'],
    [1, 'one-minute'],
    [0, 'ended'],
  ] as const)('at %s s left warns %s', (seconds, warning) => {
    expect(timerWarning(seconds)).toBe(warning);
  });

  it('says each warning in words, and nothing without one', () => {
    expect(warningText('five-minutes')).toMatch(/five minutes/i);
    expect(warningText('one-minute')).toMatch(/one minute/i);
    expect(warningText('none')).toBe('');
  });
});
