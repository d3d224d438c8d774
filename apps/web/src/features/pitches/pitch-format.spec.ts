import { describe, expect, it } from 'vitest';
import { describeClockMove, formatDuration, secondsUntil } from './pitch-format';

describe('pitch times in words', () => {
  it('says minutes and seconds as a timekeeper would', () => {
    expect(formatDuration(300)).toBe('5 min');
    expect(formatDuration(270)).toBe('4 min 30 s');
    expect(formatDuration(45)).toBe('45 s');
  });

  it('counts down on the server clock and never below zero', () => {
    const now = Date.parse('2027-07-15T15:00:00Z');
    expect(secondsUntil('2027-07-15T15:01:00.400Z', now)).toBe(61);
    expect(secondsUntil('2027-07-15T14:59:00Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBeNull();
  });

  it('says what organisers did to the running clock', () => {
    expect(describeClockMove(60)).toBe('1 min added');
    expect(describeClockMove(-90)).toBe('1 min 30 s taken off');
    expect(describeClockMove(0)).toBeNull();
  });
});
