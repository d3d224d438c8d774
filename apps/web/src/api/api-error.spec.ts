import { describe, expect, it } from 'vitest';
import { browserTimezone } from '../lib/lab-time';
import { ApiError, describeError } from './api-error';

describe('an API refusal that names a time', () => {
  const message =
    'Applications to this lab closed on 1 April 2027 at 17:00 EDT (America/New_York). Ask the organisers if you need an extension.';
  const refused = (timezone: string) =>
    ApiError.fromResponse(
      new Response(
        JSON.stringify({
          statusCode: 409,
          code: 'APPLICATION_DEADLINE_PASSED',
          message,
          details: { deadline: '2027-04-01T21:00:00.000Z', timezone, extended: false },
          requestId: 'r1',
        }),
        { status: 409, headers: { 'Content-Type': 'application/json' } },
      ),
    );

  it("adds the reader's own time to a deadline the server names in the lab's time", async () => {
    const error = await refused(browserTimezone() === 'Asia/Tokyo' ? 'UTC' : 'Asia/Tokyo');
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.message).toMatch(/ That is .+ your time\.$/);
    expect(describeError(error)).toBe(error.message);
    expect(error.message).not.toContain('2027-04-01T');
    expect(error.data).toMatchObject({ deadline: '2027-04-01T21:00:00.000Z' });
  });

  it('says nothing more when the reader is in the lab’s zone', async () => {
    expect((await refused(browserTimezone())).message).toBe(message);
  });
});
