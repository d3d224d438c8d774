import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe("a reviewer's declaration of conflicts of interest", () => {
  let app: TestApp;
  let labId: string;
  let mentor: Session;
  const me = () => `/api/labs/${labId}/reviewers/me`;

  beforeAll(async () => {
    app = await startTestApp();
    ({ labId, mentor } = await labWithStaff(app, 'coi'));
  });
  afterAll(() => app?.close());

  it('keeps the declared conflicts when only the institution is set, and replaces them when sent', async () => {
    await request(app.baseUrl)
      .put(me())
      .set(bearer(mentor))
      .send({ conflicts: [{ institution: 'Argonne National Laboratory' }] })
      .expect(200);

    const moved = await request(app.baseUrl)
      .put(me())
      .set(bearer(mentor))
      .send({ institution: 'University of Edinburgh' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      institution: 'University of Edinburgh',
      conflicts: [{ institution: 'Argonne National Laboratory' }],
    });

    const cleared = await request(app.baseUrl)
      .put(me())
      .set(bearer(mentor))
      .send({ conflicts: [] });
    expect(cleared.body).toMatchObject({ institution: 'University of Edinburgh', conflicts: [] });
  });
});
