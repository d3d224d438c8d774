import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicantProfile,
  bearer,
  labWithStaff,
  login,
  type Session,
} from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('nobody reviews their own application', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Session;
  let admin: Session;
  let mentor: Session;
  let eve: Session;
  let eveApplication: string;
  let fayApplication: string;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
    ({ labId, organiser, admin, mentor } = await labWithStaff(app, 'self'));
    await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(organiser))
      .send({ questions: [{ id: 'pitch', type: 'short_text', label: 'Pitch', required: true }] })
      .expect(200);
    await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' })
      .expect(200);
    const apply = async (name: string) => {
      await app.createUser({ email: `${name}@example.test`, displayName: name });
      const session = await login(app, `${name}@example.test`);
      const started = await api()
        .post(`/api/labs/${labId}/applications`)
        .set(bearer(session))
        .expect(201);
      await api()
        .patch(`/api/applications/${started.body.id}`)
        .set(bearer(session))
        .send({ version: 1, profile: applicantProfile(name), answers: { pitch: `${name}'s idea` } })
        .expect(200);
      await api()
        .post(`/api/applications/${started.body.id}/submit`)
        .set(bearer(session))
        .send({})
        .expect(200);
      return { session, applicationId: started.body.id as string };
    };
    ({ session: eve, applicationId: eveApplication } = await apply('eve'));
    ({ applicationId: fayApplication } = await apply('fay'));
    // Eve, an applicant, is appointed mentor of the same lab.
    await api()
      .post(`/api/labs/${labId}/members`)
      .set(bearer(admin))
      .send({ email: 'eve@example.test', role: 'mentor' })
      .expect(204);
    await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({
        criteria: [{ id: 'fit', label: 'Fit', weight: 1, scale: { min: 1, max: 5 } }],
      })
      .expect(200);
  });
  afterAll(() => app?.close());

  it('never assigns an applicant-turned-mentor their own application', async () => {
    const run = await api()
      .post(`/api/labs/${labId}/review-assignments/run`)
      .set(bearer(organiser))
      .send({ reviewsPerApplication: 2, reviewerIds: [mentor.userId, eve.userId] });
    expect(run.status).toBe(200);
    expect(run.body.complete).toBe(false);
    expect(run.body.unfilled.map((u: { name: string }) => u.name)).toEqual(['eve']);
    const list = await api().get(`/api/labs/${labId}/review-assignments`).set(bearer(organiser));
    const pairs = list.body.assignments.map(
      (a: { applicationId: string; reviewerId: string }) => `${a.applicationId}/${a.reviewerId}`,
    );
    expect(pairs).toContain(`${fayApplication}/${eve.userId}`);
    expect(pairs).not.toContain(`${eveApplication}/${eve.userId}`);
  });

  it('refuses a hand assignment of their own application', async () => {
    const res = await api()
      .post(`/api/labs/${labId}/review-assignments`)
      .set(bearer(organiser))
      .send({ applicationId: eveApplication, reviewerId: eve.userId });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ASSIGNMENT_CONFLICT_OF_INTEREST');
    expect(res.body.message).toContain('their own application');
  });

  it('refuses to open, submit, or show the reviews of their own application, even if assigned before', async () => {
    // An assignment made before this rule (the probe found one) must not open the door.
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO review_assignments (lab_id, application_id, reviewer_id, source) VALUES ($1, $2, $3, 'manual')`,
        [labId, eveApplication, eve.userId],
      );
    } finally {
      await db.end();
    }
    const open = await api()
      .get(`/api/labs/${labId}/my-reviews/${eveApplication}`)
      .set(bearer(eve));
    expect(open.status).toBe(403);
    expect(open.body).toMatchObject({
      code: 'REVIEW_CONFLICT_OF_INTEREST',
      details: { reason: 'own-application' },
    });
    const submit = await api()
      .post(`/api/labs/${labId}/my-reviews/${eveApplication}/submit`)
      .set(bearer(eve))
      .send({ scores: { fit: 5 } });
    expect(submit.status).toBe(403);
    expect(submit.body.code).toBe('REVIEW_CONFLICT_OF_INTEREST');
    const others = await api()
      .get(`/api/labs/${labId}/applications/${eveApplication}/reviews`)
      .set(bearer(eve));
    expect(others.status).toBe(403);
    expect(others.body.code).toBe('REVIEW_CONFLICT_OF_INTEREST');
  });
});
