import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Session } from '../support/api-client.js';
import { addMentors, fundingLab, type FundingLab } from '../support/funding-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Assignment {
  id: string;
  proposalId: string;
  reviewerId: string;
  status: string;
  conflict: string | null;
}

/**
 * A mentor declares a conflict of interest with one proposal: the assignment leaves the pair
 * out, a hand assignment is refused, an unsubmitted review is withdrawn and a submitted one
 * stays, flagged to the organisers.
 */
describe('proposal review: conflicts declared with one proposal', () => {
  let app: TestApp;
  let lab: FundingLab;
  let mentors: Session[];
  const api = () => request(app.baseUrl);
  const round = () => `/api/labs/${lab.labId}/funding-rounds/${lab.roundId}`;
  const conflicts = () => `${round()}/review/my-conflicts`;
  const assignments = async (): Promise<Assignment[]> =>
    (await api().get(`${round()}/review/assignments`).set(bearer(lab.organiser))).body.assignments;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await fundingLab(app, 'pconf');
    mentors = [lab.mentor, ...(await addMentors(app, lab, 'pconf', 2))];
    await lab.db.query(`UPDATE labs SET phase = 'review' WHERE id = $1`, [lab.labId]);
  });

  afterAll(async () => {
    await lab?.db.end();
    await app?.close();
  });

  it('keeps a declared pair out of the assignment and refuses it by hand', async () => {
    const [teamA] = lab.teams;
    const blank = await api()
      .put(`${conflicts()}/${teamA.proposalId}`)
      .set(bearer(mentors[0]))
      .send({ reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe('VALIDATION_FAILED');

    const declared = await api()
      .put(`${conflicts()}/${teamA.proposalId}`)
      .set(bearer(mentors[0]))
      .send({ reason: 'I co-supervise a student with the team lead.' });
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    const row = declared.body.proposals.find(
      (p: { proposalId: string }) => p.proposalId === teamA.proposalId,
    );
    expect(row).toMatchObject({
      teamName: teamA.name,
      conflict: 'declared-proposal',
      declared: { reason: 'I co-supervise a student with the team lead.' },
    });
    expect(declared.body.proposals).toHaveLength(6);
    expect(declared.body.withdrawnReviews).toBe(0);

    // Another mentor reads the list with no conflict of theirs.
    const others = await api().get(conflicts()).set(bearer(mentors[1]));
    expect(others.status).toBe(200);
    expect(
      others.body.proposals.every((p: { declared: unknown; conflict: unknown }) => !p.declared),
    ).toBe(true);

    const run = await api()
      .post(`${round()}/review/assignment-runs`)
      .set(bearer(lab.organiser))
      .send({ reviewsPerProposal: 2, seed: 'pconf' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.complete).toBe(true);
    const all = await assignments();
    expect(all).toHaveLength(12);
    expect(all).not.toContainEqual(
      expect.objectContaining({ proposalId: teamA.proposalId, reviewerId: mentors[0].userId }),
    );

    const byHand = await api()
      .post(`${round()}/review/assignments`)
      .set(bearer(lab.organiser))
      .send({ proposalId: teamA.proposalId, reviewerId: mentors[0].userId });
    expect(byHand.status).toBe(409);
    expect(byHand.body.code).toBe('PROPOSAL_ASSIGNMENT_CONFLICT_OF_INTEREST');
    expect(byHand.body.message).toMatch(/declared a conflict with this proposal/);

    const listed = await api().get(`${round()}/review/assignments`).set(bearer(lab.organiser));
    expect(listed.body.conflicts).toContainEqual({
      reviewerId: mentors[0].userId,
      proposalId: teamA.proposalId,
      reason: 'declared-proposal',
    });
  });

  it('withdraws an unsubmitted review and flags a submitted one', async () => {
    const all = await assignments();
    const drafted = all.find((a) => a.reviewerId === mentors[1].userId)!;
    const saved = await api()
      .put(`${round()}/review/proposals/${drafted.proposalId}/my-review`)
      .set(bearer(mentors[1]))
      .send({ teamComment: 'Half written.' });
    expect(saved.status).toBe(200);
    const declared = await api()
      .put(`${conflicts()}/${drafted.proposalId}`)
      .set(bearer(mentors[1]))
      .send({ reason: 'A former student of mine joined the team.' });
    expect(declared.status).toBe(200);
    expect(declared.body.withdrawnReviews).toBe(1);
    expect((await assignments()).map((a) => a.id)).not.toContain(drafted.id);
    const queue = await api().get(`${round()}/review/mine`).set(bearer(mentors[1]));
    expect(queue.body.items.map((i: { proposalId: string }) => i.proposalId)).not.toContain(
      drafted.proposalId,
    );

    const done = all.find((a) => a.reviewerId === mentors[2].userId)!;
    const submitted = await api()
      .post(`${round()}/review/proposals/${done.proposalId}/my-review/submit`)
      .set(bearer(mentors[2]))
      .send({ confidence: 4, teamComment: 'Clear aims.' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const late = await api()
      .put(`${conflicts()}/${done.proposalId}`)
      .set(bearer(mentors[2]))
      .send({ reason: 'I learnt that I am a named collaborator.' });
    expect(late.status).toBe(200);
    expect(late.body.withdrawnReviews).toBe(0);
    expect((await assignments()).find((a) => a.id === done.id)).toMatchObject({
      status: 'submitted',
      conflict: 'declared-proposal',
    });
    // Its author still reads what they submitted, but can no longer revise it.
    const read = await api()
      .get(`${round()}/review/proposals/${done.proposalId}`)
      .set(bearer(mentors[2]));
    expect(read.status).toBe(200);
    const revise = await api()
      .post(`${round()}/review/proposals/${done.proposalId}/my-review/submit`)
      .set(bearer(mentors[2]))
      .send({ confidence: 5 });
    expect(revise.status).toBe(403);
    expect(revise.body.code).toBe('PROPOSAL_REVIEW_CONFLICT_OF_INTEREST');
  });

  it('closes the panel to a reviewer conflicted after submitting: only their own review reads', async () => {
    const all = await assignments();
    const flagged = all.find((a) => a.reviewerId === mentors[2].userId && a.conflict)!;
    const proposalId = flagged.proposalId;
    const other = all.find((a) => a.proposalId === proposalId && a.id !== flagged.id)!;
    const reviewer = mentors.find((m) => m.userId === other.reviewerId)!;
    const theirs = await api()
      .post(`${round()}/review/proposals/${proposalId}/my-review/submit`)
      .set(bearer(reviewer))
      .send({ confidence: 3, panelComment: 'Between us: the budget looks thin.' });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    const reviews = `${round()}/review/proposals/${proposalId}/reviews`;
    // The reviewer with no conflict reads both reviews.
    expect((await api().get(reviews).set(bearer(reviewer))).body.reviews).toHaveLength(2);

    const opened = await api()
      .get(`${round()}/review/proposals/${proposalId}`)
      .set(bearer(mentors[2]));
    expect(opened.body).toMatchObject({
      othersVisible: false,
      conflict: 'declared-proposal',
      conflictText: 'you declared a conflict with this proposal',
      review: { status: 'submitted' },
    });
    const read = await api().get(reviews).set(bearer(mentors[2]));
    expect(read.status).toBe(200);
    expect(read.body.reviews).toHaveLength(1);
    expect(read.body.reviews[0]).toMatchObject({ mine: true, teamComment: 'Clear aims.' });
    expect(JSON.stringify(read.body)).not.toContain('budget looks thin');
    // The panel thread and the consensus say the same.
    for (const path of ['thread', 'consensus']) {
      const closed = await api()
        .get(`${round()}/review/proposals/${proposalId}/${path}`)
        .set(bearer(mentors[2]));
      expect(closed.status, path).toBe(403);
      expect(closed.body.code).toBe('PROPOSAL_PANEL_MEMBERS_ONLY');
    }

    // Withdrawing the declaration opens the panel again.
    expect(
      (await api().delete(`${conflicts()}/${proposalId}`).set(bearer(mentors[2]))).status,
    ).toBe(200);
    const reopened = await api()
      .get(`${round()}/review/proposals/${proposalId}`)
      .set(bearer(mentors[2]));
    expect(reopened.body).toMatchObject({ othersVisible: true, conflict: null });
    expect((await api().get(reviews).set(bearer(mentors[2]))).body.reviews).toHaveLength(2);
  });

  it('lets a mentor withdraw a declaration, and keeps teams out', async () => {
    const [teamA] = lab.teams;
    const withdrawn = await api()
      .delete(`${conflicts()}/${teamA.proposalId}`)
      .set(bearer(mentors[0]));
    expect(withdrawn.status).toBe(200);
    expect(
      withdrawn.body.proposals.find(
        (p: { proposalId: string }) => p.proposalId === teamA.proposalId,
      ),
    ).toMatchObject({ declared: null, conflict: null });
    const again = await api().delete(`${conflicts()}/${teamA.proposalId}`).set(bearer(mentors[0]));
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('PROPOSAL_CONFLICT_NOT_DECLARED');

    const participant = await api().get(conflicts()).set(bearer(teamA.members[0]));
    expect(participant.status).toBe(403);
    const unknown = await api()
      .put(`${conflicts()}/${crypto.randomUUID()}`)
      .set(bearer(mentors[0]))
      .send({ reason: 'No such proposal.' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PROPOSAL_REVIEW_PROPOSAL_NOT_FOUND');
  });
});
