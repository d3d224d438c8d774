import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConsensusNotice,
  PanelMessageNotice,
  ProposalAssignmentsNotice,
  ProposalReviewNotice,
  ReviewFeedbackNotice,
  ReviewQueueNotice,
  ReviewRoundNotice,
  type LiveAck,
  type LiveNotices,
} from '@ideas-lab/live';
import { bearer, type Session } from '../support/api-client.js';
import { addMentors, fundingLab, type FundingLab } from '../support/funding-lab.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function ok<R>(ack: LiveAck<R>): R {
  if (!ack.ok) throw new Error(`refused: ${ack.code} ${ack.message}`);
  return ack;
}

/** Every proposal-review notice, for "heard nothing of it" checks. */
const REVIEW_EVENTS = [
  'proposal-review:submitted',
  'proposal-panel:message',
  'proposal-consensus:changed',
  'proposal-review:assignments',
  'proposal-review:queue',
  'proposal-review:round',
  'proposal-review:feedback',
] as const satisfies readonly (keyof LiveNotices)[];

/**
 * Live updates of proposal review, with real Socket.IO clients: an organiser, three mentors
 * (one of whom declares a conflict with the proposal watched), a member of its team and a
 * member of another team. Each rule of who may hear what gets a test; every payload is parsed
 * with its strict schema, so a notice carrying more than its reader may read fails.
 */
describe('proposal review: who hears what, live', () => {
  let app: TestApp;
  let lab: FundingLab;
  let mentors: Session[];
  let organiser: LiveTestClient;
  let first: LiveTestClient; // mentors[0]: submits, posts, leads
  let second: LiveTestClient; // mentors[1]: submits late
  let conflicted: LiveTestClient; // mentors[2]: submits, then declares a conflict with P
  let member: LiveTestClient; // on P's team
  let outsider: LiveTestClient; // on another team
  let everyone: LiveTestClient[];
  let sentinel = 0;
  const api = () => request(app.baseUrl);
  const round = () => `/api/labs/${lab.labId}/funding-rounds/${lab.roundId}`;
  const P = () => lab.teams[0].proposalId;
  const review = (proposalId: string) => `${round()}/review/proposals/${proposalId}`;
  const aboutP = (n: { proposalId: string }) => n.proposalId === P();
  const connect = async (session: Session) => {
    const client = liveClient(app.baseUrl, session, lab.labId);
    await client.connect();
    return client;
  };
  /**
   * Whatever was sent before has arrived: a broadcast sent after it reaches every client
   * through the same ordered stream, so a notice not there by then was never sent to them.
   */
  const settled = async () => {
    const message = `sentinel ${++sentinel}`;
    ok(await organiser.request('broadcast', { message }));
    for (const client of everyone)
      await client.next('broadcast:message', (b) => b.message === message);
  };
  const submit = (session: Session, proposalId: string, confidence: number) =>
    api()
      .post(`${review(proposalId)}/my-review/submit`)
      .set(bearer(session))
      .send({
        confidence,
        teamComment: 'Name your validation cohort early.',
        panelComment: `PANEL ONLY from ${session.email}`,
      });

  beforeAll(async () => {
    app = await startTestApp();
    lab = await fundingLab(app, 'prlive');
    mentors = [lab.mentor, ...(await addMentors(app, lab, 'prlive', 2))];
    await lab.db.query(`UPDATE labs SET phase = 'review' WHERE id = $1`, [lab.labId]);
    organiser = await connect(lab.organiser);
    [first, second, conflicted] = await Promise.all(mentors.map(connect));
    member = await connect(lab.teams[0].members[0]);
    outsider = await connect(lab.teams[1].members[0]);
    everyone = [organiser, first, second, conflicted, member, outsider];
  });

  afterAll(async () => {
    for (const client of everyone ?? []) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('tells organisers what an assignment run changed, and each reviewer only that their queue did', async () => {
    const run = await api()
      .post(`${round()}/review/assignment-runs`)
      .set(bearer(lab.organiser))
      .send({ reviewsPerProposal: 3, seed: 'prlive' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.added).toBe(18);

    const notice = ProposalAssignmentsNotice.parse(
      await organiser.next('proposal-review:assignments'),
    );
    expect(notice.change).toBe('run');
    expect([...notice.proposalIds].sort()).toEqual(lab.teams.map((t) => t.proposalId).sort());
    for (const mentor of [first, second, conflicted])
      expect(ReviewQueueNotice.parse(await mentor.next('proposal-review:queue'))).toEqual({
        labId: lab.labId,
        roundId: lab.roundId,
        change: 'assignments',
      });
    await settled();
    for (const mentor of [first, second, conflicted])
      expect(mentor.all('proposal-review:assignments')).toEqual([]);
    for (const team of [member, outsider])
      for (const event of REVIEW_EVENTS) expect(team.all(event)).toEqual([]);
  });

  it('tells organisers of each review with its progress, the panel without it, and no reviewer who has not submitted', async () => {
    expect((await submit(mentors[2], P(), 4)).status).toBe(200);
    const toOrganisers = ProposalReviewNotice.parse(
      await organiser.next('proposal-review:submitted', aboutP),
    );
    expect(toOrganisers).toMatchObject({
      change: 'submitted',
      progress: { assigned: 3, submitted: 1, draft: 0, notStarted: 2 },
    });
    // Its author is on the panel now (their other devices follow); the count is not theirs to read.
    const toAuthor = ProposalReviewNotice.parse(
      await conflicted.next('proposal-review:submitted', aboutP),
    );
    expect(toAuthor).toMatchObject({ change: 'submitted', progress: null });

    // A draft is the organisers' business only.
    const draft = await api()
      .put(`${review(P())}/my-review`)
      .set(bearer(mentors[0]))
      .send({ teamComment: 'Half written.' });
    expect(draft.status).toBe(200);
    expect((await organiser.next('proposal-review:submitted', aboutP)).progress).toMatchObject({
      submitted: 1,
      draft: 1,
      notStarted: 1,
    });
    await settled();
    // The two who have not submitted heard nothing of the first review, nor of the draft.
    expect(first.all('proposal-review:submitted')).toEqual([]);
    expect(second.all('proposal-review:submitted')).toEqual([]);
    expect(conflicted.all('proposal-review:submitted')).toEqual([]);

    expect((await submit(mentors[0], P(), 3)).status).toBe(200);
    expect((await organiser.next('proposal-review:submitted', aboutP)).progress).toMatchObject({
      submitted: 2,
    });
    for (const panel of [first, conflicted])
      expect(
        ProposalReviewNotice.parse(await panel.next('proposal-review:submitted', aboutP)),
      ).toMatchObject({ change: 'submitted', progress: null });
    expect((await submit(mentors[0], P(), 2)).status).toBe(200);
    for (const client of [organiser, first, conflicted])
      expect((await client.next('proposal-review:submitted', aboutP)).change).toBe('revised');
    await settled();
    expect(second.all('proposal-review:submitted')).toEqual([]);
  });

  it('keeps a conflicted reviewer out of everything about that proposal once they declare it', async () => {
    const declared = await api()
      .put(`${round()}/review/my-conflicts/${P()}`)
      .set(bearer(mentors[2]))
      .send({ reason: 'A former student of mine joined the team.' });
    expect(declared.status).toBe(200);
    expect(
      ProposalAssignmentsNotice.parse(await organiser.next('proposal-review:assignments')),
    ).toMatchObject({ change: 'conflict-declared', proposalIds: [P()] });
    expect((await conflicted.next('proposal-review:queue')).change).toBe('assignments');

    // A message and a later review of P reach the organisers and the panel, not the conflicted.
    const posted = await api()
      .post(`${review(P())}/thread`)
      .set(bearer(mentors[0]))
      .send({ body: 'Merit is lower than it looks: no validation cohort.' });
    expect(posted.status).toBe(201);
    for (const panel of [organiser, first]) {
      const notice = PanelMessageNotice.parse(await panel.next('proposal-panel:message', aboutP));
      expect(notice.message).toMatchObject({
        id: posted.body.id,
        body: 'Merit is lower than it looks: no validation cohort.',
      });
    }
    expect((await submit(mentors[1], P(), 5)).status).toBe(200);
    expect((await organiser.next('proposal-review:submitted', aboutP)).progress).toMatchObject({
      submitted: 3,
    });
    await first.next('proposal-review:submitted', aboutP);
    await second.next('proposal-review:submitted', aboutP);
    await settled();
    expect(conflicted.all('proposal-review:submitted')).toEqual([]);
    expect(conflicted.all('proposal-panel:message')).toEqual([]);
  });

  it('sends panel messages to no reviewer who has not submitted, and never to a team', async () => {
    const Q = lab.teams[1].proposalId;
    expect((await submit(mentors[0], Q, 4)).status).toBe(200);
    const posted = await api()
      .post(`${review(Q)}/thread`)
      .set(bearer(mentors[0]))
      .send({ body: 'Only I have submitted on this one.' });
    expect(posted.status).toBe(201);
    await organiser.next('proposal-panel:message', (n) => n.proposalId === Q);
    await first.next('proposal-panel:message', (n) => n.proposalId === Q);
    await settled();
    // Assigned to Q, but not submitted: they must not be swayed.
    for (const waiting of [second, conflicted])
      expect(waiting.all('proposal-panel:message').filter((n) => n.proposalId === Q)).toEqual([]);
    for (const team of [member, outsider]) {
      expect(team.all('proposal-panel:message')).toEqual([]);
      expect(team.all('proposal-review:submitted')).toEqual([]);
    }
  });

  it('tells the panel and organisers of the lead and the consensus report, and the lead their queue', async () => {
    const lead = await api()
      .put(`${review(P())}/consensus/lead`)
      .set(bearer(lab.organiser))
      .send({ leadReviewerId: mentors[0].userId });
    expect(lead.status).toBe(200);
    for (const named of [organiser, first]) {
      const notice = ConsensusNotice.parse(await named.next('proposal-consensus:changed', aboutP));
      expect(notice).toMatchObject({
        change: 'lead',
        report: { lead: { userId: mentors[0].userId }, leadLabel: 'mentor-prlive', version: 0 },
      });
    }
    // The review is blind: the other reviewer learns there is a lead, not who.
    const toOther = ConsensusNotice.parse(await second.next('proposal-consensus:changed', aboutP));
    expect(toOther.report).toMatchObject({ lead: null, version: 0 });
    expect(toOther.report.leadLabel).toMatch(/^Reviewer \d$/);
    expect(JSON.stringify(toOther)).not.toContain(mentors[0].userId);
    expect(ReviewQueueNotice.parse(await first.next('proposal-review:queue'))).toMatchObject({
      change: 'lead',
    });

    const saved = await api()
      .put(`${review(P())}/consensus`)
      .set(bearer(mentors[0]))
      .send({ version: 0, recommendation: 'fund-with-changes', summary: 'Fund once validated.' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    for (const panel of [organiser, first, second])
      expect(
        ConsensusNotice.parse(
          await panel.next('proposal-consensus:changed', (n) => aboutP(n) && n.change === 'saved'),
        ).report,
      ).toMatchObject({
        recommendation: 'fund-with-changes',
        summary: 'Fund once validated.',
        version: 1,
        updatedBy: panel === second ? null : { userId: mentors[0].userId },
      });
    await settled();
    expect(conflicted.all('proposal-consensus:changed')).toEqual([]);
    expect(second.all('proposal-review:queue')).toEqual([]);
    for (const team of [member, outsider])
      expect(team.all('proposal-consensus:changed')).toEqual([]);
  });

  it('hides who wrote a panel message from the other reviewers while the review is blind', async () => {
    const posted = await api()
      .post(`${review(P())}/thread`)
      .set(bearer(mentors[1]))
      .send({ body: 'I scored merit highest.' });
    expect(posted.status).toBe(201);
    // The author's answer, and every device of theirs, names them; so do the organisers'.
    expect(posted.body).toMatchObject({ author: { userId: mentors[1].userId } });
    for (const named of [organiser, second])
      expect(
        PanelMessageNotice.parse(await named.next('proposal-panel:message', aboutP)).message,
      ).toMatchObject({ author: { userId: mentors[1].userId }, authorLabel: 'Mentor 1 prlive' });
    const hidden = PanelMessageNotice.parse(await first.next('proposal-panel:message', aboutP));
    expect(hidden.message).toMatchObject({ id: posted.body.id, author: null });
    expect(hidden.message.authorLabel).toMatch(/^Reviewer \d$/);
    expect(JSON.stringify(hidden)).not.toContain(mentors[1].userId);

    // Reading the thread says the same: a label for the other reviewer, names for organisers.
    const read = async (session: Session) =>
      (
        await api()
          .get(`${review(P())}/thread`)
          .set(bearer(session))
      ).body.messages.find((m: { id: string }) => m.id === posted.body.id);
    expect(await read(mentors[0])).toEqual(hidden.message);
    expect((await read(lab.organiser)).authorLabel).toBe('Mentor 1 prlive');
  });

  it('tells organisers of the round’s settings, mentors that their queue changed, and each team only its own release', async () => {
    const overview = await api().get(`${round()}/review`).set(bearer(lab.organiser));
    const open = await api()
      .patch(`${round()}/review`)
      .set(bearer(lab.organiser))
      .send({ version: overview.body.version, blind: false });
    expect(open.status).toBe(200);
    expect(ReviewRoundNotice.parse(await organiser.next('proposal-review:round'))).toMatchObject({
      blind: false,
      version: open.body.version,
      commentsReleasedAt: null,
    });
    for (const mentor of [first, second, conflicted])
      expect((await mentor.next('proposal-review:queue')).change).toBe('settings');

    const released = await api()
      .post(`${round()}/review/release-comments`)
      .set(bearer(lab.organiser))
      .send({ version: open.body.version });
    expect(released.status).toBe(200);
    expect((await organiser.next('proposal-review:round')).commentsReleasedAt).toBe(
      released.body.commentsReleasedAt,
    );
    expect(ReviewFeedbackNotice.parse(await member.next('proposal-review:feedback'))).toEqual({
      labId: lab.labId,
      roundId: lab.roundId,
      teamId: lab.teams[0].id,
    });
    expect((await outsider.next('proposal-review:feedback')).teamId).toBe(lab.teams[1].id);
    await settled();
    // Releasing changes nothing a mentor reads in their queue; each team heard once, of its own.
    for (const mentor of [first, second, conflicted])
      expect(mentor.all('proposal-review:queue')).toEqual([]);
    expect(member.all('proposal-review:feedback')).toEqual([]);
    expect(outsider.all('proposal-review:feedback')).toEqual([]);
    for (const team of [member, outsider])
      for (const event of REVIEW_EVENTS) expect(team.all(event)).toEqual([]);

    // What the team reads on the notice: the comments to it, no panel comment, no name.
    const feedback = await api()
      .get(`${round()}/teams/${lab.teams[0].id}/review-feedback`)
      .set(bearer(lab.teams[0].members[0]));
    expect(feedback.body.released).toBe(true);
    expect(feedback.body.comments).toHaveLength(3);
    expect(JSON.stringify(feedback.body)).not.toMatch(/PANEL ONLY|prlive/);
  });
});
