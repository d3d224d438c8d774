import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsService } from '@ideas-lab/applications';
import type { Actor } from '@ideas-lab/domain';
import { bearer, labWithStaff } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' ? (result.reason as { code?: string }).code : 'ok';

describe('applications under concurrency (service against PostgreSQL)', () => {
  let app: TestApp;
  let service: ApplicationsService;
  let labId: string;
  let db: pg.Client;

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    service = app.app.get(ApplicationsService);
    const lab = await labWithStaff(app, 'race');
    labId = lab.labId;
    await request(app.baseUrl)
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(lab.organiser))
      .send({ questions: [{ id: 'pitch', type: 'short_text', label: 'Pitch', required: true }] })
      .expect(200);
    await request(app.baseUrl)
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(lab.organiser))
      .send({ to: 'applications_open' })
      .expect(200);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const applicant = async (email: string): Promise<Actor> => ({
    userId: (await app.createUser({ email })).id,
    isAdmin: false,
  });

  it('keeps one application per person when the same person starts several at once', async () => {
    const actor = await applicant('double-click@example.test');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => service.start(actor, labId)),
    );
    expect(results.map(codeOf).sort()).toEqual([
      'APPLICATION_ALREADY_EXISTS',
      'APPLICATION_ALREADY_EXISTS',
      'APPLICATION_ALREADY_EXISTS',
      'APPLICATION_ALREADY_EXISTS',
      'APPLICATION_ALREADY_EXISTS',
      'ok',
    ]);
    const rows = await db.query(
      'SELECT count(*)::int AS n FROM applications WHERE lab_id = $1 AND applicant_id = $2',
      [labId, actor.userId],
    );
    expect(rows.rows[0].n).toBe(1);
    const roles = await db.query(
      `SELECT role FROM lab_memberships WHERE lab_id = $1 AND user_id = $2`,
      [labId, actor.userId],
    );
    expect(roles.rows).toEqual([{ role: 'applicant' }]);
  });

  it('lets exactly one of several autosaves from the same version win', async () => {
    const actor = await applicant('two-tabs@example.test');
    const { id } = await service.start(actor, labId);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        service.update(actor, id, { version: 1, answers: { pitch: `tab ${i}` } }),
      ),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'APPLICATION_VERSION_CONFLICT')).toHaveLength(7);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    const saved = await service.get(actor, id);
    expect(saved).toMatchObject({ version: 2, answers: { pitch: `tab ${winner}` } });
  });

  it('stores the full content of each submitted and edited version, and rolls back an edit that fails', async () => {
    const actor = await applicant('versions@example.test');
    const { id } = await service.start(actor, labId);
    const days = (await service.get(actor, id)).availability.workshopDays;
    await service.update(actor, id, {
      version: 1,
      profile: {
        name: 'Grace Hopper',
        affiliation: 'Yale University',
        organisationType: 'university',
        careerStage: 'senior',
        disciplines: ['AI'],
        primaryDiscipline: 'AI',
        expertiseKeywords: ['compilers'],
        country: 'US',
        availability: Object.fromEntries(days.map((d) => [d, true])),
      },
      answers: { pitch: 'Debug the twin' },
    });
    await service.submit(actor, id, 2);
    await service.update(actor, id, { version: 3, answers: { pitch: 'Debug the digital twin' } });
    await expect(
      service.update(actor, id, { version: 4, answers: { pitch: null } }),
    ).rejects.toMatchObject({ code: 'APPLICATION_INCOMPLETE' });

    const versions = await db.query(
      'SELECT version, kind, answers, profile->>$2 AS name FROM application_versions WHERE application_id = $1 ORDER BY version',
      [id, 'name'],
    );
    expect(versions.rows).toEqual([
      { version: 3, kind: 'submitted', answers: { pitch: 'Debug the twin' }, name: 'Grace Hopper' },
      {
        version: 4,
        kind: 'edited',
        answers: { pitch: 'Debug the digital twin' },
        name: 'Grace Hopper',
      },
    ]);
    const current = await db.query('SELECT version, answers FROM applications WHERE id = $1', [id]);
    expect(current.rows[0]).toEqual({ version: 4, answers: { pitch: 'Debug the digital twin' } });
  });
});
