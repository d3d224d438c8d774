import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../support/api-client.js';
import { ideasLab, type IdeasLab } from '../support/ideas-lab.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const VOTERS = 30;
const BUDGET = 5;
const CAP = 2;
/** Each voter clicks this many times at once, half through each instance. */
const CLICKS = 12;

describe('dot voting: budget and cap under concurrent clicks from two instances, one close', () => {
  let first: TestApp;
  let second: TestApp;
  let lab: IdeasLab;
  let ideaIds: string[];
  const watchers: LiveTestClient[] = [];

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { database: first.database });
    lab = await ideasLab(first, 'voting', VOTERS);
    ideaIds = [];
    for (let i = 0; i < 4; i++) ideaIds.push((await lab.post(lab.participants[i])).id);
  }, 120_000);
  afterAll(async () => {
    for (const w of watchers) w.close();
    await lab?.db.end();
    await second?.close();
    await first?.close();
  });

  const base = () => `/api/labs/${lab.labId}/voting-sessions`;
  const via = (i: number) => request((i % 2 === 0 ? first : second).baseUrl);

  async function open(body: Record<string, unknown>) {
    const res = await request(first.baseUrl).post(base()).set(bearer(lab.organiser)).send(body);
    if (res.status !== 201) throw new Error(`open: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; endsAt: string };
  }

  it('holds every budget and cap when 30 voters click at once through two API instances, tallies blind until the timer closes it once', async () => {
    for (const [i, app] of [first, second].entries()) {
      const w = liveClient(app.baseUrl, lab.participants[i], lab.labId);
      await w.connect();
      watchers.push(w);
    }
    const session = await open({
      title: 'Blind round',
      dotBudget: BUDGET,
      perIdeaCap: CAP,
      blind: true,
      durationSeconds: 600,
    });
    // Without a shared adapter each instance reaches its own connections: the opener's sees it.
    await watchers[0].next('voting:opened', (n) => n.sessionId === session.id);

    const badCap = await request(first.baseUrl)
      .post(base())
      .set(bearer(lab.organiser))
      .send({ dotBudget: 2, perIdeaCap: 3, blind: false, durationSeconds: 60 });
    expect(badCap.status).toBe(400);
    const secondOpen = await request(first.baseUrl)
      .post(base())
      .set(bearer(lab.organiser))
      .send({ dotBudget: 2, perIdeaCap: 1, blind: false, durationSeconds: 60 });
    expect(secondOpen.status).toBe(409);
    expect(secondOpen.body.code).toBe('VOTING_SESSION_ALREADY_OPEN');

    // Every voter clicks CLICKS times at once, on ideas in turn, alternating instances.
    const clicks = lab.participants.flatMap((voter, v) =>
      Array.from({ length: CLICKS }, (_, c) =>
        via(v + c)
          .post(`${base()}/${session.id}/dots`)
          .set(bearer(voter))
          .send({ ideaId: ideaIds[(v + c) % ideaIds.length], delta: 1 })
          .then((res) => ({
            voter,
            status: res.status,
            code: res.body.code as string | undefined,
          })),
      ),
    );
    const results = await Promise.all(clicks);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const refusals = new Set(results.filter((r) => r.status !== 200).map((r) => r.code));
    expect(
      [...refusals].every((c) => c === 'VOTE_BUDGET_EXCEEDED' || c === 'VOTE_IDEA_CAP_REACHED'),
    ).toBe(true);

    const { rows } = await lab.db.query<{
      voter: string;
      used: number;
      placed: number;
      most: number;
    }>(
      `SELECT b.voter_id AS voter, b.dots_used AS used, COALESCE(sum(d.dots), 0)::int AS placed,
              COALESCE(max(d.dots), 0)::int AS most
         FROM voting_ballots b LEFT JOIN voting_dots d ON d.session_id = b.session_id AND d.voter_id = b.voter_id
        WHERE b.session_id = $1 GROUP BY b.voter_id, b.dots_used`,
      [session.id],
    );
    expect(rows).toHaveLength(VOTERS);
    for (const row of rows) {
      expect(row.placed).toBe(row.used);
      expect(row.used).toBe(BUDGET);
      expect(row.most).toBeLessThanOrEqual(CAP);
    }
    for (const voter of lab.participants) {
      const accepted = results.filter((r) => r.voter === voter && r.status === 200).length;
      expect(accepted).toBe(BUDGET);
    }

    // Blind: while open nobody sees tallies, only turnout.
    const during = await request(second.baseUrl)
      .get(`${base()}/${session.id}`)
      .set(bearer(lab.mentor));
    expect(during.body).toMatchObject({
      state: 'open',
      results: null,
      voters: { participants: VOTERS },
    });
    const mine = await request(first.baseUrl)
      .get(`${base()}/${session.id}`)
      .set(bearer(lab.participants[0]));
    expect(mine.body.myBallot.dotsLeft).toBe(0);
    expect(mine.body.myBallot.dots.reduce((n: number, d: { dots: number }) => n + d.dots, 0)).toBe(
      BUDGET,
    );

    // The deadline comes (moved to now): one of the two instances' timers closes it, once.
    await lab.db.query(`UPDATE voting_sessions SET ends_at = now() WHERE id = $1`, [session.id]);
    const closed = await Promise.any(
      watchers.map((w) => w.next('voting:closed', (n) => n.sessionId === session.id, 10_000)),
    );
    expect(closed.closedBy).toBe('timer');
    const late = await request(second.baseUrl)
      .post(`${base()}/${session.id}/dots`)
      .set(bearer(lab.mentor))
      .send({ ideaId: ideaIds[0], delta: 1 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('VOTING_SESSION_CLOSED');
    const closeAgain = await request(second.baseUrl)
      .post(`${base()}/${session.id}/close`)
      .set(bearer(lab.organiser));
    expect(closeAgain.status).toBe(409);
    const audit = await lab.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'voting.session_closed'`,
      [session.id],
    );
    expect(audit.rows[0].n).toBe(1);
    for (const w of watchers)
      expect(w.all('voting:closed').filter((n) => n.sessionId === session.id)).toEqual([]);

    const after = await request(first.baseUrl)
      .get(`${base()}/${session.id}`)
      .set(bearer(lab.participants[5]));
    expect(after.body.state).toBe('closed');
    const total = after.body.results.reduce(
      (n: number, r: { participants: number }) => n + r.participants,
      0,
    );
    expect(total).toBe(VOTERS * BUDGET);
    expect(after.body.results.every((r: { mentors: number }) => r.mentors === 0)).toBe(true);
  }, 120_000);

  it('keeps mentors on their own ballot, shows open tallies live, and lets a dot be taken back', async () => {
    const session = await open({ dotBudget: 3, perIdeaCap: 2, blind: false, durationSeconds: 600 });
    const byMentor = await request(first.baseUrl)
      .post(`${base()}/${session.id}/dots`)
      .set(bearer(lab.mentor))
      .send({ ideaId: ideaIds[1], delta: 1 });
    expect(byMentor.status).toBe(200);
    expect(byMentor.body).toMatchObject({ ballot: 'mentors', dotsLeft: 2 });
    const byOrganiser = await request(first.baseUrl)
      .post(`${base()}/${session.id}/dots`)
      .set(bearer(lab.organiser))
      .send({ ideaId: ideaIds[1], delta: 1 });
    expect(byOrganiser.status).toBe(403);
    const nothingToTake = await request(first.baseUrl)
      .post(`${base()}/${session.id}/dots`)
      .set(bearer(lab.mentor))
      .send({ ideaId: ideaIds[2], delta: -1 });
    expect(nothingToTake.status).toBe(409);
    expect(nothingToTake.body.code).toBe('VOTE_NO_DOT_TO_TAKE_BACK');

    const tally = await watchers[0].next(
      'voting:tally',
      (n) => n.sessionId === session.id && (n.tallies ?? []).some((t) => t.mentors > 0),
    );
    expect(tally.tallies!.find((t) => t.ideaId === ideaIds[1])).toMatchObject({
      mentors: 1,
      participants: 0,
    });

    const back = await request(second.baseUrl)
      .post(`${base()}/${session.id}/dots`)
      .set(bearer(lab.mentor))
      .send({ ideaId: ideaIds[1], delta: -1 });
    expect(back.body).toMatchObject({ dotsLeft: 3, dots: [] });

    await request(first.baseUrl)
      .post(`${base()}/${session.id}/dots`)
      .set(bearer(lab.mentor))
      .send({ ideaId: ideaIds[3], delta: 1 });
    const open_ = await request(first.baseUrl)
      .get(`${base()}/${session.id}`)
      .set(bearer(lab.participants[3]));
    expect(
      open_.body.results.find((r: { ideaId: string }) => r.ideaId === ideaIds[3]).mentors,
    ).toBe(1);

    const closed = await request(second.baseUrl)
      .post(`${base()}/${session.id}/close`)
      .set(bearer(lab.organiser));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', closedBy: 'organiser' });
  });
});
