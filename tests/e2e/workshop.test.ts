import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const year = new Date().getUTCFullYear() + 1;
const at = (day: number, hhmm: string) => `${year}-07-${String(day).padStart(2, '0')}T${hhmm}:00Z`;
const DISCIPLINES = ['AI', 'bioinformatics', 'cancer research'];

interface Room {
  id: string;
  name: string;
  mentorId: string | null;
  capacity: number | null;
  occupancy: number;
  participants?: { userId: string }[];
}
interface Round {
  id: string;
  index: number;
  state: string;
  mode: string;
  myRoomId: string | null;
  rooms: Room[];
}

describe('workshop: agenda and breakout rounds', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Session;
  let mentor: Session;
  let admin: Session;
  let applicant: Session;
  let stranger: Session;
  let otherOrganiser: Session;
  const participants: Session[] = [];
  let db: pg.Client;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
    ({ labId, organiser, mentor, admin } = await labWithStaff(app, 'ws'));
    ({ organiser: otherOrganiser } = await labWithStaff(app, 'other'));
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    for (const name of ['applicant', 'stranger'])
      await app.createUser({ email: `${name}@example.test` });
    applicant = await login(app, 'applicant@example.test');
    stranger = await login(app, 'stranger@example.test');
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'applicant')`,
      [labId, applicant.userId],
    );
    // Selection (a later issue) makes people participants; grant the role directly here.
    for (let i = 0; i < 12; i++) {
      const email = `p${String(i).padStart(2, '0')}@example.test`;
      await app.createUser({ email, displayName: `Participant ${String(i).padStart(2, '0')}` });
      const session = await login(app, email);
      participants.push(session);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
    }
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const session = (overrides: Record<string, unknown> = {}) => ({
    kind: 'plenary',
    title: 'Welcome, aims; and rules',
    startsAt: at(13, '15:00'),
    endsAt: at(13, '16:00'),
    materials: [{ title: 'The brief', url: 'https://example.org/brief.pdf' }],
    meetingUrl: 'https://zoom.example/j/100',
    ...overrides,
  });

  describe('agenda', () => {
    let plenaryId: string;

    it('names every invalid field of a session', async () => {
      const res = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(
          session({
            kind: 'party',
            title: 'x',
            startsAt: 'monday morning',
            materials: [{ title: 'Brief', url: 'not a link' }],
            meetingUrl: 'ftp://x',
          }),
        );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'kind',
        'materials.0.url',
        'meetingUrl',
        'startsAt',
        'title',
      ]);
    });

    it('refuses times outside the workshop, and an end before the start', async () => {
      const outside = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(session({ startsAt: at(12, '15:00'), endsAt: at(12, '16:00') }));
      expect(outside.status).toBe(400);
      expect(outside.body.code).toBe('SESSION_TIMES_INVALID');
      expect(outside.body.details.map((d: { field: string }) => d.field)).toEqual([
        'startsAt',
        'endsAt',
      ]);
      const backwards = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(session({ startsAt: at(14, '16:00'), endsAt: at(14, '15:00') }));
      expect(backwards.status).toBe(400);
      expect(backwards.body.details).toEqual([
        { field: 'endsAt', message: 'endsAt must be after startsAt' },
      ]);
    });

    it('lets only organisers schedule', async () => {
      for (const who of [mentor, participants[0], applicant]) {
        const res = await api()
          .post(`/api/labs/${labId}/sessions`)
          .set(bearer(who))
          .send(session());
        expect(res.status).toBe(403);
      }
      const res = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(otherOrganiser))
        .send(session());
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('LAB_NOT_FOUND');
    });

    it("schedules sessions, shown in the lab's time zone", async () => {
      const res = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(session());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'plenary',
        state: 'scheduled',
        version: 1,
        startsAt: new Date(at(13, '15:00')).toISOString(),
        day: `${year}-07-13`,
      });
      expect(res.body.startsAtLocal).toBe(`13 July ${year} at 11:00 EDT (America/New_York)`);
      plenaryId = res.body.id;
      const pitch = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(
          session({
            kind: 'pitch',
            title: 'Team pitches',
            startsAt: at(17, '18:00'),
            endsAt: at(17, '20:00'),
            materials: [],
            meetingUrl: null,
          }),
        );
      expect(pitch.status).toBe(201);
    });

    it('never loses a concurrent edit (optimistic locking on version)', async () => {
      const first = await api()
        .patch(`/api/labs/${labId}/sessions/${plenaryId}`)
        .set(bearer(organiser))
        .send({ version: 1, endsAt: at(13, '16:30') });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        version: 2,
        endsAt: new Date(at(13, '16:30')).toISOString(),
      });
      const stale = await api()
        .patch(`/api/labs/${labId}/sessions/${plenaryId}`)
        .set(bearer(admin))
        .send({ version: 1, title: 'Lost edit' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        code: 'SESSION_VERSION_CONFLICT',
        details: { currentVersion: 2, yourVersion: 1 },
      });
      const outside = await api()
        .patch(`/api/labs/${labId}/sessions/${plenaryId}`)
        .set(bearer(organiser))
        .send({ version: 2, endsAt: at(18, '10:00') });
      expect(outside.status).toBe(400);
      expect(outside.body.code).toBe('SESSION_TIMES_INVALID');
    });

    it('shows every member the agenda in time order; people outside the lab see nothing', async () => {
      for (const who of [participants[0], mentor, applicant]) {
        const res = await api().get(`/api/labs/${labId}/agenda`).set(bearer(who));
        expect(res.status).toBe(200);
        expect(res.body.timezone).toBe('America/New_York');
        expect(res.body.sessions.map((s: { title: string }) => s.title)).toEqual([
          'Welcome, aims; and rules',
          'Team pitches',
        ]);
      }
      for (const who of [stranger, otherOrganiser]) {
        const res = await api().get(`/api/labs/${labId}/agenda`).set(bearer(who));
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('LAB_NOT_FOUND');
        expect((await api().get(`/api/labs/${labId}/agenda.ics`).set(bearer(who))).status).toBe(
          404,
        );
      }
    });

    it('serves the agenda as an iCalendar feed', async () => {
      const res = await api().get(`/api/labs/${labId}/agenda.ics`).set(bearer(participants[0]));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.headers['content-disposition']).toContain('agenda.ics');
      const ics: string = res.text;
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      const lines = ics.replace(/\r\n /g, '').split('\r\n');
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
      expect(lines).toEqual(
        expect.arrayContaining([
          'X-WR-TIMEZONE:America/New_York',
          `UID:session-${plenaryId}@ideas-lab`,
          `DTSTART:${year}0713T150000Z`,
          `DTEND:${year}0713T163000Z`,
          'SUMMARY:Welcome\\, aims\\; and rules',
          'SEQUENCE:1',
          'LOCATION:https://zoom.example/j/100',
        ]),
      );
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    });

    it('deletes a session', async () => {
      const created = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(session({ kind: 'ideation', title: 'To be dropped' }));
      expect(
        (
          await api()
            .delete(`/api/labs/${labId}/sessions/${created.body.id}`)
            .set(bearer(organiser))
        ).status,
      ).toBe(204);
      expect(
        (
          await api()
            .delete(`/api/labs/${labId}/sessions/${created.body.id}`)
            .set(bearer(organiser))
        ).body.code,
      ).toBe('SESSION_NOT_FOUND');
    });
  });

  describe('breakout rounds', () => {
    let breakoutId: string;
    let plenaryId: string;
    const base = () => `/api/labs/${labId}/sessions/${breakoutId}`;
    const roundsOf = async (who: Session): Promise<Round[]> => {
      const res = await api().get(`${base()}/rounds`).set(bearer(who));
      expect(res.status).toBe(200);
      return res.body.rounds;
    };
    const roomOf = (round: Round, userId: string) =>
      round.rooms.find((r) => r.participants?.some((p) => p.userId === userId));

    beforeAll(async () => {
      const breakout = await api()
        .post(`/api/labs/${labId}/sessions`)
        .set(bearer(organiser))
        .send(
          session({
            kind: 'breakout',
            title: 'Breakouts: meet the cohort',
            startsAt: at(14, '15:00'),
            endsAt: at(14, '18:00'),
          }),
        );
      breakoutId = breakout.body.id;
      plenaryId = (await api().get(`/api/labs/${labId}/agenda`).set(bearer(organiser))).body
        .sessions[0].id;
    });

    it('keeps a discipline per participant, from the lab taxonomy', async () => {
      const wrong = await api()
        .put(`/api/labs/${labId}/participants/${participants[0].userId}/profile`)
        .set(bearer(organiser))
        .send({ discipline: 'astrology' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({
        code: 'PROFILE_NOT_IN_TAXONOMY',
        details: [{ field: 'discipline' }],
      });
      const notParticipant = await api()
        .put(`/api/labs/${labId}/participants/${mentor.userId}/profile`)
        .set(bearer(organiser))
        .send({ discipline: 'AI' });
      expect(notParticipant.body.code).toBe('NOT_A_PARTICIPANT');
      for (const [i, p] of participants.entries()) {
        const res = await api()
          .put(`/api/labs/${labId}/participants/${p.userId}/profile`)
          .set(bearer(organiser))
          .send({ discipline: DISCIPLINES[i % 3], careerStage: i < 2 ? 'early career' : 'senior' });
        expect(res.status).toBe(200);
      }
      const list = await api().get(`/api/labs/${labId}/participants`).set(bearer(organiser));
      expect(list.body).toHaveLength(12);
      expect(list.body.every((p: { discipline: string | null }) => p.discipline !== null)).toBe(
        true,
      );
    });

    it('plans only breakout sessions', async () => {
      const res = await api()
        .post(`/api/labs/${labId}/sessions/${plenaryId}/plans`)
        .set(bearer(organiser))
        .send({ rounds: 3, roomSize: 3 });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SESSION_NOT_BREAKOUT');
    });

    it('stores a reproducible plan with its inputs, seed and metrics', async () => {
      const bad = await api()
        .post(`${base()}/plans`)
        .set(bearer(organiser))
        .send({ rounds: 0, roomSize: 1, seed: 'with spaces' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'roomSize',
        'rounds',
        'seed',
      ]);

      const body = { rounds: 3, roomSize: 3, minDisciplinesPerRoom: 3, seed: 'day-2' };
      const first = await api().post(`${base()}/plans`).set(bearer(organiser)).send(body);
      expect(first.status).toBe(201);
      // 12 people in 4 rooms of 3 for 3 rounds: 36 meetings, all between different pairs.
      expect(first.body).toMatchObject({
        seed: 'day-2',
        pairsMet: 36,
        repeats: 0,
        adoptedAt: null,
      });
      expect(first.body.inputs.participants).toHaveLength(12);
      expect(first.body.metrics.minDisciplinesInRoom).toBe(3);
      const again = await api().post(`${base()}/plans`).set(bearer(organiser)).send(body);
      expect(again.body.rounds).toEqual(first.body.rounds);
      const list = await api().get(`${base()}/plans`).set(bearer(organiser));
      expect(list.body).toHaveLength(2);
    });

    it('adopts a plan: participants see their own room, mentors their rooms, organisers everything', async () => {
      const plan = (await api().get(`${base()}/plans`).set(bearer(organiser))).body[0];
      const adopted = await api().post(`${base()}/plans/${plan.id}/adopt`).set(bearer(organiser));
      expect(adopted.status).toBe(200);
      expect(adopted.body.rounds).toHaveLength(3);

      const all = await roundsOf(organiser);
      expect(all.map((r) => r.rooms.length)).toEqual([4, 4, 4]);
      expect(all.every((r) => r.rooms.every((room) => room.participants?.length === 3))).toBe(true);

      for (const p of participants) {
        const mine = await roundsOf(p);
        expect(mine).toHaveLength(3);
        for (const round of mine) {
          expect(round.rooms).toHaveLength(1);
          expect(round.myRoomId).toBe(round.rooms[0].id);
          expect(round.rooms[0].participants?.map((s) => s.userId)).toContain(p.userId);
        }
      }
      const mentorRounds = await roundsOf(mentor);
      // One mentor for four rooms: one room a round, the one the planner gave them.
      expect(
        mentorRounds.every((r) => r.rooms.length === 1 && r.rooms[0].mentorId === mentor.userId),
      ).toBe(true);

      expect((await api().get(`${base()}/rounds`).set(bearer(applicant))).status).toBe(403);
      const other = await api().get(`${base()}/rounds`).set(bearer(otherOrganiser));
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('LAB_NOT_FOUND');
    });

    it('shows the organisers who has met whom', async () => {
      const res = await api().get(`${base()}/met-matrix`).set(bearer(organiser));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ pairsMet: 36, repeats: 0 });
      const { counts } = res.body as { counts: number[][] };
      expect(counts).toHaveLength(12);
      counts.forEach((row, i) => row.forEach((c, j) => expect(c).toBe(counts[j][i])));
      expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(2 * 36);
      expect((await api().get(`${base()}/met-matrix`).set(bearer(mentor))).status).toBe(403);
    });

    it('moves one participant and swaps two, until the round is closed', async () => {
      const [, second] = await roundsOf(organiser);
      const p = participants[0].userId;
      const from = roomOf(second, p)!;
      const to = second.rooms.find((r) => r.id !== from.id)!;
      const moved = await api()
        .post(`${base()}/rounds/${second.id}/moves`)
        .set(bearer(organiser))
        .send({ userId: p, roomId: to.id });
      expect(moved.status).toBe(200);
      const afterMove = (await roundsOf(participants[0]))[1];
      expect(afterMove.myRoomId).toBe(to.id);

      const q = from.participants!.find((s) => s.userId !== p)!.userId;
      const swapped = await api()
        .post(`${base()}/rounds/${second.id}/swaps`)
        .set(bearer(organiser))
        .send({ userIds: [p, q] });
      expect(swapped.status).toBe(200);
      const round = (swapped.body.rounds as Round[])[1];
      expect(roomOf(round, p)!.id).toBe(from.id);
      expect(roomOf(round, q)!.id).toBe(to.id);

      const notParticipant = await api()
        .post(`${base()}/rounds/${second.id}/moves`)
        .set(bearer(organiser))
        .send({ userId: mentor.userId, roomId: to.id });
      expect(notParticipant.body.code).toBe('NOT_A_PARTICIPANT');
      const sameTwice = await api()
        .post(`${base()}/rounds/${second.id}/swaps`)
        .set(bearer(organiser))
        .send({ userIds: [p, p] });
      expect(sameTwice.status).toBe(400);

      const [first] = await roundsOf(organiser);
      expect(
        (
          await api()
            .post(`${base()}/rounds/${first.id}/state`)
            .set(bearer(organiser))
            .send({ state: 'closed' })
        ).body.code,
      ).toBe('ROUND_STATE_INVALID');
      // The session is next July: opening its round today is refused, naming both days…
      const early = await api()
        .post(`${base()}/rounds/${first.id}/state`)
        .set(bearer(organiser))
        .send({ state: 'open' });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({
        code: 'ROUND_OUTSIDE_SESSION_DAY',
        message: expect.stringMatching(
          /^The session is on \w+ 14 July \d{4}; today is .*America\/New_York/,
        ),
        details: { sessionDays: { from: `${year}-07-14`, to: `${year}-07-14` } },
      });
      expect((await roundsOf(organiser))[0].state).toBe('planned');
      // …unless the organiser confirms it.
      expect(
        (
          await api()
            .post(`${base()}/rounds/${first.id}/state`)
            .set(bearer(organiser))
            .send({ state: 'open', confirmOtherDay: true })
        ).status,
      ).toBe(200);
      // While people sit in rooms the lab cannot leave its workshop.
      const { rows } = await db.query<{ phase: string }>(`SELECT phase FROM labs WHERE id = $1`, [
        labId,
      ]);
      await db.query(`UPDATE labs SET phase = 'workshop' WHERE id = $1`, [labId]);
      const leave = await api()
        .post(`/api/labs/${labId}/phase`)
        .set(bearer(organiser))
        .send({ to: 'proposals' });
      expect(leave.status).toBe(409);
      expect(leave.body.code).toBe('LAB_PHASE_ROUND_OPEN');
      // The phase bar is told so before anyone clicks, and is offered no step back.
      const options = await api().get(`/api/labs/${labId}/phase-options`).set(bearer(organiser));
      expect(options.status).toBe(200);
      expect(options.body).toEqual([
        expect.objectContaining({
          to: 'proposals',
          direction: 'forward',
          allowed: false,
          code: 'LAB_PHASE_ROUND_OPEN',
          irreversible: true,
        }),
      ]);
      await db.query(`UPDATE labs SET phase = $2 WHERE id = $1`, [labId, rows[0].phase]);
      expect(
        (
          await api()
            .post(`${base()}/rounds/${first.id}/state`)
            .set(bearer(organiser))
            .send({ state: 'closed' })
        ).status,
      ).toBe(200);
      const a = first.rooms[0].participants![0].userId;
      const b = first.rooms[1].participants![0].userId;
      const closedMove = await api()
        .post(`${base()}/rounds/${first.id}/moves`)
        .set(bearer(organiser))
        .send({ userId: a, roomId: first.rooms[1].id });
      expect(closedMove.status).toBe(409);
      expect(closedMove.body.code).toBe('ROUND_CLOSED');
      const closedSwap = await api()
        .post(`${base()}/rounds/${first.id}/swaps`)
        .set(bearer(organiser))
        .send({ userIds: [a, b] });
      expect(closedSwap.body.code).toBe('ROUND_CLOSED');
    });

    it('re-plans the rounds still to come, keeping the round held', async () => {
      const before = await roundsOf(organiser);
      const stalePlan = (await api().get(`${base()}/plans`).set(bearer(organiser))).body[0];
      const stale = await api()
        .post(`${base()}/plans/${stalePlan.id}/adopt`)
        .set(bearer(organiser));
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('PLAN_STALE');

      const plan = await api()
        .post(`${base()}/plans`)
        .set(bearer(organiser))
        .send({ rounds: 4, roomSize: 3, seed: 'replan' });
      expect(plan.status).toBe(201);
      expect(plan.body.inputs.heldRounds).toHaveLength(1);
      const adopted = await api()
        .post(`${base()}/plans/${plan.body.id}/adopt`)
        .set(bearer(organiser));
      expect(adopted.status).toBe(200);
      const after = adopted.body.rounds as Round[];
      expect(after.map((r) => r.state)).toEqual(['closed', 'planned', 'planned', 'planned']);
      expect(after[0]).toEqual({ ...before[0], state: 'closed' });
      expect(after.slice(1).map((r) => r.id)).not.toContain(before[1].id);
    });

    it('lets participants pick a room of a self-select round, never beyond its capacity', async () => {
      const noCapacity = await api()
        .post(`${base()}/rounds`)
        .set(bearer(organiser))
        .send({
          title: 'Pick a challenge',
          durationMinutes: 25,
          mode: 'self-select',
          rooms: [{ name: 'Imaging', capacity: 3 }, { name: 'Genomics' }],
        });
      expect(noCapacity.status).toBe(400);
      expect(noCapacity.body).toMatchObject({
        code: 'ROUND_ROOMS_INVALID',
        details: [{ field: 'rooms.1.capacity' }],
      });
      const wrongMentor = await api()
        .post(`${base()}/rounds`)
        .set(bearer(organiser))
        .send({
          title: 'Pick a challenge',
          durationMinutes: 25,
          mode: 'self-select',
          rooms: [{ name: 'Imaging', capacity: 3, mentorId: participants[0].userId }],
        });
      expect(wrongMentor.body).toMatchObject({
        code: 'MENTOR_NOT_IN_LAB',
        details: [{ field: 'rooms.0.mentorId' }],
      });

      const created = await api()
        .post(`${base()}/rounds`)
        .set(bearer(organiser))
        .send({
          title: 'Pick a challenge',
          durationMinutes: 25,
          mode: 'self-select',
          rooms: [
            {
              name: 'Imaging',
              capacity: 3,
              mentorId: mentor.userId,
              meetingUrl: 'https://zoom.example/j/imaging',
            },
            { name: 'Genomics', capacity: 20 },
          ],
        });
      expect(created.status).toBe(201);
      const round = (created.body.rounds as Round[]).at(-1)!;
      expect(round.mode).toBe('self-select');
      const [imaging, genomics] = round.rooms;

      // Everyone rushes for the small room at once: exactly three get in.
      const choices = await Promise.all(
        participants.map((p) =>
          api()
            .post(`${base()}/rounds/${round.id}/choice`)
            .set(bearer(p))
            .send({ roomId: imaging.id }),
        ),
      );
      expect(choices.filter((r) => r.status === 200)).toHaveLength(3);
      const refused = choices.filter((r) => r.status !== 200);
      expect(refused).toHaveLength(9);
      expect(refused.every((r) => r.status === 409 && r.body.code === 'ROOM_FULL')).toBe(true);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM breakout_assignments WHERE room_id = $1`,
        [imaging.id],
      );
      expect(rows[0].n).toBe(3);

      const late = participants[choices.findIndex((r) => r.status !== 200)];
      const other = await api()
        .post(`${base()}/rounds/${round.id}/choice`)
        .set(bearer(late))
        .send({ roomId: genomics.id });
      expect(other.status).toBe(200);
      const seen = (other.body.rounds as Round[]).find((r) => r.id === round.id)!;
      expect(seen.myRoomId).toBe(genomics.id);
      expect(seen.rooms.map((r) => [r.name, r.occupancy])).toEqual([
        ['Imaging', 3],
        ['Genomics', 1],
      ]);
      expect(seen.rooms[0].participants).toBeUndefined();

      const assignedRound = (await roundsOf(organiser)).find(
        (r) => r.mode === 'assigned' && r.state === 'planned',
      )!;
      const notSelfSelect = await api()
        .post(`${base()}/rounds/${assignedRound.id}/choice`)
        .set(bearer(late))
        .send({ roomId: assignedRound.rooms[0].id });
      expect(notSelfSelect.body.code).toBe('ROUND_NOT_SELF_SELECT');
      expect(
        (
          await api()
            .post(`${base()}/rounds/${round.id}/choice`)
            .set(bearer(mentor))
            .send({ roomId: genomics.id })
        ).status,
      ).toBe(403);
    });

    it('audits every change', async () => {
      const res = await api().get(`/api/labs/${labId}/audit?limit=200`).set(bearer(organiser));
      const actions = new Set(res.body.items.map((e: { action: string }) => e.action));
      for (const action of [
        'agenda.session_created',
        'agenda.session_updated',
        'agenda.session_deleted',
        'workshop.profile_set',
        'breakout.plan_created',
        'breakout.plan_adopted',
        'breakout.participant_moved',
        'breakout.participants_swapped',
        'breakout.round_opened',
        'breakout.round_closed',
        'breakout.round_created',
        'breakout.room_chosen',
      ]) {
        expect(actions).toContain(action);
      }
      expect(
        (await api().get(`/api/labs/${labId}/audit/verify`).set(bearer(organiser))).body.valid,
      ).toBe(true);
    });
  });
});
