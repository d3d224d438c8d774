import { describe, expect, it } from 'vitest';
import { browserTimezone } from '../lib/lab-time';
import { ApiError, describeError } from './api-error';

describe('describeError', () => {
  const message =
    'Applications to this lab closed on 1 April 2027 at 17:00 EDT (America/New_York). Ask the organisers if you need an extension.';
  const refused = (timezone: string) =>
    new ApiError({
      status: 409,
      code: 'APPLICATION_DEADLINE_PASSED',
      message,
      data: { deadline: '2027-04-01T21:00:00.000Z', timezone, extended: false },
    });

  it("adds the reader's own time to a deadline the server names in the lab's time", () => {
    const text = describeError(refused(browserTimezone() === 'Asia/Tokyo' ? 'UTC' : 'Asia/Tokyo'));
    expect(text.startsWith(message)).toBe(true);
    expect(text).toMatch(/ That is .+ your time\.$/);
    expect(text).not.toContain('2027-04-01T');
  });

  it('says nothing more when the reader is in the lab’s zone', () => {
    expect(describeError(refused(browserTimezone()))).toBe(message);
  });
});
