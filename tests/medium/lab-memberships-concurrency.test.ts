import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipsService } from '@ideas-lab/labs';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('lab memberships under concurrency (service against PostgreSQL)', () => {
  let app: TestApp;
  let service: MembershipsService;
  let db: pg.Client;

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    service = app.app.get(MembershipsService);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('never leaves a lab without an organiser when two organisers remove each other at once', async () => {
    for (let trial = 0; trial < 10; trial++) {
      const { labId, admin, organiser } = await labWithStaff(app, `pair${trial}`);
      const email = `second-${trial}@example.test`;
      await app.createUser({ email });
      await request(app.baseUrl)
        .post(`/api/labs/${labId}/members`)
        .set(bearer(admin))
        .send({ email, role: 'organiser' })
        .expect(204);
      const second: Session = await login(app, email);
      const results = await Promise.allSettled([
        service.removeMember(
          { userId: organiser.userId, isAdmin: false },
          labId,
          second.userId,
          'organiser',
        ),
        service.removeMember(
          { userId: second.userId, isAdmin: false },
          labId,
          organiser.userId,
          'organiser',
        ),
      ]);
      const outcomes = results.map((r) =>
        r.status === 'fulfilled' ? 'removed' : (r.reason as { code?: string }).code,
      );
      expect(outcomes.sort()).toEqual(['LAST_ORGANISER', 'removed']);
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM lab_memberships WHERE lab_id = $1 AND role = 'organiser'`,
        [labId],
      );
      expect(rows[0].n).toBe(1);
    }
  });
});
