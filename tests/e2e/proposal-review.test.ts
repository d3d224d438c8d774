import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Session } from '../support/api-client.js';
import { addMentors, inDays } from '../support/funding-lab.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const content = (title: string, amount: number) => ({
  title,
  abstract: 'Patient-specific models that predict response to therapy.',
  aims: 'Calibrate a mechanistic model per patient.',
  approach: 'Bayesian calibration against imaging time series.',
  challengeArea: 'Predicting response to treatment',
  milestones: [{ title: 'Prototype', due: '2021-03', description: 'First calibrated model' }],
  teamRoles: [{ userId: null, name: 'Ada', role: 'Modelling lead' }],
  budget: [{ category: 'personnel', description: 'Postdoc', amount }],
});

describe('proposal review', () => {
  let app: TestApp;
  let lab: LiveLab;
  let mentors: Session[];
  let roundId: string;
  let alpha: { teamId: string; proposalId: string; members: Session[] };
  let beta: { teamId: string; proposalId: string; members: Session[] };
  const live: LiveTestClient[] = [];
  const api = () => request(app.baseUrl);
  const round = () => `/api/labs/${lab.labId}/funding-rounds/${roundId}`;
  const review = (proposalId: string) => `${round()}/review/proposals/${proposalId}`;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'prev', 6);
    mentors = [lab.mentor, ...(await addMentors(app, lab, 'prev', 2))];
    const created = await api()
      .post(`/api/labs/${lab.labId}/funding-rounds`)
      .set(bearer(lab.organiser))
      .send({
        name: 'Seed funding',
        pool: 60_000,
        awardCap: 50_000,
        currency: 'USD',
        proposalsDueAt: inDays(7),
        rubric: [
          { id: 'merit', label: 'Scientific merit', weight: 2, scale: { min: 1, max: 5 } },
          { id: 'team', label: 'Team', weight: 1, scale: { min: 1, max: 5 } },
        ],
      });
    expect(created.status).toBe(201);
    roundId = created.body.id;
    const team = async (name: string, members: Session[], amount: number) => {
      const t = await api()
        .post(`/api/labs/${lab.labId}/teams`)
        .set(bearer(lab.organiser))
        .send({ name, memberIds: members.map((m) => m.userId) });
      expect(t.status).toBe(201);
      const proposal = `${round()}/teams/${t.body.id}/proposal`;
      const saved = await api()
        .post(`${proposal}/versions`)
        .set(bearer(members[0]))
        .send({ baseVersion: 0, content: content(`${name} proposal`, amount) });
      expect(saved.status).toBe(201);
      const submitted = await api()
        .post(`${proposal}/submit`)
        .set(bearer(members[1]))
        .send({ version: 1 });
      expect(submitted.status).toBe(200);
      return { teamId: t.body.id as string, proposalId: saved.body.id as string, members };
    };
    alpha = await team('Alpha', lab.participants.slice(0, 3), 40_000);
    beta = await team('Beta', lab.participants.slice(3, 6), 30_000);
    await lab.db.query(`UPDATE labs SET phase = 'review' WHERE id = $1`, [lab.labId]);
  });

  afterAll(async () => {
    for (const client of live) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('never assigns a conflicted pair, and refuses a hand adjustment that would be one', async () => {
    // Mentor 2 declares a conflict with a member of Alpha.
    const declared = await api()
      .put(`/api/labs/${lab.labId}/reviewers/me`)
      .set(bearer(mentors[2]))
      .send({
        expertise: ['computational'],
        conflicts: [{ applicantEmail: alpha.members[1].email }],
      });
    expect(declared.status).toBe(200);
    expect(declared.body.expertise).toEqual(['computational']);

    const run = await api()
      .post(`${round()}/review/assignment-runs`)
      .set(bearer(lab.organiser))
      .send({ reviewsPerProposal: 2, seed: 'e2e' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ complete: true, seed: 'e2e', proposals: 2, added: 4 });

    const listed = await api().get(`${round()}/review/assignments`).set(bearer(lab.organiser));
    expect(listed.status).toBe(200);
    expect(listed.body.conflicts).toEqual([
      { reviewerId: mentors[2].userId, proposalId: alpha.proposalId, reason: 'declared-person' },
    ]);
    const pairs = listed.body.assignments.map((a: { proposalId: string; reviewerId: string }) => [
      a.proposalId,
      a.reviewerId,
    ]);
    expect(pairs).toHaveLength(4);
    expect(pairs).not.toContainEqual([alpha.proposalId, mentors[2].userId]);
    expect(
      pairs
        .filter(([p]: string[]) => p === alpha.proposalId)
        .map(([, r]: string[]) => r)
        .sort(),
    ).toEqual([mentors[0].userId, mentors[1].userId].sort());
    expect(listed.body.latestRun.runId).toBe(run.body.runId);

    const refused = await api()
      .post(`${round()}/review/assignments`)
      .set(bearer(lab.organiser))
      .send({ proposalId: alpha.proposalId, reviewerId: mentors[2].userId });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PROPOSAL_ASSIGNMENT_CONFLICT_OF_INTEREST');
    expect(refused.body.message).toMatch(/declared a conflict with a member of this team/);

    // The conflicted mentor cannot open the proposal either.
    const door = await api().get(review(alpha.proposalId)).set(bearer(mentors[2]));
    expect(door.status).toBe(403);
    expect(door.body.code).toBe('PROPOSAL_REVIEW_CONFLICT_OF_INTEREST');
  });

  it("keeps others' reviews from a reviewer until their own is submitted, and lists what a submission lacks", async () => {
    const queue = await api().get(`${round()}/review/mine`).set(bearer(mentors[0]));
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { proposalId: string }) => i.proposalId)).toContain(
      alpha.proposalId,
    );

    const draft = await api()
      .put(`${review(alpha.proposalId)}/my-review`)
      .set(bearer(mentors[0]))
      .send({ scores: { merit: 4 }, teamComment: 'Clear aims.' });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', missing: ['Team', 'Confidence'] });

    const incomplete = await api()
      .post(`${review(alpha.proposalId)}/my-review/submit`)
      .set(bearer(mentors[1]))
      .send({ scores: { merit: 9 } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('PROPOSAL_REVIEW_INVALID');
    expect(incomplete.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'confidence',
      'scores.merit',
      'scores.team',
    ]);

    const organiserWatch = liveClient(app.baseUrl, lab.organiser, lab.labId);
    live.push(organiserWatch);
    await organiserWatch.connect();
    const submitted = await api()
      .post(`${review(alpha.proposalId)}/my-review/submit`)
      .set(bearer(mentors[1]))
      .send({
        scores: { merit: 5, team: 4 },
        confidence: 4,
        teamComment: 'Strong imaging pipeline; say how you will validate.',
        panelComment: 'PANEL ONLY: the PI overcommits every year.',
      });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', revision: 1, missing: [] });
    const notice = await organiserWatch.next(
      'proposal-review:submitted',
      (n) => n.proposalId === alpha.proposalId,
    );
    expect(notice).toMatchObject({
      change: 'submitted',
      progress: { submitted: 1, assigned: 2 },
    });

    const hidden = await api()
      .get(`${review(alpha.proposalId)}/reviews`)
      .set(bearer(mentors[0]));
    expect(hidden.status).toBe(403);
    expect(hidden.body.code).toBe('PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED');
    const thread = await api()
      .get(`${review(alpha.proposalId)}/thread`)
      .set(bearer(mentors[0]));
    expect(thread.status).toBe(403);

    const mine = await api()
      .post(`${review(alpha.proposalId)}/my-review/submit`)
      .set(bearer(mentors[0]))
      .send({ scores: { merit: 4, team: 3 }, confidence: 3 });
    expect(mine.status).toBe(200);
    const open = await api()
      .get(`${review(alpha.proposalId)}/reviews`)
      .set(bearer(mentors[0]));
    expect(open.status).toBe(200);
    expect(open.body.blind).toBe(true);
    const other = open.body.reviews.find((r: { mine: boolean }) => !r.mine);
    expect(other).toMatchObject({ reviewerId: null, reviewerName: 'Reviewer 1', confidence: 4 });
    expect(other.panelComment).toMatch(/PANEL ONLY/);

    // A revision is kept as a new submission.
    const revised = await api()
      .post(`${review(alpha.proposalId)}/my-review/submit`)
      .set(bearer(mentors[0]))
      .send({ scores: { merit: 3, team: 3 } });
    expect(revised.body).toMatchObject({ status: 'submitted', revision: 2 });
    const kept = await lab.db.query(
      `SELECT r.revision, r.scores FROM proposal_review_revisions r
         JOIN proposal_reviews p ON p.id = r.review_id
        WHERE p.reviewer_id = $1 AND p.proposal_id = $2 ORDER BY revision`,
      [mentors[0].userId, alpha.proposalId],
    );
    expect(kept.rows).toEqual([
      { revision: 1, scores: { merit: 4, team: 3 } },
      { revision: 2, scores: { merit: 3, team: 3 } },
    ]);

    const posted = await api()
      .post(`${review(alpha.proposalId)}/thread`)
      .set(bearer(mentors[0]))
      .send({ body: 'I scored merit lower: no validation cohort.' });
    expect(posted.status).toBe(201);
    const message = await organiserWatch.next('proposal-panel:message');
    expect(message.message.body).toBe('I scored merit lower: no validation cohort.');

    // The first reviewer submits again (the same review): it is now the latest submission, yet
    // each reviewer keeps the label they had, in the reviews and in the panel thread alike.
    await api()
      .post(`${review(alpha.proposalId)}/my-review/submit`)
      .set(bearer(mentors[1]))
      .send({ scores: { merit: 5, team: 4 }, confidence: 4 })
      .expect(200);
    const stillFirst = await api()
      .get(`${review(alpha.proposalId)}/reviews`)
      .set(bearer(mentors[0]));
    expect(stillFirst.body.reviews.find((r: { mine: boolean }) => !r.mine)).toMatchObject({
      reviewerName: 'Reviewer 1',
      panelComment: expect.stringMatching(/PANEL ONLY/),
    });
    const seenByFirst = await api()
      .get(`${review(alpha.proposalId)}/reviews`)
      .set(bearer(mentors[1]));
    const secondLabel = seenByFirst.body.reviews.find(
      (r: { mine: boolean }) => !r.mine,
    ).reviewerName;
    expect(secondLabel).toBe('Reviewer 2');
    const threadOfFirst = await api()
      .get(`${review(alpha.proposalId)}/thread`)
      .set(bearer(mentors[1]));
    expect(
      threadOfFirst.body.messages.find(
        (m: { body: string }) => m.body === 'I scored merit lower: no validation cohort.',
      ),
    ).toMatchObject({ author: null, authorLabel: secondLabel });
  });

  it('shows a team only the comments to the team, only after release, and never who reviewed', async () => {
    const feedback = () => `${round()}/teams/${alpha.teamId}/review-feedback`;
    const before = await api().get(feedback()).set(bearer(alpha.members[0]));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ released: false, comments: [] });

    const outsider = await api().get(feedback()).set(bearer(beta.members[0]));
    expect(outsider.status).toBe(404);
    const teamReadsReviews = await api()
      .get(`${review(alpha.proposalId)}/reviews`)
      .set(bearer(alpha.members[0]));
    expect(teamReadsReviews.status).toBe(403);

    const overview = await api().get(`${round()}/review`).set(bearer(lab.organiser));
    const released = await api()
      .post(`${round()}/review/release-comments`)
      .set(bearer(lab.organiser))
      .send({ version: overview.body.version });
    expect(released.status).toBe(200);
    expect(released.body.commentsReleasedAt).not.toBeNull();
    const stale = await api()
      .post(`${round()}/review/close`)
      .set(bearer(lab.organiser))
      .send({ version: overview.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PROPOSAL_REVIEW_ROUND_VERSION_CONFLICT');

    const after = await api().get(feedback()).set(bearer(alpha.members[2]));
    expect(after.status).toBe(200);
    expect(after.body.released).toBe(true);
    expect(after.body.comments).toEqual([
      { label: 'Reviewer 1', comment: 'Strong imaging pipeline; say how you will validate.' },
      { label: 'Reviewer 2', comment: 'Clear aims.' },
    ]);
    const text = JSON.stringify(after.body);
    expect(text).not.toMatch(/PANEL ONLY/);
    for (const m of mentors) expect(text).not.toContain(m.userId);
    expect(text).not.toMatch(/Mentor/);
  });

  it('keeps the consensus report from being overwritten: a stale save is a 409', async () => {
    const consensus = `${review(alpha.proposalId)}/consensus`;
    const noLead = await api()
      .put(consensus)
      .set(bearer(mentors[0]))
      .send({ version: 0, recommendation: 'fund', summary: 'Fund it.' });
    expect(noLead.status).toBe(409);
    expect(noLead.body.code).toBe('PROPOSAL_CONSENSUS_NO_LEAD');

    const lead = await api()
      .put(`${consensus}/lead`)
      .set(bearer(lab.organiser))
      .send({ leadReviewerId: mentors[0].userId });
    expect(lead.status).toBe(200);
    expect(lead.body).toMatchObject({ version: 0, lead: { userId: mentors[0].userId } });

    const first = await api().put(consensus).set(bearer(mentors[0])).send({
      version: 0,
      recommendation: 'fund-with-changes',
      summary: 'Add a validation cohort.',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, recommendation: 'fund-with-changes' });

    const stale = await api()
      .put(consensus)
      .set(bearer(mentors[0]))
      .send({ version: 0, recommendation: 'do-not-fund', summary: 'Overwrite attempt.' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PROPOSAL_CONSENSUS_VERSION_CONFLICT');
    expect(stale.body.details.current.summary).toBe('Add a validation cohort.');

    const notLead = await api()
      .put(consensus)
      .set(bearer(mentors[1]))
      .send({ version: 1, recommendation: 'fund', summary: 'Mine.' });
    expect(notLead.status).toBe(403);
    expect(notLead.body.code).toBe('PROPOSAL_CONSENSUS_LEAD_ONLY');
  });

  it('ranks the proposals with an interval each and the funding line', async () => {
    // Beta's reviewers submit so both proposals are scored.
    const assignments = await api().get(`${round()}/review/assignments`).set(bearer(lab.organiser));
    for (const a of assignments.body.assignments.filter(
      (x: { proposalId: string }) => x.proposalId === beta.proposalId,
    )) {
      const reviewer = mentors.find((m) => m.userId === a.reviewerId)!;
      const res = await api()
        .post(`${review(beta.proposalId)}/my-review/submit`)
        .set(bearer(reviewer))
        .send({ scores: { merit: 2, team: 2 }, confidence: 3 });
      expect(res.status).toBe(200);
    }
    const ranking = await api().get(`${round()}/ranking`).set(bearer(lab.organiser));
    expect(ranking.status).toBe(200);
    expect(ranking.body.proposals.map((p: { teamName: string }) => p.teamName)).toEqual([
      'Alpha',
      'Beta',
    ]);
    const [top, next] = ranking.body.proposals;
    expect(top).toMatchObject({ rank: 1, reviewCount: 2, recommendation: 'fund-with-changes' });
    expect(top.interval.low).toBeLessThanOrEqual(top.score);
    expect(top.interval.high).toBeGreaterThanOrEqual(top.score);
    // The pool (60,000) funds Alpha (40,000) but not Beta (30,000) too: the line lies between.
    expect(ranking.body.lineSource).toBe('pool');
    expect(ranking.body.line).toBeGreaterThan(next.score);
    expect(ranking.body.line).toBeLessThan(top.score);
    expect(top.aboveLine).toBe(true);
    expect(next.aboveLine).toBe(false);

    const given = await api().get(`${round()}/ranking?line=0.99`).set(bearer(lab.organiser));
    expect(given.body).toMatchObject({ line: 0.99, lineSource: 'given' });
    const byMentor = await api().get(`${round()}/ranking`).set(bearer(mentors[0]));
    expect(byMentor.status).toBe(403);
  });
});
