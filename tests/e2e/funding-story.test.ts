import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Session } from '../support/api-client.js';
import { addMentors, inDays, proposalContent } from '../support/funding-lab.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The 2020 Cancer Patient Digital Twin story on a fresh lab, through the API with every lib
 * real (no port stubbed): six teams submit, six mentors are assigned and review, comments are
 * released, the proposals are ranked, a portfolio run funds five, three of them are invited to
 * an invite-only second round and start from their funded proposal, decision letters go
 * through the outbox, a progress report is filed and a late team is reminded.
 */

const POOL = 250_000;
const CAP = 50_000;
/** What each team asks for: any five fit the pool, all six do not. */
const REQUESTS = [49_000, 48_000, 47_500, 46_000, 45_000, 44_000];
const AREAS = ['Predicting response', 'Understanding the tumour', 'Using twins in the clinic'];
/**
 * Rubric scores by team: A strongest, B to E alike, F weakest. Merit is standardised per
 * reviewer over the three proposals each one reviews, and which three depends on the mentors'
 * random ids; with a gradient among B to E, a reviewer of B, D and E made B look as strong as a
 * reviewer of A, B and C made A (the ranking put B first in one run of CI). With B to E alike,
 * A is above and F below every other proposal for each reviewer, whatever the assignment.
 */
const MERIT = [5, 3, 3, 3, 3, 1];
const TEAMWORK = [5, 3, 3, 3, 3, 1];

interface StoryTeam {
  id: string;
  name: string;
  members: Session[];
  proposalId: string;
  title: string;
}

describe('the 2020 story end to end: proposals, review, funding, second round, follow-up', () => {
  let app: TestApp;
  let lab: LiveLab;
  let roundId: string;
  let secondRoundId: string;
  const mentors: Session[] = [];
  const teams: StoryTeam[] = [];
  const api = () => request(app.baseUrl);
  const labPath = () => `/api/labs/${lab.labId}`;
  const round = (id = roundId) => `${labPath()}/funding-rounds/${id}`;
  const review = (proposalId: string) => `${round()}/review/proposals/${proposalId}`;
  const teamNamed = (name: string) => teams.find((t) => t.name === name)!;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'story', 12);
    mentors.push(lab.mentor, ...(await addMentors(app, lab, 'story', 5)));
  });

  afterAll(async () => {
    await lab?.db.end();
    await app?.close();
  });

  it('six teams write and submit six proposals to a round whose pool fits five awards', async () => {
    const created = await api()
      .post(`${labPath()}/funding-rounds`)
      .set(bearer(lab.organiser))
      .send({
        name: 'Seed funding 2020',
        pool: POOL,
        awardCap: CAP,
        currency: 'USD',
        proposalsDueAt: inDays(7),
        rubric: [
          { id: 'merit', label: 'Scientific merit', weight: 2, scale: { min: 1, max: 5 } },
          { id: 'team', label: 'Team', weight: 1, scale: { min: 1, max: 5 } },
        ],
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    roundId = created.body.id;
    for (let i = 0; i < 6; i++) {
      const name = `Team ${String.fromCharCode(65 + i)}`;
      const members = lab.participants.slice(2 * i, 2 * i + 2);
      const team = await api()
        .post(`${labPath()}/teams`)
        .set(bearer(lab.organiser))
        .send({ name, memberIds: members.map((m) => m.userId) });
      expect(team.status).toBe(201);
      const path = `${round()}/teams/${team.body.id}/proposal`;
      const title = `Digital twin proposal of ${name}`;
      const saved = await api()
        .post(`${path}/versions`)
        .set(bearer(members[0]))
        .send({ baseVersion: 0, content: proposalContent(title, AREAS[i % 3], REQUESTS[i]) });
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
      const submitted = await api()
        .post(`${path}/submit`)
        .set(bearer(members[1]))
        .send({ version: saved.body.version });
      expect(submitted.status).toBe(200);
      teams.push({ id: team.body.id, name, members, proposalId: saved.body.id, title });
    }
    const listed = await api().get(`${round()}/proposals`).set(bearer(lab.organiser));
    expect(listed.body.map((p: { status: string }) => p.status)).toEqual(
      Array(6).fill('submitted'),
    );
    await lab.db.query(`UPDATE labs SET phase = 'review' WHERE id = $1`, [lab.labId]);
  });

  it('assigns three mentors per proposal, never one who declared a conflict with a member', async () => {
    for (const [m, mentor] of mentors.entries()) {
      const declared = await api()
        .put(`${labPath()}/reviewers/me`)
        .set(bearer(mentor))
        .send({
          expertise: [m % 2 === 0 ? 'clinical' : 'computational'],
          ...(m === 5 && { conflicts: [{ applicantEmail: teamNamed('Team A').members[1].email }] }),
        });
      expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    }
    const run = await api()
      .post(`${round()}/review/assignment-runs`)
      .set(bearer(lab.organiser))
      .send({ reviewsPerProposal: 3, seed: 'story-2020' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ complete: true, proposals: 6, added: 18 });
    const listed = await api().get(`${round()}/review/assignments`).set(bearer(lab.organiser));
    const assignments: { proposalId: string; reviewerId: string }[] = listed.body.assignments;
    for (const team of teams)
      expect(assignments.filter((a) => a.proposalId === team.proposalId)).toHaveLength(3);
    expect(assignments).not.toContainEqual(
      expect.objectContaining({
        proposalId: teamNamed('Team A').proposalId,
        reviewerId: mentors[5].userId,
      }),
    );
    // Mentors are honest brokers: none is on a team.
    const members = teams.flatMap((t) => t.members.map((m) => m.userId));
    expect(mentors.some((m) => members.includes(m.userId))).toBe(false);
  });

  it("has the mentors review; a reviewer reads the others' reviews only after submitting", async () => {
    const listed = await api().get(`${round()}/review/assignments`).set(bearer(lab.organiser));
    const assignments: { proposalId: string; reviewerId: string }[] = listed.body.assignments;
    const [first, second] = assignments.filter(
      (a) => a.proposalId === teamNamed('Team A').proposalId,
    );
    const reviewerOf = (id: string) => mentors.find((m) => m.userId === id)!;
    const submit = (a: { proposalId: string; reviewerId: string }) => {
      const t = teams.findIndex((x) => x.proposalId === a.proposalId);
      return api()
        .post(`${review(a.proposalId)}/my-review/submit`)
        .set(bearer(reviewerOf(a.reviewerId)))
        .send({
          scores: { merit: MERIT[t], team: TEAMWORK[t] },
          confidence: 4,
          teamComment: `To ${teams[t].name}: name your validation cohort early.`,
          panelComment: `PANEL ONLY on ${teams[t].name}: the budget is tight.`,
        });
    };
    expect((await submit(first)).status).toBe(200);
    const hidden = await api()
      .get(`${review(first.proposalId)}/reviews`)
      .set(bearer(reviewerOf(second.reviewerId)));
    expect(hidden.status).toBe(403);
    expect(hidden.body.code).toBe('PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED');
    for (const a of assignments.filter((x) => x !== first)) {
      const res = await submit(a);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const open = await api()
      .get(`${review(first.proposalId)}/reviews`)
      .set(bearer(reviewerOf(second.reviewerId)));
    expect(open.status).toBe(200);
    expect(open.body.reviews).toHaveLength(3);
    const overview = await api().get(`${round()}/review`).set(bearer(lab.organiser));
    expect(overview.body.progress).toMatchObject({ assigned: 18, submitted: 18 });
  });

  it('releases the comments to the teams: a team reads its own, never a panel comment', async () => {
    const teamA = teamNamed('Team A');
    const feedback = `${round()}/teams/${teamA.id}/review-feedback`;
    const before = await api().get(feedback).set(bearer(teamA.members[0]));
    expect(before.body).toMatchObject({ released: false, comments: [] });
    const overview = await api().get(`${round()}/review`).set(bearer(lab.organiser));
    const released = await api()
      .post(`${round()}/review/release-comments`)
      .set(bearer(lab.organiser))
      .send({ version: overview.body.version });
    expect(released.status).toBe(200);
    const after = await api().get(feedback).set(bearer(teamA.members[0]));
    expect(after.body.released).toBe(true);
    expect(JSON.stringify(after.body)).toContain('To Team A: name your validation cohort');
    expect(JSON.stringify(after.body)).not.toContain('PANEL ONLY');
    expect(JSON.stringify(after.body)).not.toContain('Mentor');
  });

  it('ranks the proposals with an interval each and a funding line', async () => {
    const ranking = await api().get(`${round()}/ranking`).set(bearer(lab.organiser));
    expect(ranking.status).toBe(200);
    const rows: {
      teamName: string;
      score: number;
      interval: { low: number; high: number };
      reviewCount: number;
    }[] = ranking.body.proposals;
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.reviewCount).toBe(3);
      expect(row.interval.low).toBeLessThanOrEqual(row.score);
      expect(row.interval.high).toBeGreaterThanOrEqual(row.score);
    }
    expect(rows[0].teamName).toBe('Team A');
    expect(rows[5].teamName).toBe('Team F');
    expect(ranking.body.line).not.toBeNull();
    const mentorRanking = await api().get(`${round()}/ranking`).set(bearer(mentors[1]));
    expect(mentorRanking.status).toBe(403);
  });

  it('funds five proposals within the pool and the cap by a portfolio run, and says what the sixth would need', async () => {
    const run = await api()
      .post(`${round()}/portfolio-runs`)
      .set(bearer(lab.organiser))
      .send({ rules: { minAwardsPerArea: 1 }, seed: 'story' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.status).toBe('optimal');
    const awards: { teamName: string; amount: number; request: number }[] = run.body.awards;
    expect(awards.map((a) => a.teamName).sort()).toEqual([
      'Team A',
      'Team B',
      'Team C',
      'Team D',
      'Team E',
    ]);
    const total = awards.reduce((sum, a) => sum + a.amount, 0);
    expect(total).toBeLessThanOrEqual(POOL);
    expect(awards.every((a) => a.amount <= CAP && a.amount <= a.request)).toBe(true);
    expect(run.body.totalAwarded).toBe(total);
    expect(run.body.moneyLeft).toBe(POOL - total);
    expect(run.body.areas.every((a: { met: boolean }) => a.met)).toBe(true);
    expect(run.body.next[0]).toMatchObject({ teamName: 'Team F', request: 44_000 });
    expect(run.body.next[0].message).toContain('Team F');

    const adopted = await api()
      .post(`${round()}/portfolio-runs/${run.body.id}/adopt`)
      .set(bearer(lab.organiser))
      .send({
        rationale: 'Funded by merit within the pool, one award per challenge area at least.',
      });
    expect(adopted.status).toBe(200);
    const board = await api().get(`${round()}/decisions`).set(bearer(lab.organiser));
    expect(board.body).toMatchObject({ awarded: total, left: POOL - total });
    const outcomes = Object.fromEntries(
      board.body.proposals.map((p: { teamName: string; decision: { outcome: string } }) => [
        p.teamName,
        p.decision.outcome,
      ]),
    );
    expect(outcomes).toEqual({
      'Team A': 'funded',
      'Team B': 'funded',
      'Team C': 'funded',
      'Team D': 'funded',
      'Team E': 'funded',
      'Team F': 'not-funded',
    });
  });

  it('invites three funded teams to an invite-only second round; only they open it, starting from their funded proposal', async () => {
    const second = await api()
      .post(`${labPath()}/funding-rounds`)
      .set(bearer(lab.organiser))
      .send({
        name: 'Scale-up round 2021',
        pool: 1_200_000,
        awardCap: 400_000,
        currency: 'USD',
        proposalsDueAt: inDays(60),
        access: 'invite-only',
        previousRoundId: roundId,
        invitedTeamIds: [],
      });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    secondRoundId = second.body.id;
    const board = await api().get(`${round()}/decisions`).set(bearer(lab.organiser));
    for (const name of ['Team A', 'Team B', 'Team C']) {
      const row = board.body.proposals.find((p: { teamName: string }) => p.teamName === name);
      const invited = await api()
        .put(`${round()}/decisions/${row.proposalId}`)
        .set(bearer(lab.organiser))
        .send({
          version: row.decision.version,
          outcome: 'funded',
          amount: row.decision.amount,
          rationale: 'Funded by merit; invited to scale up.',
          invitedToRoundId: secondRoundId,
        });
      expect(invited.status, JSON.stringify(invited.body)).toBe(200);
    }

    const teamA = teamNamed('Team A');
    const start = await api()
      .get(`${round(secondRoundId)}/teams/${teamA.id}/proposal`)
      .set(bearer(teamA.members[0]));
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body).toMatchObject({ id: null, version: 0 });
    expect(start.body.content.title).toBe(teamA.title);
    const saved = await api()
      .post(`${round(secondRoundId)}/teams/${teamA.id}/proposal/versions`)
      .set(bearer(teamA.members[1]))
      .send({
        baseVersion: 0,
        content: {
          ...start.body.content,
          title: `${teamA.title}: scaled up`,
          budget: [
            { category: 'personnel', description: 'Two postdocs, 2 years', amount: 380_000 },
          ],
        },
      });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);

    // Team D was funded but not invited; Team F was not funded: neither can open the round.
    for (const name of ['Team D', 'Team F']) {
      const team = teamNamed(name);
      const round2 = await api().get(round(secondRoundId)).set(bearer(team.members[0]));
      expect(round2.status).toBe(404);
      const write = await api()
        .post(`${round(secondRoundId)}/teams/${team.id}/proposal/versions`)
        .set(bearer(team.members[0]))
        .send({ baseVersion: 0, content: proposalContent('Uninvited', AREAS[0], 100_000) });
      expect([403, 404]).toContain(write.status);
    }
  });

  it('refuses a save to the seed round once its deadline has passed', async () => {
    const current = await api().get(round()).set(bearer(lab.organiser));
    const moved = await api()
      .patch(round())
      .set(bearer(lab.organiser))
      .send({ version: current.body.version, proposalsDueAt: inDays(-1) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const teamF = teamNamed('Team F');
    const latest = await api()
      .get(`${round()}/teams/${teamF.id}/proposal`)
      .set(bearer(teamF.members[0]));
    const late = await api()
      .post(`${round()}/teams/${teamF.id}/proposal/versions`)
      .set(bearer(teamF.members[0]))
      .send({
        baseVersion: latest.body.latestVersion,
        content: proposalContent('Late rescue', AREAS[2], 30_000),
      });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PROPOSAL_DEADLINE_PASSED');
  });

  it('writes a letter per member with the decision and only the released comments to the team, released on confirmation', async () => {
    const composed = await api().post(`${round()}/letters`).set(bearer(lab.organiser));
    expect(composed.status).toBe(200);
    expect(composed.body).toMatchObject({ drafts: 12, released: 0, undecided: [] });
    const letters: { teamName: string; recipient: string; body: string }[] = composed.body.letters;
    for (const letter of letters) {
      const team = teamNamed(letter.teamName);
      expect(team.members.map((m) => m.email)).toContain(letter.recipient);
      expect(letter.body).toContain(`To ${team.name}: name your validation cohort`);
      expect(letter.body).not.toContain('PANEL ONLY');
      for (const other of teams.filter((t) => t !== team))
        expect(letter.body).not.toContain(`To ${other.name}:`);
    }
    const toA = letters.find((l) => l.teamName === 'Team A')!;
    expect(toA.body).toContain('USD 49,000.00');
    expect(toA.body).toContain('Scale-up round 2021');
    const toD = letters.find((l) => l.teamName === 'Team D')!;
    expect(toD.body).not.toContain('Scale-up round 2021');
    expect(letters.find((l) => l.teamName === 'Team F')!.body).toContain('not funded');

    const released = await api()
      .post(`${round()}/letters/release`)
      .set(bearer(lab.organiser))
      .send({ drafts: 12 });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ drafts: 0, released: 12 });
  });

  it('has a funded team file its progress report, and reminds a late team through the outbox', async () => {
    const teamA = teamNamed('Team A');
    const teamB = teamNamed('Team B');
    const scheduled = await api()
      .post(`${round()}/progress-reports`)
      .set(bearer(lab.organiser))
      .send({ title: 'Six-month report', dueAt: inDays(30) });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.reports).toHaveLength(5);
    const notFunded = await api()
      .post(`${round()}/progress-reports`)
      .set(bearer(lab.organiser))
      .send({ title: 'Report', dueAt: inDays(30), teamIds: [teamNamed('Team F').id] });
    expect(notFunded.status).toBe(400);

    const mine = await api().get(`${round()}/progress-reports`).set(bearer(teamA.members[1]));
    expect(mine.body.reports).toHaveLength(1);
    const [report] = mine.body.reports;
    const filed = await api()
      .put(`${round()}/progress-reports/${report.id}`)
      .set(bearer(teamA.members[1]))
      .send({
        version: report.version,
        summary: 'Calibrated the model on the first ten patients.',
        links: [{ label: 'Preprint', url: 'https://example.org/preprint' }],
      });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body).toMatchObject({ status: 'filed', canFile: true });

    const overdue = await api()
      .post(`${round()}/progress-reports`)
      .set(bearer(lab.organiser))
      .send({ title: 'Data access confirmed', dueAt: inDays(-1), teamIds: [teamB.id] });
    expect(overdue.status).toBe(201);
    expect(overdue.body.late).toHaveLength(1);
    const reminded = await api()
      .post(`${round()}/progress-reports/remind`)
      .set(bearer(lab.organiser))
      .send({});
    expect(reminded.status).toBe(200);
    expect(reminded.body).toMatchObject({ reminded: overdue.body.late, letters: 2 });
    const outbox = await lab.db.query(
      `SELECT recipient, subject FROM decision_letters WHERE lab_id = $1 AND kind = 'reminder'`,
      [lab.labId],
    );
    expect(outbox.rows.map((r) => r.recipient).sort()).toEqual(
      teamB.members.map((m) => m.email).sort(),
    );
    expect(outbox.rows[0].subject).toContain('Data access confirmed');
    const after = await api().get(`${round()}/progress-reports`).set(bearer(lab.organiser));
    const byTitle = (title: string, team: string) =>
      after.body.reports.find(
        (r: { title: string; team: { name: string } }) => r.title === title && r.team.name === team,
      );
    expect(byTitle('Data access confirmed', 'Team B')).toMatchObject({
      status: 'late',
      reminders: 1,
    });
    expect(byTitle('Six-month report', 'Team A')).toMatchObject({ status: 'filed' });
  });
});
