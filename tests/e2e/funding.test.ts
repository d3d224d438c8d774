import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProposalReviews, type ProposalMerit } from '@ideas-lab/funding';
import { bearer } from '../support/api-client.js';
import { fundingLab, inDays, type FundingLab } from '../support/funding-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The funding decision on one round: portfolio runs and the lottery, decisions within cap and
 * pool, letters through the outbox, progress reports and reminders, exports.
 *
 * The merit, released comments and reviews come through the ProposalReviews port; here it is
 * given the reviews' outcome directly (the story test drives the review lib's routes).
 */
describe('funding decision', () => {
  let app: TestApp;
  let lab: FundingLab;
  const api = () => request(app.baseUrl);
  const round = () => `/api/labs/${lab.labId}/funding-rounds/${lab.roundId}`;
  const team = (i: number) => lab.teams[i];

  beforeAll(async () => {
    app = await startTestApp();
    lab = await fundingLab(app, 'fund');
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await lab?.db.end();
    await app?.close();
  });

  async function giveReviews({ blind = false } = {}) {
    const scores = [0.9, 0.85, 0.8, 0.75, 0.62, 0.6];
    const merits: ProposalMerit[] = lab.teams.map((t, i) => ({
      proposalId: t.proposalId,
      score: scores[i],
      low: scores[i] - 0.05,
      high: scores[i] + 0.05,
      rank: i + 1,
      reviews: 3,
      flags: i >= 4 ? ['straddles-line'] : [],
    }));
    const port = app.app.get(ProposalReviews);
    vi.spyOn(port, 'meritsOfRound').mockImplementation(async (_labId, roundId) =>
      roundId === lab.roundId ? merits : [],
    );
    vi.spyOn(port, 'releasedTeamComments').mockImplementation(async (_labId, roundId) =>
      roundId === lab.roundId
        ? lab.teams.map((t) => ({ proposalId: t.proposalId, comment: `Team note for ${t.name}` }))
        : [],
    );
    vi.spyOn(port, 'reviewsOfRound').mockImplementation(async (_labId, roundId) => ({
      blind,
      reviews:
        roundId === lab.roundId
          ? lab.teams.map((t, i) => ({
              proposalId: t.proposalId,
              reviewerId: lab.mentor.userId,
              reviewerName: 'Dr Mentor Visible',
              score: scores[i],
              criteria: { merit: 4, team: 5 },
              confidence: 3,
              commentToTeam: `Team note for ${t.name}`,
              commentToPanel: `Panel only: ${t.name}`,
              submittedAt: new Date().toISOString(),
            }))
          : [],
    }));
  }

  it('refuses to weigh proposals nobody has reviewed', async () => {
    const res = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(lab.organiser))
      .send({ rules: {} });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('FUNDING_NO_MERIT');
  });

  it('funds five of six within the pool, says what is left and what the sixth would need', async () => {
    await giveReviews();
    const merit = await api().get(`${round()}/merit`).set(bearer(lab.organiser));
    expect(merit.status).toBe(200);
    expect(merit.body.proposals.map((p: { teamName: string }) => p.teamName)).toEqual(
      lab.teams.map((t) => t.name),
    );
    const byParticipant = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(team(0).members[0]))
      .send({ rules: {} });
    expect(byParticipant.status).toBe(403);

    const run = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(lab.organiser))
      .send({ rules: {} });
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('optimal');
    expect(run.body.awards.map((a: { teamName: string }) => a.teamName).sort()).toEqual([
      'Team A',
      'Team B',
      'Team C',
      'Team D',
      'Team E',
    ]);
    expect(run.body.totalAwarded).toBe(240_000);
    expect(run.body.moneyLeft).toBe(10_000);
    expect(run.body.next[0]).toMatchObject({ teamName: 'Team F', request: 48_000 });
    expect(run.body.next[0].message).toContain('Team F');

    const rules = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(lab.organiser))
      .send({ rules: { mustFund: [team(5).proposalId], mustNotFund: [team(5).proposalId] } });
    expect(rules.status).toBe(400);
    expect(rules.body.code).toBe('FUNDING_RULES_INVALID');
  });

  it('draws a seeded lottery at the line, records it, and draws the same from the record', async () => {
    const first = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(lab.organiser))
      .send({ rules: {}, lottery: true, seed: 'line-2020' });
    expect(first.status).toBe(201);
    const draw = first.body.draw;
    expect(draw.seed).toBe('line-2020');
    expect(draw.candidates.map((c: { teamName: string }) => c.teamName).sort()).toEqual([
      'Team E',
      'Team F',
    ]);
    const winners = draw.candidates.filter((c: { won: boolean }) => c.won);
    expect(winners).toHaveLength(1);
    expect(first.body.awards).toHaveLength(5);

    const replay = await api()
      .post(`${round()}/portfolio-runs/${first.body.id}/replay`)
      .set(bearer(lab.organiser));
    expect(replay.status).toBe(200);
    expect(replay.body.same).toBe(true);
    expect(replay.body.replayedDrawnIds).toEqual([winners[0].proposalId]);

    const again = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(lab.organiser))
      .send({ rules: {}, lottery: true, seed: 'line-2020' });
    expect(again.body.draw.candidates).toEqual(draw.candidates);

    const runs = await api().get(`${round()}/portfolio-runs`).set(bearer(lab.organiser));
    expect(runs.body).toHaveLength(3);
    const audit = await lab.db.query(
      `SELECT data FROM audit_events WHERE lab_id = $1 AND action = 'funding.lottery_drawn' ORDER BY seq`,
      [lab.labId],
    );
    expect(audit.rows[0].data).toMatchObject({
      seed: 'line-2020',
      winners: [winners[0].proposalId],
    });
  });

  it('refuses a decision over the cap, over the request, over the pool, or on a stale version', async () => {
    const decide = (i: number, body: Record<string, unknown>) =>
      api()
        .put(`${round()}/decisions/${team(i).proposalId}`)
        .set(bearer(lab.organiser))
        .send(body);
    const overCap = await decide(0, {
      version: 0,
      outcome: 'funded',
      amount: 50_000.01,
      rationale: 'Outstanding',
    });
    expect(overCap.status).toBe(409);
    expect(overCap.body.code).toBe('FUNDING_OVER_CAP');
    const overRequest = await decide(0, {
      version: 0,
      outcome: 'funded',
      amount: 49_000,
      rationale: 'Outstanding',
    });
    expect(overRequest.body.code).toBe('FUNDING_OVER_REQUEST');
    const noAmount = await decide(0, { version: 0, outcome: 'funded', rationale: 'Outstanding' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.code).toBe('FUNDING_DECISION_INVALID');

    const runs = await api().get(`${round()}/portfolio-runs`).set(bearer(lab.organiser));
    const plain = runs.body.find((r: { lottery: boolean }) => !r.lottery);
    const adopted = await api()
      .post(`${round()}/portfolio-runs/${plain.id}/adopt`)
      .set(bearer(lab.organiser))
      .send({ rationale: 'Funded by merit within the pool.' });
    expect(adopted.status).toBe(200);
    const board = await api().get(`${round()}/decisions`).set(bearer(lab.organiser));
    expect(board.body).toMatchObject({ awarded: 240_000, left: 10_000 });
    const f = board.body.proposals.find((p: { teamName: string }) => p.teamName === 'Team F');
    expect(f.decision).toMatchObject({ outcome: 'not-funded', version: 1 });

    const overPool = await decide(5, {
      version: 1,
      outcome: 'funded',
      amount: 20_000,
      rationale: 'A partial award',
    });
    expect(overPool.status).toBe(409);
    expect(overPool.body.code).toBe('FUNDING_OVER_POOL');
    expect(overPool.body.details.left).toBe(10_000);

    const partial = await decide(5, {
      version: 1,
      outcome: 'funded',
      amount: 10_000,
      rationale: 'A small award for the pilot data.',
    });
    expect(partial.status).toBe(200);
    expect(partial.body.decision).toMatchObject({ outcome: 'funded', amount: 10_000, version: 2 });
    const stale = await decide(5, { version: 1, outcome: 'not-funded', rationale: 'Changed mind' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('FUNDING_DECISION_VERSION_CONFLICT');
    expect(stale.body.details.currentVersion).toBe(2);
    // Back to not funded, on top of the current version.
    const back = await decide(5, {
      version: 2,
      outcome: 'not-funded',
      rationale: 'Outside the pool.',
    });
    expect(back.status).toBe(200);
    const byMentor = await api().get(`${round()}/decisions`).set(bearer(lab.mentor));
    expect(byMentor.status).toBe(403);
  });

  it('invites funded teams to an invite-only second round', async () => {
    const second = await api()
      .post(`/api/labs/${lab.labId}/funding-rounds`)
      .set(bearer(lab.organiser))
      .send({
        name: 'Second round 2021',
        pool: 1_000_000,
        awardCap: 400_000,
        currency: 'USD',
        proposalsDueAt: inDays(60),
        access: 'invite-only',
        previousRoundId: lab.roundId,
        invitedTeamIds: [],
      });
    expect(second.status).toBe(201);
    const board = await api().get(`${round()}/decisions`).set(bearer(lab.organiser));
    expect(board.body.nextRounds).toEqual([{ id: second.body.id, name: 'Second round 2021' }]);
    const a = board.body.proposals.find((p: { teamName: string }) => p.teamName === 'Team A');
    const invited = await api()
      .put(`${round()}/decisions/${team(0).proposalId}`)
      .set(bearer(lab.organiser))
      .send({
        version: a.decision.version,
        outcome: 'funded',
        amount: 48_000,
        rationale: 'Funded by merit; invited to scale up.',
        invitedToRoundId: second.body.id,
      });
    expect(invited.status).toBe(200);
    expect(invited.body.decision.invitedToRound).toEqual({
      id: second.body.id,
      name: 'Second round 2021',
    });
    const seen = await api()
      .get(`/api/labs/${lab.labId}/funding-rounds/${second.body.id}`)
      .set(bearer(team(0).members[0]));
    expect(seen.status).toBe(200);
    expect(seen.body.invitedTeamIds).toEqual([team(0).id]);
    const notInvited = await api()
      .get(`/api/labs/${lab.labId}/funding-rounds/${second.body.id}`)
      .set(bearer(team(1).members[0]));
    expect(notInvited.status).toBe(404);

    const wrong = await api()
      .put(`${round()}/decisions/${team(1).proposalId}`)
      .set(bearer(lab.organiser))
      .send({
        version: 1,
        outcome: 'funded',
        amount: 48_000,
        rationale: 'x',
        invitedToRoundId: lab.roundId,
      });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('FUNDING_DECISION_INVALID');
  });

  it('puts a letter per team member in the outbox with only the comments to the team, released on confirmation', async () => {
    const composed = await api().post(`${round()}/letters`).set(bearer(lab.organiser));
    expect(composed.status).toBe(200);
    expect(composed.body.drafts).toBe(12);
    const toA = composed.body.letters.filter((l: { teamName: string }) => l.teamName === 'Team A');
    expect(toA.map((l: { recipient: string }) => l.recipient).sort()).toEqual(
      team(0)
        .members.map((_, i) => `p${i}-fund@example.test`)
        .sort(),
    );
    expect(toA[0].body).toContain('USD 48,000.00');
    expect(toA[0].body).toContain('Team note for Team A');
    expect(toA[0].body).toContain('Second round 2021');
    for (const letter of composed.body.letters as { body: string; teamName: string }[]) {
      expect(letter.body).not.toContain('Panel only');
      expect(letter.body).toContain(`Team note for ${letter.teamName}`);
    }
    const f = composed.body.letters.find((l: { teamName: string }) => l.teamName === 'Team F');
    expect(f.body).toContain('not funded');

    // The selection outbox does not list them.
    const selection = await api().get(`/api/labs/${lab.labId}/letters`).set(bearer(lab.organiser));
    if (selection.status === 200) expect(selection.body.letters).toEqual([]);

    const wrongCount = await api()
      .post(`${round()}/letters/release`)
      .set(bearer(lab.organiser))
      .send({ drafts: 11 });
    expect(wrongCount.status).toBe(409);
    expect(wrongCount.body.code).toBe('FUNDING_LETTERS_CHANGED');
    const released = await api()
      .post(`${round()}/letters/release`)
      .set(bearer(lab.organiser))
      .send({ drafts: 12 });
    expect(released.status).toBe(200);
    expect(released.body.drafts).toBe(0);
    expect(released.body.released).toBe(12);
    // The background sender records each (no SMTP here: logged as what would be sent).
    await expect
      .poll(async () => {
        const res = await api().get(`${round()}/letters`).set(bearer(lab.organiser));
        return res.body.letters.filter((l: { status: string }) => l.status === 'logged').length;
      })
      .toBe(12);
  });

  it('lets a funded team file its progress report; late teams are listed and reminded', async () => {
    const none = await api()
      .post(`${round()}/progress-reports`)
      .set(bearer(lab.organiser))
      .send({ title: 'Report', dueAt: inDays(10), teamIds: [team(5).id] });
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('PROGRESS_REPORT_INVALID');
    const late = await api()
      .post(`${round()}/progress-reports`)
      .set(bearer(lab.organiser))
      .send({ title: '6-month report', dueAt: inDays(-1) });
    expect(late.status).toBe(201);
    expect(late.body.reports).toHaveLength(5);
    expect(late.body.late).toHaveLength(5);

    const mine = await api()
      .get(`${round()}/progress-reports`)
      .set(bearer(team(0).members[1]));
    expect(mine.status).toBe(200);
    expect(mine.body.reports).toHaveLength(1);
    const report = mine.body.reports[0];
    expect(report).toMatchObject({ status: 'late', canFile: true, team: { name: 'Team A' } });

    const notMine = await api()
      .put(`${round()}/progress-reports/${report.id}`)
      .set(bearer(team(1).members[0]))
      .send({ version: report.version, summary: 'Not ours' });
    expect(notMine.status).toBe(404);
    const badLink = await api()
      .put(`${round()}/progress-reports/${report.id}`)
      .set(bearer(team(0).members[1]))
      .send({
        version: report.version,
        summary: 'x',
        links: [{ label: 'x', url: 'javascript:alert(1)' }],
      });
    expect(badLink.status).toBe(400);
    const filed = await api()
      .put(`${round()}/progress-reports/${report.id}`)
      .set(bearer(team(0).members[1]))
      .send({
        version: report.version,
        summary: 'Calibrated the model on 40 patients.',
        outcomes: 'A preprint.',
        links: [{ label: 'Preprint', url: 'https://example.org/preprint' }],
      });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed-late', version: 2 });
    const stale = await api()
      .put(`${round()}/progress-reports/${report.id}`)
      .set(bearer(team(0).members[0]))
      .send({ version: report.version, summary: 'Again' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PROGRESS_REPORT_VERSION_CONFLICT');

    const all = await api().get(`${round()}/progress-reports`).set(bearer(lab.organiser));
    expect(all.body.late).toHaveLength(4);
    const reminded = await api()
      .post(`${round()}/progress-reports/remind`)
      .set(bearer(lab.organiser))
      .send({});
    expect(reminded.status).toBe(200);
    expect(reminded.body).toMatchObject({ letters: 8 });
    expect(reminded.body.reminded.sort()).toEqual([...all.body.late].sort());
    const outbox = await lab.db.query(
      `SELECT recipient, subject FROM decision_letters WHERE lab_id = $1 AND kind = 'reminder'`,
      [lab.labId],
    );
    expect(outbox.rows).toHaveLength(8);
    expect(outbox.rows.map((r) => r.recipient)).not.toContain('p0-fund@example.test');
    expect(outbox.rows[0].subject).toContain('6-month report');
    const after = await api().get(`${round()}/progress-reports`).set(bearer(lab.organiser));
    const lateOne = after.body.reports.find((r: { id: string }) => r.id === all.body.late[0]);
    expect(lateOne.reminders).toBe(1);
  });

  it('exports proposals, reviews, scores and decisions, with blind reviewers as stable pseudonyms', async () => {
    vi.restoreAllMocks();
    await giveReviews({ blind: true });
    const json = await api().get(`${round()}/export.json`).set(bearer(lab.organiser));
    expect(json.status).toBe(200);
    expect(json.body.anonymised).toBe(true);
    expect(json.body.proposals).toHaveLength(6);
    expect(json.body.decisions).toHaveLength(6);
    const reviewers = new Set(json.body.reviews.map((r: { reviewer: string }) => r.reviewer));
    expect(reviewers.size).toBe(1);
    const [pseudonym] = [...reviewers] as string[];
    expect(pseudonym).toMatch(/^Reviewer [0-9A-Z]+$/);
    expect(JSON.stringify(json.body)).not.toContain('Dr Mentor Visible');
    expect(JSON.stringify(json.body)).not.toContain(lab.mentor.userId);

    const csv = await api().get(`${round()}/export.csv?table=reviews`).set(bearer(lab.organiser));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(pseudonym);
    expect(csv.text).not.toContain('Dr Mentor Visible');
    const decisions = await api()
      .get(`${round()}/export.csv?table=decisions`)
      .set(bearer(lab.organiser));
    expect(decisions.text.split('\r\n')[0]).toContain('outcome');
    expect(decisions.text).toContain('Second round 2021');
    const bad = await api().get(`${round()}/export.csv?table=secrets`).set(bearer(lab.organiser));
    expect(bad.status).toBe(400);

    vi.restoreAllMocks();
    await giveReviews({ blind: false });
    const open = await api().get(`${round()}/export.json`).set(bearer(lab.organiser));
    expect(open.body.anonymised).toBe(false);
    expect(open.body.reviews[0].reviewer).toBe('Dr Mentor Visible');
  });
});
