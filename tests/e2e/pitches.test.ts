import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import pg from 'pg';

const year = new Date().getUTCFullYear() + 1;

describe('pitch sessions: running order, a stage the clock moves once across two instances, locked scores, released comments', () => {
  let first: TestApp;
  let second: TestApp;
  let db: pg.Client;
  let labId: string;
  let organiser: Session;
  let mentor: Session;
  let conflicted: Session;
  const people: Session[] = [];
  let teamA: string;
  let teamB: string;
  let sessionId: string;
  const watchers: LiveTestClient[] = [];

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { database: first.database });
    const lab = await labWithStaff(first, 'pitch');
    ({ labId, organiser, mentor } = lab);
    db = new pg.Client({ connectionString: first.database.url });
    await db.connect();
    await first.createUser({ email: 'mentor2-pitch@example.test', displayName: 'Mentor Two' });
    conflicted = await login(first, 'mentor2-pitch@example.test');
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'mentor')`,
      [labId, conflicted.userId],
    );
    for (let i = 0; i < 4; i++) {
      const email = `p${i}-pitch@example.test`;
      await first.createUser({ email, displayName: `Pitcher ${i}` });
      const session = await login(first, email);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
      people.push(session);
    }
    const team = async (name: string, members: Session[]) => {
      const res = await request(first.baseUrl)
        .post(`/api/labs/${labId}/teams`)
        .set(bearer(organiser))
        .send({ name, memberIds: members.map((m) => m.userId) });
      if (res.status !== 201) throw new Error(`team: ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    teamA = await team('Digital twins', [people[0], people[1]]);
    teamB = await team('Virtual trials', [people[2], people[3]]);
    // The second mentor declared a conflict with a member of team B.
    await db.query(
      `INSERT INTO review_conflicts (lab_id, reviewer_id, applicant_id) VALUES ($1, $2, $3)`,
      [labId, conflicted.userId, people[3].userId],
    );
    sessionId = await pitchSession('Pitches', 15);
  }, 120_000);

  /** A pitch session on the agenda, 15:00–17:00 UTC on that day of next July. */
  const pitchSession = async (title: string, day: number): Promise<string> => {
    const created = await request(first.baseUrl)
      .post(`/api/labs/${labId}/sessions`)
      .set(bearer(organiser))
      .send({
        kind: 'pitch',
        title,
        startsAt: `${year}-07-${day}T15:00:00Z`,
        endsAt: `${year}-07-${day}T17:00:00Z`,
        materials: [],
        meetingUrl: null,
      });
    if (created.status !== 201) throw new Error(`session: ${JSON.stringify(created.body)}`);
    return created.body.id;
  };

  afterAll(async () => {
    for (const w of watchers) w.close();
    await db?.end();
    await second?.close();
    await first?.close();
  });

  const base = () => `/api/labs/${labId}/pitch-sessions/${sessionId}`;
  const myScore = (slotId: string) => `${base()}/slots/${slotId}/my-score`;

  it('runs the order the organiser set, lets the clock move each pitch on exactly once across two instances, and locks its scores', async () => {
    const fresh = await request(first.baseUrl).get(base()).set(bearer(people[0]));
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ version: 0, state: 'scheduled', slots: [] });
    expect(fresh.body.criteria.map((c: { id: string }) => c.id)).toEqual([
      'idea',
      'team',
      'feasibility',
    ]);

    const order = {
      version: 0,
      slots: [
        { teamId: teamA, pitchSeconds: 300, questionSeconds: 120 },
        { teamId: teamB, pitchSeconds: 300, questionSeconds: 120 },
      ],
    };
    const saved = await request(first.baseUrl).put(base()).set(bearer(organiser)).send(order);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.slots.map((s: { teamName: string }) => s.teamName)).toEqual([
      'Digital twins',
      'Virtual trials',
    ]);
    const stale = await request(second.baseUrl).put(base()).set(bearer(organiser)).send(order);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PITCH_SESSION_VERSION_CONFLICT');
    const byParticipant = await request(first.baseUrl)
      .put(base())
      .set(bearer(people[0]))
      .send({ ...order, version: 1 });
    expect(byParticipant.status).toBe(403);

    const [slotA, slotB] = saved.body.slots.map((s: { id: string }) => s.id) as string[];
    // The organiser watches on the first instance, a participant on the second.
    const desk = liveClient(first.baseUrl, organiser, labId);
    const floor = liveClient(second.baseUrl, people[0], labId);
    await desk.connect();
    await floor.connect();
    watchers.push(desk, floor);

    const started = await request(first.baseUrl)
      .post(`${base()}/start`)
      .set(bearer(organiser))
      .send({});
    expect(started.status).toBe(200);
    expect(started.body.currentSlotId).toBe(slotA);
    expect(started.body.slots[0].phase).toBe('pitch');
    const onStage = await desk.next('pitch:state', (n) => n.currentSlotId === slotA);
    expect(onStage.slots[0]).toMatchObject({ teamName: 'Digital twins', phase: 'pitch' });

    // A mentor drafts on a phone while the team pitches; the organiser sees it arrive (the
    // instances share no adapter here, so through the organiser's instance).
    const draft = await request(first.baseUrl)
      .put(myScore(slotA))
      .set(bearer(mentor))
      .send({
        version: 0,
        scores: { idea: 4 },
        commentToTeam: 'Bold idea; show one patient.',
        privateNote: 'Needs a clinician on the team.',
      });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ version: 1, locked: false });
    const scored = await desk.next('pitch:scored', (n) => n.slotId === slotA);
    expect(scored).toMatchObject({ scores: { idea: 4 }, mentor: { userId: mentor.userId } });
    const revised = await request(first.baseUrl)
      .put(myScore(slotA))
      .set(bearer(mentor))
      .send({
        version: 1,
        scores: { idea: 4, team: 3, feasibility: 5 },
        commentToTeam: 'Bold idea; show one patient.',
        privateNote: 'Needs a clinician on the team.',
      });
    expect(revised.status).toBe(200);
    const lost = await request(first.baseUrl)
      .put(myScore(slotA))
      .set(bearer(mentor))
      .send({ version: 1, scores: { idea: 1 }, commentToTeam: '', privateNote: '' });
    expect(lost.status).toBe(409);
    expect(lost.body.code).toBe('PITCH_SCORE_VERSION_CONFLICT');
    const offScale = await request(first.baseUrl)
      .put(myScore(slotA))
      .set(bearer(conflicted))
      .send({ version: 0, scores: { idea: 9 }, commentToTeam: '', privateNote: '' });
    expect(offScale.status).toBe(400);
    expect(offScale.body.code).toBe('PITCH_SCORE_INVALID');
    const byOrganiser = await request(first.baseUrl)
      .put(myScore(slotA))
      .set(bearer(organiser))
      .send({ version: 0, scores: {}, commentToTeam: '', privateNote: '' });
    expect(byOrganiser.status).toBe(403);
    expect(byOrganiser.body.code).toBe('LAB_ROLE_REQUIRED');

    // The pitch clock runs out: one of the two instances' timers opens questions, once.
    await db.query(`UPDATE pitch_slots SET phase_ends_at = now() WHERE id = $1`, [slotA]);
    await Promise.any(
      watchers.map((w) =>
        w.next(
          'pitch:state',
          (n) => n.slots.find((s) => s.slotId === slotA)?.phase === 'questions',
          10_000,
        ),
      ),
    );
    // Then the question clock: one instance closes the pitch, once.
    await db.query(`UPDATE pitch_slots SET phase_ends_at = now() WHERE id = $1`, [slotA]);
    const closed = await Promise.any(
      watchers.map((w) =>
        w.next(
          'pitch:state',
          (n) => n.slots.find((s) => s.slotId === slotA)?.phase === 'closed',
          10_000,
        ),
      ),
    );
    expect(closed.currentSlotId).toBe(slotA);
    const audit = await db.query(
      `SELECT action, data->>'by' AS by, count(*)::int AS n FROM audit_events
        WHERE entity_id = $1 AND action IN ('pitch.questions_started','pitch.slot_closed') GROUP BY 1, 2 ORDER BY 1`,
      [slotA],
    );
    expect(audit.rows).toEqual([
      { action: 'pitch.questions_started', by: 'timer', n: 1 },
      { action: 'pitch.slot_closed', by: 'timer', n: 1 },
    ]);

    // Locked: the mentor's late edit is refused, and an organiser's late click is told why.
    const late = await request(second.baseUrl)
      .put(myScore(slotA))
      .set(bearer(mentor))
      .send({ version: 2, scores: { idea: 1 }, commentToTeam: 'changed', privateNote: '' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PITCH_SCORING_CLOSED');
    const lateClick = await request(second.baseUrl)
      .post(`${base()}/advance`)
      .set(bearer(organiser))
      .send({ slotId: slotA, phase: 'questions' });
    expect(lateClick.status).toBe(409);
    expect(lateClick.body.code).toBe('PITCH_STAGE_CHANGED');

    // Next team: the conflicted mentor may not score it, and sees why on the scoring page.
    const next = await request(second.baseUrl)
      .post(`${base()}/next`)
      .set(bearer(organiser))
      .send({ currentSlotId: slotA });
    expect(next.status).toBe(200);
    expect(next.body.currentSlotId).toBe(slotB);
    const refused = await request(first.baseUrl)
      .put(myScore(slotB))
      .set(bearer(conflicted))
      .send({ version: 0, scores: { idea: 5 }, commentToTeam: 'Great', privateNote: '' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PITCH_CONFLICT_OF_INTEREST');
    const page = await request(first.baseUrl).get(`${base()}/my-scores`).set(bearer(conflicted));
    expect(page.status).toBe(200);
    expect(page.body.slots.map((s: { conflict: string | null }) => s.conflict)).toEqual([
      null,
      'you declared a conflict with a member of this team',
    ]);
    const twice = await request(first.baseUrl)
      .post(`${base()}/next`)
      .set(bearer(organiser))
      .send({ currentSlotId: slotA });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('PITCH_STAGE_CHANGED');

    // A client (re)connecting now gets the stage in its snapshot.
    const late2 = liveClient(second.baseUrl, people[2], labId);
    watchers.push(late2);
    const snapshot = await late2.connect();
    expect(snapshot.pitch).toMatchObject({ sessionId, currentSlotId: slotB, state: 'running' });
    expect(snapshot.pitch?.slots.map((s) => s.phase)).toEqual(['closed', 'pitch']);
  }, 120_000);

  it('shows a team only the comments the organisers released, never scores or private notes, and gives funding the summaries', async () => {
    const table = await request(first.baseUrl).get(`${base()}/scores`).set(bearer(organiser));
    expect(table.status).toBe(200);
    const [rowA] = table.body.teams;
    expect(rowA).toMatchObject({ n: 1, mean: expect.any(Number) });
    const score = rowA.scores[0];
    expect(score).toMatchObject({
      locked: true,
      privateNote: 'Needs a clinician on the team.',
      releasedAt: null,
    });
    const mentorsTable = await request(first.baseUrl).get(`${base()}/scores`).set(bearer(mentor));
    expect(mentorsTable.status).toBe(403);

    const before = await request(second.baseUrl).get(`${base()}/feedback`).set(bearer(people[0]));
    expect(before.status).toBe(200);
    expect(before.body.teams).toEqual([
      { teamId: teamA, teamName: 'Digital twins', phase: 'closed', comments: [] },
    ]);

    const team = liveClient(first.baseUrl, people[1], labId);
    watchers.push(team);
    await team.connect();
    const released = await request(first.baseUrl)
      .put(`${base()}/scores/${score.id}/release`)
      .set(bearer(organiser))
      .send({ released: true });
    expect(released.status).toBe(200);
    expect(released.body.releasedAt).not.toBeNull();
    await team.next('pitch:feedback', (n) => n.teamId === teamA);

    const after = await request(second.baseUrl).get(`${base()}/feedback`).set(bearer(people[0]));
    expect(after.body.teams[0].comments).toEqual([
      { id: score.id, comment: 'Bold idea; show one patient.', releasedAt: expect.any(String) },
    ]);
    const raw = JSON.stringify(after.body);
    expect(raw).not.toContain('clinician');
    expect(raw).not.toContain(mentor.userId);
    expect(raw).not.toContain('"scores"');
    // Team B sees nothing of team A's feedback.
    const other = await request(second.baseUrl).get(`${base()}/feedback`).set(bearer(people[2]));
    expect(other.body.teams.map((t: { teamId: string }) => t.teamId)).toEqual([teamB]);
    expect(JSON.stringify(other.body)).not.toContain('Bold idea');

    // Team B is still pitching: its comments cannot be released yet.
    const draftB = await request(first.baseUrl)
      .put(`${base()}/slots/${table.body.teams[1].slot.id}/my-score`)
      .set(bearer(mentor))
      .send({ version: 0, scores: { idea: 3 }, commentToTeam: 'More data', privateNote: '' });
    expect(draftB.status).toBe(200);
    const early = await request(first.baseUrl)
      .put(`${base()}/scores/${draftB.body.id}/release`)
      .set(bearer(organiser))
      .send({ released: true });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PITCH_RELEASE_NOT_READY');

    const ended = await request(first.baseUrl).post(`${base()}/end`).set(bearer(organiser));
    expect(ended.status).toBe(200);
    expect(ended.body.state).toBe('ended');
    expect(ended.body.slots.map((s: { phase: string }) => s.phase)).toEqual(['closed', 'closed']);

    const summaries = await request(first.baseUrl)
      .get(`/api/labs/${labId}/pitch-scores`)
      .set(bearer(organiser));
    expect(summaries.status).toBe(200);
    const byTeam = new Map(summaries.body.map((s: { teamId: string }) => [s.teamId, s] as const));
    expect(byTeam.get(teamA)).toMatchObject({
      n: 1,
      mean: 0.75,
      scores: [{ mentorId: mentor.userId, scores: { idea: 4, team: 3, feasibility: 5 } }],
    });
    expect(byTeam.get(teamB)).toMatchObject({ n: 1, mean: 0.5 });
  }, 120_000);
  it('lets organisers move the clock on stage by hand: version-checked, refused with reasons, sent live, and the stage still moves on once across two instances at the new time', async () => {
    await first.createUser({ email: 'organiser2-pitch@example.test', displayName: 'Chair Two' });
    const chair = await login(first, 'organiser2-pitch@example.test');
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'organiser')`,
      [labId, chair.userId],
    );
    const day2 = `/api/labs/${labId}/pitch-sessions/${await pitchSession('Pitches, day two', 16)}`;
    const saved = await request(first.baseUrl)
      .put(day2)
      .set(bearer(organiser))
      .send({
        version: 0,
        slots: [
          { teamId: teamA, pitchSeconds: 300, questionSeconds: 120 },
          { teamId: teamB, pitchSeconds: 300, questionSeconds: 120 },
        ],
      });
    expect(saved.status).toBe(200);
    const [slotA, slotB] = saved.body.slots.map((s: { id: string }) => s.id) as string[];
    /** The clock of `slotId` (team A) moved from what the caller saw, by `who` on `app`. */
    const clock = (
      deltaSeconds: number,
      clockVersion: number,
      { app = first, who = organiser, slotId = slotA, phase = 'pitch' } = {},
    ) =>
      request(app.baseUrl)
        .post(`${day2}/clock`)
        .set(bearer(who))
        .send({ slotId, phase, clockVersion, deltaSeconds });
    type Slot = {
      id: string;
      phase: string;
      phaseEndsAt: string;
      clockVersion: number;
      adjustedSeconds: number;
    };
    const slotOf = (body: { slots: Slot[] }, id: string) => body.slots.find((s) => s.id === id)!;

    // Nothing runs before the start.
    const early = await clock(60, 0);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PITCH_CLOCK_NOT_RUNNING');
    expect(early.body.message).toContain('has not started');

    const started = await request(first.baseUrl)
      .post(`${day2}/start`)
      .set(bearer(organiser))
      .send({});
    expect(started.status).toBe(200);
    const before = slotOf(started.body, slotA);
    expect(before).toMatchObject({ phase: 'pitch', clockVersion: 0, adjustedSeconds: 0 });

    // A mentor's phone on the first instance, a team member on the second.
    const phone = liveClient(first.baseUrl, mentor, labId);
    const team = liveClient(second.baseUrl, people[0], labId);
    await phone.connect();
    await team.connect();
    watchers.push(phone, team);

    // +1 min: the stored deadline moves by exactly a minute, and the mentor's countdown with it.
    const added = await clock(60, 0);
    expect(added.status).toBe(200);
    const afterAdd = slotOf(added.body, slotA);
    expect(afterAdd).toMatchObject({ phase: 'pitch', clockVersion: 1, adjustedSeconds: 60 });
    expect(Date.parse(afterAdd.phaseEndsAt) - Date.parse(before.phaseEndsAt)).toBe(60_000);
    const seen = await phone.next('pitch:state', (n) =>
      n.slots.some((s) => s.slotId === slotA && s.clockVersion === 1),
    );
    expect(seen.slots.find((s) => s.slotId === slotA)).toMatchObject({
      phaseEndsAt: afterAdd.phaseEndsAt,
      adjustedSeconds: 60,
    });

    // Two chairs click at once from the clock they both saw: one applies, the other is told.
    const [one, two] = await Promise.all([
      clock(60, 1),
      clock(-60, 1, { app: second, who: chair }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const [won, lost] = one.status === 200 ? [one, two] : [two, one];
    expect(lost.body.code).toBe('PITCH_CLOCK_CONFLICT');
    expect(lost.body.message).toContain('Another organiser moved Digital twins');
    expect(lost.body.details).toMatchObject({ currentClockVersion: 2, yourClockVersion: 1 });
    const winner = slotOf(won.body, slotA);
    expect(winner.clockVersion).toBe(2);
    expect(lost.body.details.phaseEndsAt).toBe(winner.phaseEndsAt);
    expect(lost.body.details.adjustedSeconds).toBe(winner.adjustedSeconds);
    // Once they have seen it, the other chair's click applies.
    const retried = await clock(60, 2, { app: second, who: lost === two ? chair : organiser });
    expect(retried.status).toBe(200);
    expect(slotOf(retried.body, slotA)).toMatchObject({
      clockVersion: 3,
      adjustedSeconds: winner.adjustedSeconds + 60,
    });

    // Refusals, each saying why.
    const tooMuchOff = await clock(-600, 3);
    expect(tooMuchOff.status).toBe(409);
    expect(tooMuchOff.body.code).toBe('PITCH_CLOCK_OUT_OF_RANGE');
    expect(tooMuchOff.body.message).toMatch(/keeps at least 10 s, so at most .* can come off now/);
    await db.query(
      `UPDATE pitch_slots SET phase_ends_at = now() + interval '59 minutes' WHERE id = $1`,
      [slotA],
    );
    const tooMuchOn = await clock(120, 3);
    expect(tooMuchOn.status).toBe(409);
    expect(tooMuchOn.body.code).toBe('PITCH_CLOCK_OUT_OF_RANGE');
    expect(tooMuchOn.body.message).toContain('more than 60 min');
    const zero = await clock(0, 3);
    expect(zero.status).toBe(400);
    const wrongPhase = await clock(60, 3, { phase: 'questions' });
    expect(wrongPhase.status).toBe(409);
    expect(wrongPhase.body.code).toBe('PITCH_STAGE_CHANGED');
    const waiting = await clock(60, 0, { slotId: slotB });
    expect(waiting.status).toBe(409);
    expect(waiting.body.code).toBe('PITCH_CLOCK_NOT_RUNNING');
    expect(waiting.body.message).toContain('Virtual trials');
    for (const who of [mentor, people[0]]) {
      const refused = await clock(60, 3, { app: second, who });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('LAB_ROLE_REQUIRED');
    }

    // Shortened to end in about 12 s (on the second instance): one of the two instances'
    // timers opens questions at that new deadline, once, and the question clock starts there.
    await db.query(
      `UPDATE pitch_slots SET phase_ends_at = now() + interval '72 seconds' WHERE id = $1`,
      [slotA],
    );
    const shortened = await clock(-60, 3, { app: second, who: chair });
    expect(shortened.status).toBe(200);
    const deadline = slotOf(shortened.body, slotA).phaseEndsAt;
    const questions = await Promise.any(
      [phone, team].map((w) =>
        w.next(
          'pitch:state',
          (n) => n.slots.find((s) => s.slotId === slotA)?.phase === 'questions',
          30_000,
        ),
      ),
    );
    const onQuestions = questions.slots.find((s) => s.slotId === slotA)!;
    expect(Date.parse(onQuestions.phaseEndsAt!) - Date.parse(deadline)).toBe(120_000);
    expect(onQuestions).toMatchObject({ adjustedSeconds: 0, clockVersion: 4 });

    // The question clock moves too.
    const moreQuestions = await clock(60, 4, { phase: 'questions' });
    expect(moreQuestions.status).toBe(200);
    expect(slotOf(moreQuestions.body, slotA)).toMatchObject({
      phase: 'questions',
      adjustedSeconds: 60,
    });

    const audit = await db.query(
      `SELECT action, data->>'by' AS by, count(*)::int AS n FROM audit_events
        WHERE entity_id = $1 AND action IN ('pitch.questions_started','pitch.slot_closed','pitch.clock_adjusted') GROUP BY 1, 2 ORDER BY 1`,
      [slotA],
    );
    expect(audit.rows).toEqual([
      { action: 'pitch.clock_adjusted', by: null, n: 5 },
      { action: 'pitch.questions_started', by: 'timer', n: 1 },
    ]);
    const words = await request(first.baseUrl)
      .get(`/api/labs/${labId}/audit`)
      .set(bearer(organiser));
    expect(JSON.stringify(words.body)).toContain('gave the questions to Digital twins 1 min more');

    const ended = await request(first.baseUrl).post(`${day2}/end`).set(bearer(organiser));
    expect(ended.status).toBe(200);
    const after = await clock(60, 5, { phase: 'questions' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('PITCH_CLOCK_NOT_RUNNING');
    expect(after.body.message).toContain('has ended');
  }, 120_000);
});
