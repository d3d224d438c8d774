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

interface OtherReview {
  mine: boolean;
  reviewerId: string | null;
  reviewerName: string;
  comment: string;
}

/**
 * In a blind review mentors talk about each other's reviews as "Reviewer 1", "Reviewer 2" …;
 * those names must not move when one of them revises, and must be the same for every reader.
 */
describe('blind application review: reviewer labels', () => {
  let app: TestApp;
  let labId: string;
  let applicationId: string;
  let reviewers: Session[];
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
    const lab = await labWithStaff(app, 'labels');
    labId = lab.labId;
    reviewers = [lab.mentor];
    for (const n of [2, 3]) {
      await app.createUser({ email: `mentor${n}-labels@example.test`, displayName: `Mentor ${n}` });
      await api()
        .post(`/api/labs/${labId}/members`)
        .set(bearer(lab.admin))
        .send({ email: `mentor${n}-labels@example.test`, role: 'mentor' })
        .expect(204);
      reviewers.push(await login(app, `mentor${n}-labels@example.test`));
    }
    await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(lab.organiser))
      .send({ questions: [{ id: 'pitch', type: 'short_text', label: 'Pitch', required: true }] })
      .expect(200);
    await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(lab.organiser))
      .send({ to: 'applications_open' })
      .expect(200);
    await app.createUser({ email: 'gil@example.test', displayName: 'Gil' });
    const gil = await login(app, 'gil@example.test');
    const started = await api()
      .post(`/api/labs/${labId}/applications`)
      .set(bearer(gil))
      .expect(201);
    applicationId = started.body.id;
    await api()
      .patch(`/api/applications/${applicationId}`)
      .set(bearer(gil))
      .send({
        version: 1,
        profile: applicantProfile('Gil'),
        answers: { pitch: "Gil's idea" },
      })
      .expect(200);
    await api()
      .post(`/api/applications/${applicationId}/submit`)
      .set(bearer(gil))
      .send({})
      .expect(200);
    await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(lab.organiser))
      .send({
        criteria: [{ id: 'fit', label: 'Fit', weight: 1, scale: { min: 1, max: 5 } }],
        blind: true,
      })
      .expect(200);
    const run = await api()
      .post(`/api/labs/${labId}/review-assignments/run`)
      .set(bearer(lab.organiser))
      .send({ reviewsPerApplication: 3, reviewerIds: reviewers.map((r) => r.userId) });
    expect(run.body).toMatchObject({ complete: true, added: 3 });
  });
  afterAll(() => app?.close());

  const submit = (reviewer: Session, fit: number, comment: string) =>
    api()
      .post(`/api/labs/${labId}/my-reviews/${applicationId}/submit`)
      .set(bearer(reviewer))
      .send({ scores: { fit }, comment })
      .expect(200);

  /** Who wrote what, as a reviewer sees it: the label shown against each comment of the others. */
  const labelsSeenBy = async (reader: Session): Promise<Record<string, string>> => {
    const res = await api()
      .get(`/api/labs/${labId}/applications/${applicationId}/reviews`)
      .set(bearer(reader))
      .expect(200);
    const others = (res.body.reviews as OtherReview[]).filter((r) => !r.mine);
    // Blind: no identity, only a label.
    expect(
      others.every((r) => r.reviewerId === null && /^Reviewer \d+$/.test(r.reviewerName)),
    ).toBe(true);
    return Object.fromEntries(others.map((r) => [r.comment, r.reviewerName]));
  };

  it('keeps each reviewer’s label when one revises, the same for every reader', async () => {
    const [first, second, third] = reviewers;
    await submit(first, 4, 'First: strong on models');
    await submit(second, 2, 'Second: unclear team fit');
    await submit(third, 3, 'Third: solid');

    const before = await labelsSeenBy(third);
    expect(Object.keys(before).sort()).toEqual([
      'First: strong on models',
      'Second: unclear team fit',
    ]);
    expect(new Set(Object.values(before)).size).toBe(2);

    // The first reviewer revises: their review is now the latest submission.
    await submit(first, 5, 'First, revised: stronger still');
    const after = await labelsSeenBy(third);
    expect(after).toEqual({
      'First, revised: stronger still': before['First: strong on models'],
      'Second: unclear team fit': before['Second: unclear team fit'],
    });

    // Another reader calls the first reviewer by the same label, and the third by one of its own.
    const bySecond = await labelsSeenBy(second);
    expect(bySecond['First, revised: stronger still']).toBe(before['First: strong on models']);
    expect(Object.values(after)).not.toContain(bySecond['Third: solid']);
  });
});
