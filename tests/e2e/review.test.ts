import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationReviewClosedNotice } from '@ideas-lab/live';
import {
  applicantProfile,
  bearer,
  labWithStaff,
  login,
  type Session,
} from '../support/api-client.js';
import { liveClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FORM = [
  { id: 'pitch', type: 'short_text', label: 'One-line pitch', required: true },
  { id: 'portfolio', type: 'url', label: 'Portfolio', required: false },
];

const RUBRIC = {
  criteria: [
    { id: 'expertise', label: 'Relevant expertise', weight: 2, scale: { min: 1, max: 5 } },
    { id: 'collaboration', label: 'Ability to collaborate', weight: 1, scale: { min: 1, max: 5 } },
  ],
  commentPrompt: 'What would this person bring to a team?',
};

describe('application review: rubric, assignment, reviews, scores', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Session;
  let admin: Session;
  let mentors: Session[];
  let otherOrganiser: Session;
  const applicants = new Map<string, { session: Session; applicationId: string }>();
  const api = () => request(app.baseUrl);
  const appOf = (name: string) => applicants.get(name)!.applicationId;

  beforeAll(async () => {
    app = await startTestApp();
    const lab = await labWithStaff(app, 'rev');
    ({ labId, organiser, admin } = lab);
    ({ organiser: otherOrganiser } = await labWithStaff(app, 'elsewhere'));
    mentors = [lab.mentor];
    for (const n of [2, 3]) {
      await app.createUser({ email: `mentor${n}-rev@example.test`, displayName: `Mentor ${n}` });
      await api()
        .post(`/api/labs/${labId}/members`)
        .set(bearer(admin))
        .send({ email: `mentor${n}-rev@example.test`, role: 'mentor' })
        .expect(204);
      mentors.push(await login(app, `mentor${n}-rev@example.test`));
    }
    await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(organiser))
      .send({ questions: FORM })
      .expect(200);
    await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' })
      .expect(200);
    const people: [string, string][] = [
      ['ada', '  university of  Edinburgh'],
      ['bob', 'Argonne National Laboratory'],
      ['cy', 'Moffitt Cancer Center'],
      ['dee', 'ETH Zurich'],
    ];
    for (const [name, affiliation] of people) {
      await app.createUser({ email: `${name}@example.test`, displayName: name });
      const session = await login(app, `${name}@example.test`);
      const started = await api()
        .post(`/api/labs/${labId}/applications`)
        .set(bearer(session))
        .expect(201);
      await api()
        .patch(`/api/applications/${started.body.id}`)
        .set(bearer(session))
        .send({
          version: 1,
          profile: applicantProfile(name.toUpperCase(), affiliation),
          answers: { pitch: `${name}'s idea`, portfolio: `https://example.org/${name}` },
        })
        .expect(200);
      await api()
        .post(`/api/applications/${started.body.id}/submit`)
        .set(bearer(session))
        .send({})
        .expect(200);
      applicants.set(name, { session, applicationId: started.body.id });
    }
  });
  afterAll(() => app?.close());

  it('lets organisers set a rubric, naming every problem of a bad one; reviewers read it', async () => {
    const bad = await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({
        criteria: [
          { id: 'Expertise', label: ' ', weight: 0, scale: { min: 5, max: 1 } },
          { id: 'fit', label: 'Fit', weight: 1, scale: { min: 1, max: 5 } },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('REVIEW_RUBRIC_INVALID');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'criteria[0].id',
      'criteria[0].label',
      'criteria[0].weight',
      'criteria[0].scale',
    ]);

    expect((await api().get(`/api/labs/${labId}/rubric`).set(bearer(mentors[0]))).body.code).toBe(
      'REVIEW_RUBRIC_NOT_SET',
    );
    expect(
      (await api().put(`/api/labs/${labId}/rubric`).set(bearer(mentors[0])).send(RUBRIC)).status,
    ).toBe(403);
    const set = await api().put(`/api/labs/${labId}/rubric`).set(bearer(organiser)).send(RUBRIC);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      version: 1,
      blind: false,
      locked: false,
      criteria: RUBRIC.criteria,
    });
    const read = await api().get(`/api/labs/${labId}/rubric`).set(bearer(mentors[1]));
    expect(read.body).toMatchObject({ version: 1, commentPrompt: RUBRIC.commentPrompt });
  });

  it('assigns k reviewers per application with HiGHS, respecting derived and declared conflicts', async () => {
    // Mentor 1 works where Ada does (spelled differently); mentor 2 knows Bob personally.
    const m1 = await api()
      .put(`/api/labs/${labId}/reviewers/me`)
      .set(bearer(mentors[0]))
      .send({ institution: 'University of Edinburgh' });
    expect(m1.body).toMatchObject({ institution: 'University of Edinburgh', conflicts: [] });
    const bad = await api()
      .put(`/api/labs/${labId}/reviewers/me`)
      .set(bearer(mentors[1]))
      .send({ conflicts: [{ applicantEmail: 'nobody@example.test' }, {}] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'conflicts[0].applicantEmail',
      'conflicts[1]',
    ]);
    const m2 = await api()
      .put(`/api/labs/${labId}/reviewers/me`)
      .set(bearer(mentors[1]))
      .send({ conflicts: [{ applicantEmail: 'bob@example.test' }] });
    expect(m2.body.conflicts).toEqual([
      { applicantId: applicants.get('bob')!.session.userId, applicantEmail: 'bob@example.test' },
    ]);

    const run = await api()
      .post(`/api/labs/${labId}/review-assignments/run`)
      .set(bearer(organiser))
      .send({ reviewsPerApplication: 2, reviewerIds: mentors.map((m) => m.userId) });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      complete: true,
      optimal: true,
      applications: 4,
      added: 8,
      kept: 0,
      problems: [],
    });
    expect(run.body.loadSpread).toBeLessThanOrEqual(1);
    expect(run.body.loads.map((l: { load: number }) => l.load).sort()).toEqual([2, 3, 3]);

    const list = await api().get(`/api/labs/${labId}/review-assignments`).set(bearer(organiser));
    const pairs = list.body.assignments.map(
      (a: { applicantName: string; reviewerId: string }) => `${a.applicantName}/${a.reviewerId}`,
    );
    expect(pairs).toHaveLength(8);
    expect(pairs).not.toContain(`ADA/${mentors[0].userId}`);
    expect(pairs).not.toContain(`BOB/${mentors[1].userId}`);
    expect(list.body.latestRun).toMatchObject({ reviewsPerApplication: 2, complete: true });

    // An impossible demand is explained, not thrown.
    const tooMany = await api()
      .post(`/api/labs/${labId}/review-assignments/run`)
      .set(bearer(organiser))
      .send({ reviewsPerApplication: 3, reviewerIds: mentors.map((m) => m.userId) });
    expect(tooMany.body.complete).toBe(false);
    expect(tooMany.body.unfilled.map((u: { name: string }) => u.name).sort()).toEqual([
      'ADA',
      'BOB',
    ]);
    expect(tooMany.body.problems.join(' ')).toMatch(
      /only 2 reviewers without a conflict of interest \(needs 3\)/,
    );
    await api()
      .post(`/api/labs/${labId}/review-assignments/run`)
      .set(bearer(organiser))
      .send({ reviewsPerApplication: 2, reviewerIds: mentors.map((m) => m.userId) })
      .expect(200);
  });

  it('refuses a conflicted reviewer the application, and organisers a conflicted hand assignment', async () => {
    const open = await api()
      .get(`/api/labs/${labId}/my-reviews/${appOf('ada')}`)
      .set(bearer(mentors[0]));
    expect(open.status).toBe(403);
    expect(open.body.code).toBe('REVIEW_CONFLICT_OF_INTEREST');
    const byHand = await api()
      .post(`/api/labs/${labId}/review-assignments`)
      .set(bearer(organiser))
      .send({ applicationId: appOf('bob'), reviewerId: mentors[1].userId });
    expect(byHand.status).toBe(409);
    expect(byHand.body.code).toBe('ASSIGNMENT_CONFLICT_OF_INTEREST');
    const stranger = await api()
      .post(`/api/labs/${labId}/review-assignments`)
      .set(bearer(organiser))
      .send({ applicationId: appOf('bob'), reviewerId: applicants.get('ada')!.session.userId });
    expect(stranger.body.code).toBe('REVIEWER_NOT_IN_LAB');
  });

  let shared: string;
  let other: Session;

  it('shows a mentor their queue with progress, and lists every problem of a review at once', async () => {
    const queue = await api().get(`/api/labs/${labId}/my-reviews`).set(bearer(mentors[0]));
    expect(queue.status).toBe(200);
    expect(queue.body.blind).toBe(false);
    expect(queue.body.items.map((i: { applicantName: string }) => i.applicantName)).not.toContain(
      'ADA',
    );
    expect(queue.body.progress).toEqual({
      assigned: queue.body.items.length,
      submitted: 0,
      draft: 0,
      notStarted: queue.body.items.length,
    });

    shared = queue.body.items[0].applicationId;
    const assignments = (
      await api().get(`/api/labs/${labId}/review-assignments`).set(bearer(organiser))
    ).body.assignments;
    const otherId = assignments.find(
      (a: { applicationId: string; reviewerId: string }) =>
        a.applicationId === shared && a.reviewerId !== mentors[0].userId,
    ).reviewerId;
    other = mentors.find((m) => m.userId === otherId)!;

    const opened = await api()
      .get(`/api/labs/${labId}/my-reviews/${shared}`)
      .set(bearer(mentors[0]));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      blind: false,
      review: { status: 'assigned', scores: {} },
      othersVisible: false,
      rubric: { version: 1 },
    });
    expect(opened.body.profile.affiliation).toBeTruthy();

    const invalid = await api()
      .post(`/api/labs/${labId}/my-reviews/${shared}/submit`)
      .set(bearer(mentors[0]))
      .send({ scores: { expertise: 9, charm: 3 }, comment: 'Promising' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('REVIEW_INVALID');
    expect(invalid.body.details.map((d: { field: string }) => d.field)).toEqual([
      'scores.charm',
      'scores.expertise',
      'scores.collaboration',
    ]);

    const draft = await api()
      .put(`/api/labs/${labId}/my-reviews/${shared}`)
      .set(bearer(mentors[0]))
      .send({ scores: { expertise: 4 }, comment: 'Promising' });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      scores: { expertise: 4 },
      rubricVersion: 1,
    });
    const progress = (await api().get(`/api/labs/${labId}/my-reviews`).set(bearer(mentors[0]))).body
      .progress;
    expect(progress).toMatchObject({ draft: 1, submitted: 0 });
  });

  it("opens others' reviews to a reviewer only after their own is submitted", async () => {
    const early = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(mentors[0]));
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('REVIEWS_HIDDEN_UNTIL_SUBMITTED');

    await api()
      .post(`/api/labs/${labId}/my-reviews/${shared}/submit`)
      .set(bearer(other))
      .send({ scores: { expertise: 2, collaboration: 3 }, comment: 'Narrow' })
      .expect(200);
    const submitted = await api()
      .post(`/api/labs/${labId}/my-reviews/${shared}/submit`)
      .set(bearer(mentors[0]))
      .send({ scores: { expertise: 4, collaboration: 5 } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      scores: { expertise: 4, collaboration: 5 },
      comment: 'Promising',
    });
    expect(
      (
        await api()
          .put(`/api/labs/${labId}/my-reviews/${shared}`)
          .set(bearer(mentors[0]))
          .send({ comment: 'changed my mind' })
      ).body.code,
    ).toBe('REVIEW_ALREADY_SUBMITTED');

    const reviews = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(mentors[0]));
    expect(reviews.status).toBe(200);
    expect(reviews.body.reviews).toHaveLength(2);
    const theirs = reviews.body.reviews.find((r: { mine: boolean }) => !r.mine);
    expect(theirs).toMatchObject({
      reviewerId: other.userId,
      comment: 'Narrow',
      scores: { expertise: 2, collaboration: 3 },
    });
    // (2·(2−1)/4 + 1·(3−1)/4) / 3
    expect(theirs.weightedScore).toBeCloseTo(1 / 3, 9);
  });

  it('keeps submitted criteria and scales once reviews exist, but lets weights change', async () => {
    const removing = await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({
        criteria: [
          RUBRIC.criteria[0],
          { ...RUBRIC.criteria[1], scale: { min: 0, max: 10 } },
          { id: 'fit', label: 'Fit', weight: 1, scale: { min: 1, max: 5 } },
        ],
      });
    expect(removing.status).toBe(409);
    expect(removing.body.code).toBe('REVIEW_RUBRIC_LOCKED');
    expect(removing.body.details.map((d: { field: string }) => d.field)).toEqual([
      'criteria[1].scale',
      'criteria[2].id',
    ]);
    const reweighted = await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({
        ...RUBRIC,
        criteria: [{ ...RUBRIC.criteria[0], weight: 3 }, RUBRIC.criteria[1]],
        version: 1,
      });
    expect(reweighted.status).toBe(200);
    expect(reweighted.body).toMatchObject({ version: 2, locked: true, submittedReviews: 2 });
    const stale = await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({ ...RUBRIC, version: 1 });
    expect(stale.body.code).toBe('REVIEW_RUBRIC_VERSION_CONFLICT');
  });

  it('hides who applied, and who else reviewed, in the blind phase', async () => {
    await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({ ...RUBRIC, blind: true })
      .expect(200);
    const queue = await api().get(`/api/labs/${labId}/my-reviews`).set(bearer(mentors[0]));
    expect(queue.body.blind).toBe(true);
    expect(
      queue.body.items.every((i: { applicantName: string | null }) => i.applicantName === null),
    ).toBe(true);
    const next = queue.body.items.find(
      (i: { status: string }) => i.status === 'assigned',
    ).applicationId;
    const opened = await api().get(`/api/labs/${labId}/my-reviews/${next}`).set(bearer(mentors[0]));
    expect(opened.body.blind).toBe(true);
    for (const field of ['name', 'affiliation', 'country', 'orcid', 'links'])
      expect(opened.body.profile).not.toHaveProperty(field);
    expect(opened.body.profile).toMatchObject({ primaryDiscipline: 'AI', careerStage: 'senior' });
    expect(opened.body.answers).toEqual({ pitch: expect.any(String) });
    expect(JSON.stringify(opened.body)).not.toMatch(/example\.org|ORCID|0000-0002/);

    const reviews = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(mentors[0]));
    const theirs = reviews.body.reviews.find((r: { mine: boolean }) => !r.mine);
    expect(theirs).toMatchObject({ reviewerId: null, reviewerName: 'Reviewer 1' });
    // Organisers see everything.
    const all = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(organiser));
    expect(all.body.reviews.map((r: { reviewerId: string }) => r.reviewerId).sort()).toEqual(
      [mentors[0].userId, other.userId].sort(),
    );
    await api()
      .put(`/api/labs/${labId}/rubric`)
      .set(bearer(organiser))
      .send({ ...RUBRIC, blind: false })
      .expect(200);
  });

  it('keeps submitted reviews when assignment is run again', async () => {
    const rerun = await api()
      .post(`/api/labs/${labId}/review-assignments/run`)
      .set(bearer(organiser))
      .send({ reviewsPerApplication: 2, reviewerIds: mentors.map((m) => m.userId) });
    expect(rerun.body).toMatchObject({ complete: true, kept: 2, added: 6 });
    const assignments = (
      await api().get(`/api/labs/${labId}/review-assignments`).set(bearer(organiser))
    ).body.assignments;
    const onShared = assignments.filter(
      (a: { applicationId: string }) => a.applicationId === shared,
    );
    expect(onShared.map((a: { status: string }) => a.status)).toEqual(['submitted', 'submitted']);
    const submittedOne = onShared[0].id;
    expect(
      (
        await api()
          .delete(`/api/labs/${labId}/review-assignments/${submittedOne}`)
          .set(bearer(organiser))
      ).body.code,
    ).toBe('REVIEW_ASSIGNMENT_HAS_REVIEW');
  });

  it('shows organisers progress per reviewer and per application, and the scores', async () => {
    const progress = await api().get(`/api/labs/${labId}/review-progress`).set(bearer(organiser));
    expect(progress.status).toBe(200);
    expect(progress.body.totals).toMatchObject({
      assigned: 8,
      submitted: 2,
      applications: 4,
      applicationsFullyReviewed: 1,
    });
    expect(
      progress.body.perReviewer.find(
        (r: { reviewerId: string }) => r.reviewerId === mentors[0].userId,
      ),
    ).toMatchObject({ submitted: 1 });
    expect(
      progress.body.perApplication.find(
        (a: { applicationId: string }) => a.applicationId === shared,
      ),
    ).toMatchObject({ assigned: 2, submitted: 2 });

    const scores = await api().get(`/api/labs/${labId}/scores`).set(bearer(organiser));
    expect(scores.status).toBe(200);
    const first = scores.body.applications[0];
    expect(first).toMatchObject({ rank: 1, applicationId: shared, reviewCount: 2 });
    // Weights 2:1 again (the blind toggle sent RUBRIC): mentor 1 (4, 5) → (2·0.75 + 1)/3; the other (2, 3) → (2·0.25 + 0.5)/3.
    expect(first.weightedScore).toBeCloseTo((2.5 / 3 + 1 / 3) / 2, 9);
    expect(first.rawMean).toBeCloseTo(3.5, 9);
    expect(first.spread).toBeCloseTo(0.25, 9);
    expect(first.merit).toBe(0); // each reviewer has one review: nothing to standardise yet
    expect(
      scores.body.applications
        .slice(1)
        .every(
          (a: { reviewCount: number; merit: null }) => a.reviewCount === 0 && a.merit === null,
        ),
    ).toBe(true);
    const byName = await api()
      .get(`/api/labs/${labId}/scores?sort=name&order=asc`)
      .set(bearer(organiser));
    expect(byName.body.applications.map((a: { applicantName: string }) => a.applicantName)).toEqual(
      ['ADA', 'BOB', 'CY', 'DEE'],
    );
  });

  it("gives organisers' applications table the normalised score, sorted and searched", async () => {
    const byMerit = await api()
      .get(`/api/labs/${labId}/applications?sort=merit`)
      .set(bearer(organiser));
    expect(byMerit.status).toBe(200);
    expect(byMerit.body.total).toBe(4);
    expect(byMerit.body.items[0]).toMatchObject({ id: shared, merit: 0, reviewCount: 2 });
    expect(
      byMerit.body.items
        .slice(1)
        .map((a: { merit: number | null; reviewCount: number }) => [a.merit, a.reviewCount]),
    ).toEqual([
      [null, 0],
      [null, 0],
      [null, 0],
    ]);
    const found = await api().get(`/api/labs/${labId}/applications?q=%20Bo`).set(bearer(organiser));
    expect(found.body.items.map((a: { name: string }) => a.name)).toEqual(['BOB']);
    const byEmail = await api()
      .get(`/api/labs/${labId}/applications?q=DEE@EXAMPLE`)
      .set(bearer(organiser));
    expect(byEmail.body.items.map((a: { name: string }) => a.name)).toEqual(['DEE']);
    // A % is looked for as itself, not as a wildcard.
    const literal = await api().get(`/api/labs/${labId}/applications?q=%25`).set(bearer(organiser));
    expect(literal.body.total).toBe(0);
    const byName = await api()
      .get(`/api/labs/${labId}/applications?sort=name&order=desc&pageSize=2&page=2`)
      .set(bearer(organiser));
    expect(byName.body.items.map((a: { name: string }) => a.name)).toEqual(['BOB', 'ADA']);
    const bad = await api()
      .get(`/api/labs/${labId}/applications?sort=score`)
      .set(bearer(organiser));
    expect(bad.status).toBe(400);
  });

  it('never shows an applicant a review route, nor another lab’s organiser anything', async () => {
    const ada = applicants.get('ada')!.session;
    for (const path of [
      'my-reviews',
      `my-reviews/${appOf('ada')}`,
      `applications/${appOf('ada')}/reviews`,
      'scores',
      'rubric',
      'review-progress',
    ]) {
      const res = await api().get(`/api/labs/${labId}/${path}`).set(bearer(ada));
      expect([403, 404], path).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toMatch(/Promising|Narrow/);
    }
    for (const path of [
      'scores',
      'my-reviews',
      `applications/${shared}/reviews`,
      'review-assignments',
    ]) {
      const res = await api().get(`/api/labs/${labId}/${path}`).set(bearer(otherOrganiser));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('LAB_NOT_FOUND');
    }
  });

  it('audits every review change', async () => {
    const audit = await api().get(`/api/labs/${labId}/audit?limit=200`).set(bearer(organiser));
    const actions = new Set(audit.body.items.map((e: { action: string }) => e.action));
    for (const action of [
      'review.rubric_set',
      'review.conflicts_declared',
      'review.assignment_run',
      'review.draft_saved',
      'review.submitted',
    ])
      expect(actions).toContain(action);
    expect(
      (await api().get(`/api/labs/${labId}/audit/verify`).set(bearer(organiser))).body.valid,
    ).toBe(true);
  });

  it('flags for organisers a submitted review whose reviewer declares a conflict afterwards', async () => {
    const before = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(organiser));
    // (Mentor 2 declared this applicant earlier and so never reviewed them.)
    expect(before.body.conflicts.map((c: { reviewerId: string }) => c.reviewerId)).not.toContain(
      other.userId,
    );
    expect(before.body.reviews.every((r: { conflict: null }) => r.conflict === null)).toBe(true);
    const applicant = [...applicants.values()].find((a) => a.applicationId === shared)!;
    await api()
      .put(`/api/labs/${labId}/reviewers/me`)
      .set(bearer(other))
      .send({ conflicts: [{ applicantEmail: applicant.session.email }] })
      .expect(200);
    const after = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(organiser));
    expect(after.status).toBe(200);
    // The review stays (it was submitted), flagged, and the reviewer is listed in conflict.
    expect(after.body.reviews).toHaveLength(2);
    expect(
      after.body.reviews.find((r: { reviewerId: string }) => r.reviewerId === other.userId),
    ).toMatchObject({ conflict: 'declared-person', comment: 'Narrow' });
    expect(
      after.body.reviews.find((r: { reviewerId: string }) => r.reviewerId !== other.userId)
        .conflict,
    ).toBeNull();
    expect(after.body.conflicts).toContainEqual({
      reviewerId: other.userId,
      reviewerName: expect.any(String),
      reason: 'declared-person',
    });
    expect(after.body.conflicts).toHaveLength(before.body.conflicts.length + 1);
    // A reviewer reading others' reviews is not told of anyone's conflicts.
    const asReviewer = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(mentors[0]));
    expect(asReviewer.status).toBe(200);
    expect(asReviewer.body.conflicts).toEqual([]);
    expect(asReviewer.body.reviews.every((r: { conflict: null }) => r.conflict === null)).toBe(
      true,
    );
  });

  it('lets a reviewer revise a submitted review until the organiser closes review, keeping each submission', async () => {
    const revised = await api()
      .post(`/api/labs/${labId}/my-reviews/${shared}/submit`)
      .set(bearer(mentors[0]))
      .send({ scores: { expertise: 5, collaboration: 5 }, comment: 'Stronger on reflection' });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({
      status: 'submitted',
      revision: 2,
      scores: { expertise: 5, collaboration: 5 },
    });
    // A draft cannot change a submitted review: only a new submission does.
    const draft = await api()
      .put(`/api/labs/${labId}/my-reviews/${shared}`)
      .set(bearer(mentors[0]))
      .send({ comment: 'half a thought' });
    expect(draft.body.code).toBe('REVIEW_ALREADY_SUBMITTED');

    // Organisers read the current review and every earlier submission, as it was.
    const asOrganiser = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(organiser));
    const mine = asOrganiser.body.reviews.find(
      (r: { reviewerId: string }) => r.reviewerId === mentors[0].userId,
    );
    expect(mine).toMatchObject({ revision: 2, comment: 'Stronger on reflection' });
    expect(mine.earlierRevisions).toEqual([
      expect.objectContaining({
        revision: 1,
        scores: { expertise: 4, collaboration: 5 },
        comment: 'Promising',
        submittedAt: expect.any(String),
      }),
    ]);
    expect(mine.earlierRevisions[0].weightedScore).toBeLessThan(mine.weightedScore);
    // Other reviewers see the current review only.
    const asReviewer = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(mentors[0]));
    expect(
      asReviewer.body.reviews.every(
        (r: { earlierRevisions: unknown[] }) => r.earlierRevisions.length === 0,
      ),
    ).toBe(true);

    // Only an organiser closes review; after it, revising is refused with a clear code.
    expect(
      (await api().post(`/api/labs/${labId}/rubric/close`).set(bearer(mentors[0]))).status,
    ).toBe(403);
    // A mentor's open review screen hears of the close at once.
    const screen = liveClient(app.baseUrl, mentors[0], labId);
    await screen.connect();
    const closed = await api().post(`/api/labs/${labId}/rubric/close`).set(bearer(organiser));
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    try {
      expect(ApplicationReviewClosedNotice.parse(await screen.next('review:closed'))).toEqual({
        labId,
        closedAt: closed.body.closedAt,
      });
    } finally {
      screen.close();
    }
    const late = await api()
      .post(`/api/labs/${labId}/my-reviews/${shared}/submit`)
      .set(bearer(mentors[0]))
      .send({ scores: { expertise: 1, collaboration: 1 } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REVIEW_CLOSED');
    expect(late.body.message).toMatch(
      /^The organisers closed review on .+\(America\/New_York\)|^The organisers closed review on /,
    );
    expect(late.body.details).toMatchObject({ closedAt: closed.body.closedAt });
    const kept = await api()
      .get(`/api/labs/${labId}/applications/${shared}/reviews`)
      .set(bearer(organiser));
    expect(
      kept.body.reviews.find((r: { reviewerId: string }) => r.reviewerId === mentors[0].userId),
    ).toMatchObject({ revision: 2, scores: { expertise: 5, collaboration: 5 } });
    const audit = await api().get(`/api/labs/${labId}/audit?limit=200`).set(bearer(organiser));
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('review.revised');
    expect(actions).toContain('review.closed');
  });
});
