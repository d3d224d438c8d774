import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@ideas-lab/domain';
import { AgendaService, BreakoutService, DISCIPLINE_NOT_STATED } from '@ideas-lab/workshop';
import { labWithStaff, login } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe("participants' profiles for the planner come from their applications (services against PostgreSQL)", () => {
  let app: TestApp;
  let breakout: BreakoutService;
  let labId: string;
  let organiser: Actor;
  const people: string[] = [];
  let db: pg.Client;

  beforeAll(async () => {
    app = await startTestApp();
    breakout = app.app.get(BreakoutService);
    const lab = await labWithStaff(app, 'profiles');
    labId = lab.labId;
    organiser = { userId: lab.organiser.userId, isAdmin: false };
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    const form = await db.query<{ id: string }>(
      `INSERT INTO application_forms (lab_id, version, questions) VALUES ($1, 1, '[]') RETURNING id`,
      [labId],
    );
    // What each person declared when applying (null: no application), and its status.
    const applications: ([Record<string, unknown>, string] | null)[] = [
      [
        {
          primaryDiscipline: 'bioinformatics',
          disciplines: ['AI', 'bioinformatics'],
          careerStage: 'early career',
          affiliation: 'National Cancer Institute',
        },
        'submitted',
      ],
      [{ disciplines: ['cancer research'], careerStage: 'senior' }, 'submitted'],
      [{ primaryDiscipline: 'AI', disciplines: ['AI'] }, 'draft'],
      null,
      [{ primaryDiscipline: 'AI', disciplines: ['AI'], affiliation: 'Argonne' }, 'submitted'],
    ];
    for (const [i, application] of applications.entries()) {
      await app.createUser({ email: `prof${i}@example.test`, displayName: `Person ${i}` });
      const { userId } = await login(app, `prof${i}@example.test`);
      people.push(userId);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, userId],
      );
      if (application)
        await db.query(
          `INSERT INTO applications (lab_id, applicant_id, form_id, status, profile, submitted_at)
           VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'submitted' THEN now() END)`,
          [labId, userId, form.rows[0].id, application[1], JSON.stringify(application[0])],
        );
    }
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it("reads a confirmed participant's disciplines, career stage and institution from the application; an organiser's profile wins", async () => {
    await breakout.setProfile(organiser, labId, people[4], {
      discipline: 'cancer research',
      careerStage: 'senior',
    });
    const rows = await breakout.participantsOf(organiser, labId);
    const byId = new Map(rows.map((r) => [r.userId, r]));
    expect(byId.get(people[0])).toMatchObject({
      discipline: 'bioinformatics',
      disciplines: ['AI', 'bioinformatics'],
      careerStage: 'early career',
      institution: 'National Cancer Institute',
      source: 'application',
    });
    // No primary discipline: the first one declared.
    expect(byId.get(people[1])).toMatchObject({
      discipline: 'cancer research',
      careerStage: 'senior',
      institution: null,
      source: 'application',
    });
    // A draft is not what the person was selected on; no application, nothing known.
    for (const i of [2, 3])
      expect(byId.get(people[i])).toMatchObject({
        discipline: null,
        careerStage: null,
        disciplines: [],
        source: null,
      });
    expect(byId.get(people[4])).toMatchObject({
      discipline: 'cancer research',
      careerStage: 'senior',
      disciplines: ['cancer research'],
      institution: 'Argonne',
      source: 'organiser',
    });
  });

  it('the rotation planner mixes rooms by those disciplines', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const session = await app.app.get(AgendaService).create(organiser, labId, {
      kind: 'breakout',
      title: 'Breakouts',
      startsAt: `${year}-07-14T15:00:00Z`,
      endsAt: `${year}-07-14T17:00:00Z`,
    });
    const plan = await breakout.createPlan(organiser, labId, session.id, {
      rounds: 1,
      roomSize: 2,
      minDisciplinesPerRoom: 2,
      seed: 'profiles',
    });
    const stored = await db.query<{
      inputs: { participants: { id: string; discipline: string; careerStage?: string }[] };
    }>(`SELECT inputs FROM breakout_plans WHERE id = $1`, [plan.id]);
    const planned = new Map(stored.rows[0].inputs.participants.map((p) => [p.id, p]));
    expect(planned.get(people[0])).toEqual({
      id: people[0],
      discipline: 'bioinformatics',
      careerStage: 'early career',
    });
    expect(planned.get(people[1])?.discipline).toBe('cancer research');
    expect(planned.get(people[3])?.discipline).toBe(DISCIPLINE_NOT_STATED);
    expect(planned.get(people[4])?.discipline).toBe('cancer research');
  });
});
