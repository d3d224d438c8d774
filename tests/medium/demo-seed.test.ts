import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { FormationRunsService, FormationService, FormationShortlist } from '@ideas-lab/formation';
import { LabsService } from '@ideas-lab/labs';
import { MentorTopicsEntity } from '@ideas-lab/live';
import { TransactionRunner } from '@ideas-lab/platform';
import { AgendaService, BreakoutService } from '@ideas-lab/workshop';
import {
  DEMO_LAB,
  DEMO_PASSWORD,
  DEMO_WORKSHOP_LAB,
  seedDemoLab,
  type DemoSeedResult,
} from '../../apps/api/src/demo/demo-lab.js';
import { DEMO_REVIEW_LAB } from '../../apps/api/src/demo/demo-review.js';
import { DEMO_SECOND_ROUND } from '../../apps/api/src/demo/demo-funding.js';
import { zonedTime } from '../../apps/api/src/demo/demo-workshop.js';
import { seedDemoFormation } from '../../apps/api/src/demo/demo-formation.js';
import { demoApplicantEmail } from '../../apps/api/src/demo/demo-applicants.js';
import { bearer, login } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the demo seed: a lab in selection and a lab in its workshop (services against PostgreSQL)', () => {
  let app: TestApp;
  let seed: DemoSeedResult;
  let organiser: Actor;
  const now = new Date();

  beforeAll(async () => {
    app = await startTestApp();
    seed = await seedDemoLab(app.app, { knownPasswords: true, now });
    const identity = app.app.get(IdentityService);
    organiser = {
      userId: (await identity.findProfileByEmail('organiser@ideas-lab.test'))!.id,
      isAdmin: false,
    };
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('creates both labs, the second in its workshop with thirty participants', async () => {
    expect(seed).toMatchObject({ created: true });
    expect(seed.labId).toBeTruthy();
    expect(seed.workshopLabId).toBeTruthy();
    const labs = await app.app.get(LabsService).list(organiser);
    expect(labs.find((l) => l.slug === DEMO_LAB.slug)).toMatchObject({ phase: 'selection' });
    expect(labs.find((l) => l.slug === DEMO_WORKSHOP_LAB.slug)).toMatchObject({
      id: seed.workshopLabId,
      phase: 'workshop',
      title: DEMO_WORKSHOP_LAB.title,
    });
    const lab = await app.app.get(LabsService).get(organiser, seed.workshopLabId!);
    expect(new Date(lab.dates.workshopStartAt!).getTime()).toBeLessThan(now.getTime());
    expect(new Date(lab.dates.workshopEndAt!).getTime()).toBeGreaterThan(now.getTime());

    const participants = await app.app
      .get(BreakoutService)
      .participantsOf(organiser, seed.workshopLabId!);
    expect(participants).toHaveLength(30);
    expect(new Set(participants.map((p) => p.discipline))).toEqual(new Set(DEMO_LAB.disciplines));
    expect(participants.every((p) => p.careerStage && p.source === 'organiser')).toBe(true);
    // The six mentors help with topics of their own in the help queue.
    const topics = await app.app
      .get(TransactionRunner)
      .manager()
      .getRepository(MentorTopicsEntity)
      .findBy({ labId: seed.workshopLabId! });
    expect(topics).toHaveLength(6);
  });

  it('has an agenda over five days with one breakout session today, its adopted plan in planned rounds', async () => {
    const agenda = await app.app.get(AgendaService).agenda(organiser, seed.workshopLabId!);
    expect(new Set(agenda.sessions.map((s) => s.day)).size).toBe(5);
    expect(new Set(agenda.sessions.map((s) => s.kind))).toEqual(
      new Set(['plenary', 'ideation', 'breakout', 'pitch']),
    );
    const breakouts = agenda.sessions.filter((s) => s.kind === 'breakout');
    expect(breakouts).toHaveLength(1);
    const today = zonedTime(DEMO_LAB.timezone, now, 0, '00:00');
    const tomorrow = zonedTime(DEMO_LAB.timezone, now, 1, '00:00');
    expect(breakouts[0].startsAt >= today && breakouts[0].startsAt < tomorrow).toBe(true);

    const breakout = app.app.get(BreakoutService);
    const plans = await breakout.plansOf(organiser, seed.workshopLabId!, breakouts[0].id);
    expect(plans).toHaveLength(1);
    expect(plans[0].adoptedAt).not.toBeNull();
    const { rounds } = await breakout.rounds(organiser, seed.workshopLabId!, breakouts[0].id);
    expect(rounds).toHaveLength(4);
    for (const round of rounds) {
      expect(round.state).toBe('planned');
      expect(round.rooms).toHaveLength(6);
      expect(round.rooms.every((r) => r.mentorId !== null && r.occupancy === 5)).toBe(true);
    }
    // Mentors rotate: everyone meets more than one mentor over the four rounds.
    const mentorsMet = new Map<string, Set<string | null>>();
    for (const room of rounds.flatMap((r) => r.rooms))
      for (const seat of room.participants ?? [])
        mentorsMet.set(seat.userId, (mentorsMet.get(seat.userId) ?? new Set()).add(room.mentorId));
    expect(mentorsMet.size).toBe(30);
    expect(Math.min(...[...mentorsMet.values()].map((m) => m.size))).toBeGreaterThan(1);
  });

  it('lets applicant001 sign in and read the agenda and its room, over HTTP', async () => {
    const session = await login(app, 'applicant001@ideas-lab.test', DEMO_PASSWORD);
    const agenda = await request(app.baseUrl)
      .get(`/api/labs/${seed.workshopLabId}/agenda`)
      .set(bearer(session));
    expect(agenda.status).toBe(200);
    const breakoutSession = agenda.body.sessions.find(
      (s: { kind: string }) => s.kind === 'breakout',
    );
    const rounds = await request(app.baseUrl)
      .get(`/api/labs/${seed.workshopLabId}/sessions/${breakoutSession.id}/rounds`)
      .set(bearer(session));
    expect(rounds.status).toBe(200);
    expect(rounds.body.rounds).toHaveLength(4);
    expect(rounds.body.rounds.every((r: { myRoomId: string | null }) => r.myRoomId)).toBe(true);
  });

  it('has a third lab in review: six teams, six submitted proposals, a pool that fits five awards', async () => {
    expect(seed.reviewLabId).toBeTruthy();
    const mentor = await login(app, 'mentor1@ideas-lab.test', DEMO_PASSWORD);
    const lab = await request(app.baseUrl).get(`/api/labs/${seed.reviewLabId}`).set(bearer(mentor));
    expect(lab.body).toMatchObject({ slug: DEMO_REVIEW_LAB.slug, phase: 'review' });
    const rounds = await request(app.baseUrl)
      .get(`/api/labs/${seed.reviewLabId}/funding-rounds`)
      .set(bearer(mentor));
    expect(rounds.body).toHaveLength(2);
    const round = rounds.body.find((r: { name: string }) => r.name === DEMO_REVIEW_LAB.round.name);
    expect(round).toMatchObject({ pool: 250_000, awardCap: 50_000, open: false });
    const proposals = await request(app.baseUrl)
      .get(`/api/labs/${seed.reviewLabId}/funding-rounds/${round.id}/proposals`)
      .set(bearer(mentor));
    expect(proposals.body).toHaveLength(6);
    const budgets = proposals.body.map((p: { budget: { total: number } }) => p.budget.total);
    expect(proposals.body.every((p: { status: string }) => p.status === 'submitted')).toBe(true);
    expect(Math.max(...budgets)).toBeLessThanOrEqual(round.awardCap);
    // Any five fit the pool; all six do not.
    const sorted = [...budgets].sort((a, b) => b - a);
    expect(sorted.slice(0, 5).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(round.pool);
    expect(sorted.reduce((a, b) => a + b, 0)).toBeGreaterThan(round.pool);

    // A team member reads their proposal with its history: written by two members, submitted.
    const member = await login(app, 'applicant031@ideas-lab.test', DEMO_PASSWORD);
    const team = round.teams.find((t: { name: string }) => t.name === 'Tumour response twins');
    const history = await request(app.baseUrl)
      .get(
        `/api/labs/${seed.reviewLabId}/funding-rounds/${round.id}/teams/${team.teamId}/proposal/versions`,
      )
      .set(bearer(member));
    expect(
      history.body.map((v: { version: number; submitted: boolean }) => [v.version, v.submitted]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);

    // Review is done: three mentors per proposal, every review submitted, the ranking filled
    // with intervals and a funding line, and a consensus report on the first proposal.
    const organiser = await login(app, 'organiser@ideas-lab.test', DEMO_PASSWORD);
    const base = `/api/labs/${seed.reviewLabId}/funding-rounds/${round.id}`;
    const overview = await request(app.baseUrl).get(`${base}/review`).set(bearer(organiser));
    expect(overview.body.progress).toMatchObject({ assigned: 18, submitted: 18 });
    const ranking = await request(app.baseUrl).get(`${base}/ranking`).set(bearer(organiser));
    expect(ranking.status).toBe(200);
    expect(ranking.body.proposals).toHaveLength(6);
    expect(ranking.body.proposals.every((p: { reviewCount: number }) => p.reviewCount === 3)).toBe(
      true,
    );
    expect(ranking.body.line).not.toBeNull();
    expect(
      ranking.body.proposals.filter((p: { aboveLine: boolean }) => p.aboveLine).length,
    ).toBeGreaterThan(0);
    expect(
      ranking.body.proposals.find(
        (p: { teamName: string }) => p.teamName === 'Tumour response twins',
      ),
    ).toMatchObject({ recommendation: 'fund-with-changes' });
  });

  it('gives the review lab a finished pitch session: six teams scored by the mentors, two comments released to each', async () => {
    const sessions = await request(app.baseUrl)
      .get(`/api/labs/${seed.reviewLabId}/pitch-sessions`)
      .set(bearer(await login(app, 'organiser@ideas-lab.test', DEMO_PASSWORD)));
    expect(sessions.status).toBe(200);
    const [pitches] = sessions.body;
    expect(pitches).toMatchObject({ title: 'Team pitches', state: 'ended' });
    expect(pitches.slots.map((s: { phase: string }) => s.phase)).toEqual(Array(6).fill('closed'));
    const summaries = await request(app.baseUrl)
      .get(`/api/labs/${seed.reviewLabId}/pitch-scores`)
      .set(bearer(await login(app, 'organiser@ideas-lab.test', DEMO_PASSWORD)));
    expect(summaries.body).toHaveLength(6);
    for (const team of summaries.body) {
      expect(team.n).toBeGreaterThanOrEqual(5);
      expect(team.mean).toBeGreaterThan(0);
    }
    // A team member reads the two released comments, and nothing else.
    const member = await login(app, 'applicant031@ideas-lab.test', DEMO_PASSWORD);
    const feedback = await request(app.baseUrl)
      .get(`/api/labs/${seed.reviewLabId}/pitch-sessions/${pitches.sessionId}/feedback`)
      .set(bearer(member));
    expect(feedback.body.teams).toHaveLength(1);
    expect(feedback.body.teams[0].comments).toHaveLength(2);
    expect(JSON.stringify(feedback.body)).not.toContain('seed funding');
  });

  it('gives the workshop lab an ideas board: twenty ideas, a merge, a closed vote and a shortlist of eight', async () => {
    const session = await login(app, 'applicant001@ideas-lab.test', DEMO_PASSWORD);
    const base = `/api/labs/${seed.workshopLabId}`;
    const board = await request(app.baseUrl).get(`${base}/ideas`).set(bearer(session));
    expect(board.body).toHaveLength(20);
    expect(new Set(board.body.map((i: { challengeArea: string }) => i.challengeArea)).size).toBe(5);
    const merged = await request(app.baseUrl)
      .get(`${base}/ideas`)
      .query({ status: 'merged' })
      .set(bearer(session));
    expect(merged.body).toHaveLength(1);
    expect(merged.body[0].mergedInto).toBeTruthy();
    expect(board.body.some((i: { version: number }) => i.version > 1)).toBe(true);
    expect(board.body.some((i: { comments: number }) => i.comments > 0)).toBe(true);
    const sessions = await request(app.baseUrl).get(`${base}/voting-sessions`).set(bearer(session));
    expect(sessions.body).toHaveLength(1);
    expect(sessions.body[0]).toMatchObject({
      state: 'closed',
      voters: { participants: 30, mentors: 6 },
    });
    const shortlist = await request(app.baseUrl).get(`${base}/shortlist`).set(bearer(session));
    expect(shortlist.body.ideas).toHaveLength(8);
    expect(shortlist.body.ideas.map((i: { id: string }) => i.id)).toEqual(
      sessions.body[0].results.slice(0, 8).map((r: { ideaId: string }) => r.ideaId),
    );
  });

  it('gives the workshop lab team formation over its shortlist: 30 interests and an adopted run', async () => {
    const labId = seed.workshopLabId!;
    const shortlist = app.app.get(FormationShortlist);
    if ((await shortlist.shortlistedIdeas(labId)).length === 0) {
      // The ideas board's demo has not shortlisted yet: shortlist eight ideas, then seed formation.
      const ideaIds: string[] = [];
      for (let i = 1; i <= 8; i++) {
        const author = await login(app, demoApplicantEmail(i), DEMO_PASSWORD);
        const idea = await request(app.baseUrl)
          .post(`/api/labs/${labId}/ideas`)
          .set(bearer(author))
          .send({
            title: `Demo idea ${i}`,
            summary: 'A twin of something.',
            challengeArea: 'Models',
          });
        expect(idea.status, JSON.stringify(idea.body)).toBe(201);
        ideaIds.push(idea.body.id);
      }
      const staff = await login(app, 'organiser@ideas-lab.test', DEMO_PASSWORD);
      const put = await request(app.baseUrl)
        .put(`/api/labs/${labId}/shortlist`)
        .set(bearer(staff))
        .send({ ideaIds, version: 0 });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const participants = (
        await app.app.get(BreakoutService).participantsOf(organiser, labId)
      ).map((p) => p.userId);
      expect(
        await seedDemoFormation(app.app, { labId, organiser, participantIds: participants }),
      ).toBe(true);
    }
    const runs = app.app.get(FormationRunsService);
    let [run] = await runs.runs(organiser, labId);
    // Seeded here (not by the demo): adopt it as the demo does.
    if (!run.adopted) run = await runs.adopt(organiser, labId, run.id);
    expect(run).toMatchObject({ adopted: true, unassigned: 0 });
    expect(['optimal', 'feasible']).toContain(run.status);
    expect(run.teams).toBeGreaterThanOrEqual(5);
    const overview = await app.app.get(FormationService).overview(organiser, labId);
    expect(overview).toMatchObject({ participants: 30, interestsStated: 30 });
    expect(overview.settings.open).toBe(true);
  }, 120_000);

  it('gives the workshop lab its teams in the running order of both pitch sessions', async () => {
    const session = await login(app, 'organiser@ideas-lab.test', DEMO_PASSWORD);
    const base = `/api/labs/${seed.workshopLabId}`;
    const teams = await request(app.baseUrl).get(`${base}/teams`).set(bearer(session));
    expect(teams.status).toBe(200);
    expect(teams.body.length).toBeGreaterThanOrEqual(5);
    const sessions = await request(app.baseUrl).get(`${base}/pitch-sessions`).set(bearer(session));
    expect(sessions.status).toBe(200);
    expect(sessions.body.map((s: { title: string }) => s.title)).toEqual([
      'Practice pitches with mentors',
      'Final pitches',
    ]);
    for (const pitch of sessions.body) {
      expect(pitch.state).not.toBe('ended');
      expect(new Set(pitch.slots.map((s: { teamId: string }) => s.teamId))).toEqual(
        new Set(teams.body.map((t: { id: string }) => t.id)),
      );
    }
  });

  it('gives the review lab its funding decided: an adopted run, five funded, three invited, letters waiting, reports due, filed and late', async () => {
    const organiserSession = await login(app, 'organiser@ideas-lab.test', DEMO_PASSWORD);
    const labBase = `/api/labs/${seed.reviewLabId}`;
    const rounds = await request(app.baseUrl)
      .get(`${labBase}/funding-rounds`)
      .set(bearer(organiserSession));
    const seedRound = rounds.body.find(
      (r: { name: string }) => r.name === DEMO_REVIEW_LAB.round.name,
    );
    const second = rounds.body.find((r: { name: string }) => r.name === DEMO_SECOND_ROUND.name);
    expect(second).toMatchObject({ access: 'invite-only', previousRoundId: seedRound.id });
    const base = `${labBase}/funding-rounds/${seedRound.id}`;

    const runs = await request(app.baseUrl)
      .get(`${base}/portfolio-runs`)
      .set(bearer(organiserSession));
    expect(runs.body).toHaveLength(2);
    expect(runs.body.filter((r: { adopted: boolean }) => r.adopted)).toHaveLength(1);

    const board = await request(app.baseUrl).get(`${base}/decisions`).set(bearer(organiserSession));
    expect(board.status).toBe(200);
    type Row = {
      teamId: string;
      teamName: string;
      decision: {
        outcome: string;
        amount: number | null;
        rationale: string;
        invitedToRound: { name: string } | null;
      };
    };
    const rows: Row[] = board.body.proposals;
    const funded = rows.filter((r) => r.decision.outcome === 'funded');
    expect(funded).toHaveLength(5);
    expect(rows.filter((r) => r.decision.outcome === 'not-funded')).toHaveLength(1);
    expect(rows.every((r) => r.decision.rationale.length > 20)).toBe(true);
    const total = funded.reduce((sum, r) => sum + r.decision.amount!, 0);
    expect(board.body.awarded).toBe(total);
    expect(total).toBeLessThanOrEqual(DEMO_REVIEW_LAB.round.pool);
    expect(funded.every((r) => r.decision.amount! <= DEMO_REVIEW_LAB.round.awardCap)).toBe(true);
    const invited = rows.filter((r) => r.decision.invitedToRound?.name === DEMO_SECOND_ROUND.name);
    expect(invited).toHaveLength(3);
    expect(invited.every((r) => r.decision.outcome === 'funded')).toBe(true);
    expect(second.invitedTeamIds.sort()).toEqual(invited.map((r) => r.teamId).sort());

    // Letters wait in the outbox, one per member of each team, with released comments only.
    const letters = await request(app.baseUrl).get(`${base}/letters`).set(bearer(organiserSession));
    expect(letters.body).toMatchObject({ drafts: 30, released: 0, undecided: [] });
    for (const letter of letters.body.letters as { body: string }[]) {
      expect(letter.body).not.toMatch(/Borderline|Fund\. The team/);
      expect(letter.body).toMatch(/A clear, ambitious plan|A promising idea|The question matters/);
    }

    // Follow-up: a kick-off plan due from every funded team (one filed), one team late.
    const reports = await request(app.baseUrl)
      .get(`${base}/progress-reports`)
      .set(bearer(organiserSession));
    const kickOff = reports.body.reports.filter(
      (r: { title: string }) => r.title === 'Kick-off plan',
    );
    expect(kickOff).toHaveLength(5);
    expect(kickOff.map((r: { status: string }) => r.status).sort()).toEqual([
      'due',
      'due',
      'due',
      'due',
      'filed',
    ]);
    expect(reports.body.late).toHaveLength(1);

    // An invited team's member opens the second round; a team not invited does not see it.
    const members = await request(app.baseUrl)
      .get(`${labBase}/teams`)
      .set(bearer(organiserSession));
    const emailOf = async (teamId: string) => {
      const team = members.body.find((t: { id: string }) => t.id === teamId);
      const profile = await app.app.get(IdentityService).profilesByIds([team.members[0].userId]);
      return profile[0].email;
    };
    const invitedMember = await login(app, await emailOf(invited[0].teamId), DEMO_PASSWORD);
    const open = await request(app.baseUrl)
      .get(`${labBase}/funding-rounds/${second.id}`)
      .set(bearer(invitedMember));
    expect(open.status).toBe(200);
    const notInvited = rows.find((r) => !r.decision.invitedToRound)!;
    const outsider = await login(app, await emailOf(notInvited.teamId), DEMO_PASSWORD);
    const closed = await request(app.baseUrl)
      .get(`${labBase}/funding-rounds/${second.id}`)
      .set(bearer(outsider));
    expect(closed.status).toBe(404);
  });

  it('is idempotent: a second run creates nothing', async () => {
    expect(await seedDemoLab(app.app, { knownPasswords: true })).toEqual({
      created: false,
      labId: null,
      workshopLabId: null,
      reviewLabId: null,
      logins: [],
    });
  });
});
