import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsService } from '@ideas-lab/applications';
import type { Actor } from '@ideas-lab/domain';
import {
  ReviewAssignmentService,
  ReviewersService,
  ReviewRubricService,
  ReviewsService,
} from '@ideas-lab/review';
import { bearer, labWithStaff } from '../support/api-client.js';
import { holdSolves } from '../support/solver-gate.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INSTITUTIONS = [
  'University of Edinburgh',
  'Argonne National Laboratory',
  'Moffitt Cancer Center',
  'ETH Zurich',
  'IBM Research',
];

describe('reviewer assignment against PostgreSQL', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Actor;
  let mentors: Actor[];
  let db: pg.Client;
  let assignments: ReviewAssignmentService;
  const applicationIds: string[] = [];
  const institutionOf = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    const lab = await labWithStaff(app, 'assign');
    labId = lab.labId;
    organiser = { userId: lab.organiser.userId, isAdmin: false };
    mentors = [{ userId: lab.mentor.userId, isAdmin: false }];
    for (let i = 2; i <= 4; i++) {
      const user = await app.createUser({ email: `mentor${i}-assign@example.test` });
      await request(app.baseUrl)
        .post(`/api/labs/${labId}/members`)
        .set(bearer(lab.admin))
        .send({ email: user.email, role: 'mentor' })
        .expect(204);
      mentors.push({ userId: user.id, isAdmin: false });
    }
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
    const applications = app.app.get(ApplicationsService);
    for (let i = 0; i < 25; i++) {
      const user = await app.createUser({ email: `applicant${i}-assign@example.test` });
      const actor = { userId: user.id, isAdmin: false };
      const started = await applications.start(actor, labId);
      // Spelled as people type them: the derived conflict must see through case and spaces.
      const institution =
        i % 5 === 0 ? `  university of   EDINBURGH ` : INSTITUTIONS[i % INSTITUTIONS.length];
      const updated = await applications.update(actor, started.id, {
        version: 1,
        profile: {
          name: `Applicant ${i}`,
          affiliation: institution,
          organisationType: 'university',
          careerStage: 'senior',
          disciplines: ['AI'],
          primaryDiscipline: 'AI',
          expertiseKeywords: ['models'],
          country: 'US',
          availability: Object.fromEntries(started.availability.workshopDays.map((d) => [d, true])),
        },
        answers: { pitch: 'An idea' },
      });
      await applications.submit(actor, started.id, updated.version);
      applicationIds.push(started.id);
      institutionOf.set(started.id, institution);
    }
    await app.app.get(ReviewRubricService).put(organiser, labId, {
      criteria: [{ id: 'overall', label: 'Overall', weight: 1, scale: { min: 1, max: 5 } }],
    });
    // Mentor 1 works at Edinburgh; mentor 2 declared Argonne and one applicant as conflicts.
    const reviewers = app.app.get(ReviewersService);
    await reviewers.declare(mentors[0], labId, { institution: 'University of Edinburgh' });
    await reviewers.declare(mentors[1], labId, {
      conflicts: [
        { institution: 'argonne national laboratory' },
        { applicantEmail: 'applicant2-assign@example.test' },
      ],
    });
    assignments = app.app.get(ReviewAssignmentService);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const stored = async () =>
    (
      await db.query<{ application_id: string; reviewer_id: string; status: string }>(
        'SELECT application_id, reviewer_id, status FROM review_assignments WHERE lab_id = $1',
        [labId],
      )
    ).rows;

  it('gives every application k reviewers, loads within one, and never a conflicted pair', async () => {
    const result = await assignments.run(organiser, labId, {
      reviewsPerApplication: 2,
      reviewerIds: mentors.map((m) => m.userId),
    });
    expect(result).toMatchObject({
      complete: true,
      optimal: true,
      added: 50,
      kept: 0,
      problems: [],
    });
    const rows = await stored();
    expect(rows).toHaveLength(50);
    const perApplication = new Map<string, number>();
    const perReviewer = new Map<string, number>();
    for (const r of rows) {
      perApplication.set(r.application_id, (perApplication.get(r.application_id) ?? 0) + 1);
      perReviewer.set(r.reviewer_id, (perReviewer.get(r.reviewer_id) ?? 0) + 1);
    }
    expect([...perApplication.values()].every((n) => n === 2)).toBe(true);
    const loads = [...perReviewer.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(result.loadSpread).toBeLessThanOrEqual(1);
    for (const r of rows) {
      const institution = institutionOf.get(r.application_id) as string;
      if (r.reviewer_id === mentors[0].userId)
        expect(institution.trim().toLowerCase().replace(/\s+/g, ' ')).not.toBe(
          'university of edinburgh',
        );
      if (r.reviewer_id === mentors[1].userId) {
        expect(institution).not.toBe('Argonne National Laboratory');
        expect(r.application_id).not.toBe(applicationIds[2]);
      }
    }
  });

  it('keeps submitted and started reviews when run again, and replaces only unstarted ones', async () => {
    const reviews = app.app.get(ReviewsService);
    const mine = (await stored()).filter((r) => r.reviewer_id === mentors[2].userId);
    await reviews.submit(mentors[2], labId, mine[0].application_id, { scores: { overall: 4 } });
    await reviews.save(mentors[2], labId, mine[1].application_id, { scores: { overall: 2 } });

    const result = await assignments.run(organiser, labId, {
      reviewsPerApplication: 3,
      reviewerIds: mentors.map((m) => m.userId),
    });
    expect(result.kept).toBe(2);
    expect(result.complete).toBe(true);
    const rows = await stored();
    expect(rows).toHaveLength(75);
    expect(rows).toContainEqual({
      application_id: mine[0].application_id,
      reviewer_id: mentors[2].userId,
      status: 'submitted',
    });
    expect(rows).toContainEqual({
      application_id: mine[1].application_id,
      reviewer_id: mentors[2].userId,
      status: 'draft',
    });
    const submitted = await db.query(
      `SELECT scores FROM review_assignments WHERE status = 'submitted'`,
    );
    expect(submitted.rows).toEqual([{ scores: { overall: 4 } }]);
  });

  it('queues two runs started at once instead of mixing their assignments', async () => {
    const results = await Promise.all([
      assignments.run(organiser, labId, {
        reviewsPerApplication: 2,
        reviewerIds: mentors.map((m) => m.userId),
      }),
      assignments.run(organiser, labId, {
        reviewsPerApplication: 2,
        reviewerIds: mentors.map((m) => m.userId),
      }),
    ]);
    expect(results.every((r) => r.complete)).toBe(true);
    const rows = await stored();
    expect(rows).toHaveLength(50);
    const runs = await db.query(
      'SELECT count(*)::int AS n FROM review_assignment_runs WHERE lab_id = $1',
      [labId],
    );
    expect(runs.rows[0].n).toBe(4);
  });

  it('solves with the lab unlocked: an assignment made by hand meanwhile is kept (it solves again)', async () => {
    const held = holdSolves(app);
    try {
      const running = assignments.run(organiser, labId, {
        reviewsPerApplication: 2,
        reviewerIds: mentors.map((m) => m.userId),
      });
      await held.started;
      // The solver is working: the lab's assignment lock is free, so this does not wait for it.
      const reviewer = mentors[3].userId;
      const assigned = new Set(
        (await stored()).filter((r) => r.reviewer_id === reviewer).map((r) => r.application_id),
      );
      const applicationId = applicationIds.find((id) => !assigned.has(id))!;
      await assignments.add(organiser, labId, { applicationId, reviewerId: reviewer });
      held.release();
      const result = await running;
      // The first solution was for inputs that no longer stood: it solved again, keeping the new one.
      expect(held.tasks).toEqual(['assignReviewers', 'assignReviewers']);
      expect(result.complete).toBe(true);
      const { rows } = await db.query(
        `SELECT source FROM review_assignments WHERE lab_id = $1 AND application_id = $2 AND reviewer_id = $3`,
        [labId, applicationId, reviewer],
      );
      expect(rows).toEqual([{ source: 'manual' }]);
      const perApplication = (await stored()).filter((r) => r.application_id === applicationId);
      expect(perApplication).toHaveLength(2);
    } finally {
      held.restore();
    }
  });
});
