import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfferExpirySweeper } from '@ideas-lab/selection';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const year = new Date().getUTCFullYear() + 1;
const WORKSHOP_DAYS = [13, 14, 15, 16, 17].map((d) => `${year}-07-${d}`);

const RUBRIC = {
  criteria: [{ id: 'merit', label: 'Overall merit', weight: 1, scale: { min: 1, max: 10 } }],
};

interface Person {
  name: string;
  discipline: string;
  stage: string;
  score: number;
  available?: boolean;
}

/**
 * Seven applicants scored 10..4 by one reviewer. The quota run needs one bioinformatician and
 * one early-career person: D (7) is both. When D declines, the next in line by merit (C, AI,
 * senior) would break both quotas; only H (3, bioinformatics, early career) keeps them. G is
 * not available for the whole workshop.
 */
const PEOPLE: Person[] = [
  { name: 'a', discipline: 'AI', stage: 'senior', score: 10 },
  { name: 'b', discipline: 'AI', stage: 'senior', score: 9 },
  { name: 'c', discipline: 'AI', stage: 'senior', score: 8 },
  { name: 'd', discipline: 'bioinformatics', stage: 'early career', score: 7 },
  { name: 'e', discipline: 'AI', stage: 'senior', score: 6 },
  { name: 'f', discipline: 'bioinformatics', stage: 'senior', score: 5 },
  { name: 'g', discipline: 'cancer research', stage: 'early career', score: 4, available: false },
  { name: 'h', discipline: 'bioinformatics', stage: 'early career', score: 3 },
];

/** Applies and submits, but nobody reviews the application. */
const UNREVIEWED: Person = { name: 'i', discipline: 'cancer research', stage: 'senior', score: 0 };

const QUOTAS = {
  discipline: { bioinformatics: { min: 1 } },
  careerStage: { 'early career': { min: 1 } },
  maxPerInstitution: 1,
};

const profile = (p: Person) => ({
  name: p.name.toUpperCase(),
  affiliation: `Institute ${p.name.toUpperCase()}`,
  organisationType: 'university',
  careerStage: p.stage,
  disciplines: [p.discipline],
  primaryDiscipline: p.discipline,
  expertiseKeywords: ['models'],
  country: 'GB',
  links: [],
  availability: Object.fromEntries(
    WORKSHOP_DAYS.map((d, i) => [d, p.available !== false || i !== 2]),
  ),
});

/**
 * Every person applies and submits; the mentor reviews each one with their score, except the
 * `unreviewed` ones (assigned, never reviewed).
 */
async function reviewedApplicants(
  app: TestApp,
  labId: string,
  organiser: Session,
  mentor: Session,
  persons: Person[],
  unreviewed: Person[] = [],
) {
  const api = () => request(app.baseUrl);
  const people = new Map<string, { session: Session; applicationId: string }>();
  const appOf = (name: string) => people.get(name)!.applicationId;
  await api()
    .put(`/api/labs/${labId}/application-form`)
    .set(bearer(organiser))
    .send({
      questions: [{ id: 'pitch', type: 'short_text', label: 'One-line pitch', required: true }],
    })
    .expect(200);
  await api()
    .post(`/api/labs/${labId}/phase`)
    .set(bearer(organiser))
    .send({ to: 'applications_open' })
    .expect(200);
  for (const p of [...persons, ...unreviewed]) {
    await app.createUser({ email: `${p.name}-sel@example.test`, displayName: p.name });
    const session = await login(app, `${p.name}-sel@example.test`);
    const started = await api()
      .post(`/api/labs/${labId}/applications`)
      .set(bearer(session))
      .expect(201);
    await api()
      .patch(`/api/applications/${started.body.id}`)
      .set(bearer(session))
      .send({ version: 1, profile: profile(p), answers: { pitch: `${p.name}'s idea` } })
      .expect(200);
    await api()
      .post(`/api/applications/${started.body.id}/submit`)
      .set(bearer(session))
      .send({})
      .expect(200);
    people.set(p.name, { session, applicationId: started.body.id });
  }
  await api().put(`/api/labs/${labId}/rubric`).set(bearer(organiser)).send(RUBRIC).expect(200);
  await api()
    .post(`/api/labs/${labId}/review-assignments/run`)
    .set(bearer(organiser))
    .send({ reviewsPerApplication: 1, reviewerIds: [mentor.userId] })
    .expect(200);
  for (const p of persons) {
    await api()
      .post(`/api/labs/${labId}/my-reviews/${appOf(p.name)}/submit`)
      .set(bearer(mentor))
      .send({ scores: { merit: p.score } })
      .expect(200);
  }
  return people;
}

async function toPhase(app: TestApp, labId: string, organiser: Session, to: string) {
  await request(app.baseUrl)
    .post(`/api/labs/${labId}/phase`)
    .set(bearer(organiser))
    .send({ to, acceptUnderCapacity: true })
    .expect(200);
}

/** Wait until the background sender has dealt with the released letters. */
async function outboxSettled(
  app: TestApp,
  labId: string,
  organiser: Session,
  done: (letters: { status: string; attempts: number }[]) => boolean,
) {
  // The sender polls every 5 s; half a minute leaves room for a loaded machine.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const outbox = await request(app.baseUrl)
      .get(`/api/labs/${labId}/letters`)
      .set(bearer(organiser));
    if (done(outbox.body.letters)) return outbox.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the outbox did not settle');
}

describe('cohort selection and decisions', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Session;
  let mentor: Session;
  let otherOrganiser: Session;
  let people = new Map<string, { session: Session; applicationId: string }>();
  const api = () => request(app.baseUrl);
  const appOf = (name: string) => people.get(name)!.applicationId;
  const nameOf = (applicationId: string) =>
    [...people].find(([, v]) => v.applicationId === applicationId)![0];
  const names = (ids: string[]) => ids.map(nameOf);
  let quotaRunId: string;
  let plainRunId: string;
  let infeasibleRunId: string;

  beforeAll(async () => {
    app = await startTestApp();
    // The organiser's "expire now" below must find the missed date itself: the app's own sweep
    // (once a minute) would take it first whenever its minute falls in between.
    await app.app.get(OfferExpirySweeper).onModuleDestroy();
    const lab = await labWithStaff(app, 'sel');
    ({ labId, organiser, mentor } = lab);
    ({ organiser: otherOrganiser } = await labWithStaff(app, 'sel-other'));
    people = await reviewedApplicants(app, labId, organiser, mentor, PEOPLE, [UNREVIEWED]);
  });
  afterAll(() => app?.close());

  it('selects only in the Selection phase, and has no decisions or letters before adoption', async () => {
    const early = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 3 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('SELECTION_PHASE_REQUIRED');
    expect(early.body.message).toMatch(/Selection phase.*Applications open/);
    await toPhase(app, labId, organiser, 'selection');
    for (const path of ['letters/compose', 'letters/release', 'decisions/expire']) {
      const res = await api().post(`/api/labs/${labId}/${path}`).set(bearer(organiser));
      expect(res.status, path).toBe(409);
      expect(res.body.code, path).toBe('SELECTION_NOT_ADOPTED');
    }
  });

  it('selects the top of merit without quotas: the price of diversity is zero', async () => {
    const res = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 3, seed: 'plain' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'optimal', seed: 'plain', adopted: false });
    expect(names(res.body.result.selectedIds)).toEqual(['a', 'b', 'c']);
    expect(res.body.result.unconstrained.selectedIds).toEqual(res.body.result.selectedIds);
    expect(res.body.result.priceOfDiversity.absolute).toBeCloseTo(0, 9);
    expect(names(res.body.result.ineligibleIds)).toEqual(['g']);
    plainRunId = res.body.id;
  });

  it('keeps the quotas and reports what they cost', async () => {
    const res = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 3, quotas: QUOTAS, seed: 'quotas' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('optimal');
    expect(names(res.body.result.selectedIds)).toEqual(['a', 'b', 'd']);
    expect(res.body.result.priceOfDiversity.absolute).toBeGreaterThan(0);
    expect(res.body.result.objective).toBeLessThan(res.body.result.unconstrained.merit);
    expect(names(res.body.result.waitlistIds)).toEqual(['c', 'e', 'f', 'h']);
    expect(res.body.inputs).toMatchObject({
      capacity: 3,
      quotas: QUOTAS,
      seed: 'quotas',
      unreviewedIds: [appOf('i')],
    });
    quotaRunId = res.body.id;
  });

  it('stores infeasible quotas as a run that says which quota conflicts and by how much', async () => {
    const res = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 3, quotas: { discipline: { 'cancer research': { min: 1 } } } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('infeasible');
    expect(res.body.result.selectedIds).toEqual([]);
    expect(res.body.result.infeasibility.conflicts).toEqual([
      expect.objectContaining({
        kind: 'too-few-eligible',
        quota: 'discipline',
        group: 'cancer research',
        by: 1,
      }),
    ]);
    expect(res.body.result.infeasibility.messages.join(' ')).toMatch(
      /cancer research needs at least 1 but only 0 eligible/,
    );
    infeasibleRunId = res.body.id;

    // With G's availability overridden, the same quota holds.
    const overridden = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({
        capacity: 3,
        quotas: { discipline: { 'cancer research': { min: 1 } } },
        availabilityOverrides: [appOf('g')],
      });
    expect(names(overridden.body.result.selectedIds)).toEqual(['a', 'b', 'g']);

    const bad = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ quotas: { discipline: { AI: { min: -1 } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details).toEqual([
      expect.objectContaining({ field: 'quotas.discipline.AI.min' }),
    ]);

    // A minimum above its maximum is a typing slip, refused beside the minimum.
    const crossed = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ quotas: { careerStage: { senior: { min: 5, max: 2 } } } });
    expect(crossed.status).toBe(400);
    expect(crossed.body.code).toBe('SELECTION_INPUT_INVALID');
    expect(crossed.body.details).toEqual([
      expect.objectContaining({
        field: 'quotas.careerStage.senior.min',
        message: expect.stringContaining('above the maximum'),
      }),
    ]);
  });

  it('lists runs newest first with their key figures, and re-runs one to the same result', async () => {
    const list = await api().get(`/api/labs/${labId}/selection-runs`).set(bearer(organiser));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(4);
    expect(list.body.map((r: { id: string }) => r.id).slice(1)).toEqual([
      infeasibleRunId,
      quotaRunId,
      plainRunId,
    ]);
    const quotaRow = list.body.find((r: { id: string }) => r.id === quotaRunId);
    expect(quotaRow).toMatchObject({
      status: 'optimal',
      capacity: 3,
      selected: 3,
      infeasible: false,
      adopted: false,
    });
    expect(quotaRow.priceOfDiversity.absolute).toBeGreaterThan(0);

    const lottery = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 3, quotas: QUOTAS, lottery: { tolerance: 2, seed: 'draw' } });
    expect(lottery.body.seed).toBe('draw');
    expect(lottery.body.result.lottery).toMatchObject({ tolerance: 2, seed: 'draw' });
    for (const runId of [quotaRunId, lottery.body.id]) {
      const again = await api()
        .post(`/api/labs/${labId}/selection-runs/${runId}/rerun`)
        .set(bearer(organiser));
      expect(again.status).toBe(200);
      expect(again.body.identical).toBe(true);
      expect(again.body.rerun.selectedIds).toEqual(again.body.stored.selectedIds);
    }
    const one = await api()
      .get(`/api/labs/${labId}/selection-runs/${quotaRunId}`)
      .set(bearer(organiser));
    expect(names(one.body.result.selectedIds)).toEqual(['a', 'b', 'd']);
  });

  it('keeps selection away from applicants and from organisers of other labs', async () => {
    const applicant = people.get('a')!.session;
    expect(
      (await api().post(`/api/labs/${labId}/selection-runs`).set(bearer(applicant)).send({}))
        .status,
    ).toBe(403);
    expect(
      (await api().get(`/api/labs/${labId}/selection-runs`).set(bearer(applicant))).status,
    ).toBe(403);
    expect((await api().get(`/api/labs/${labId}/decisions`).set(bearer(applicant))).status).toBe(
      403,
    );
    expect(
      (await api().get(`/api/labs/${labId}/selection-runs/${quotaRunId}`).set(bearer(mentor)))
        .status,
    ).toBe(403);
    const foreign = await api()
      .get(`/api/labs/${labId}/selection-runs/${quotaRunId}`)
      .set(bearer(otherOrganiser));
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('LAB_NOT_FOUND');
    expect(
      (
        await api()
          .post(`/api/labs/${labId}/selection-runs/${quotaRunId}/adopt`)
          .set(bearer(otherOrganiser))
          .send({})
      ).status,
    ).toBe(404);
  });

  it('adopts only a run that found a cohort, and creates the decisions', async () => {
    const infeasible = await api()
      .post(`/api/labs/${labId}/selection-runs/${infeasibleRunId}/adopt`)
      .set(bearer(organiser))
      .send({});
    expect(infeasible.status).toBe(409);
    expect(infeasible.body.code).toBe('SELECTION_RUN_INFEASIBLE');
    // I was never reviewed: adopting would decline them, so it is refused until the organiser says so.
    const unreviewed = await api()
      .post(`/api/labs/${labId}/selection-runs/${plainRunId}/adopt`)
      .set(bearer(organiser))
      .send({});
    expect(unreviewed.status).toBe(409);
    expect(unreviewed.body.code).toBe('SELECTION_UNREVIEWED_APPLICATIONS');
    expect(unreviewed.body.message).toMatch(/^1 submitted application was not reviewed/);
    expect(unreviewed.body.message).toMatch(/declineUnreviewed/);
    expect(unreviewed.body.details).toEqual({ unreviewed: 1, applicationIds: [appOf('i')] });
    expect(
      (await api().get(`/api/labs/${labId}/decisions`).set(bearer(organiser))).body.adoptedRunId,
    ).toBeNull();
    for (const [body, code] of [
      [{ promotedConfirmDays: 0 }, 'VALIDATION_FAILED'],
      [{ promotedConfirmDays: 61 }, 'VALIDATION_FAILED'],
      [{ declineUnreviewed: 'yes' }, 'VALIDATION_FAILED'],
      [
        { declineUnreviewed: true, confirmBy: `${year}-08-01T00:00:00Z` },
        'SELECTION_INPUT_INVALID',
      ],
    ] as const) {
      const bad = await api()
        .post(`/api/labs/${labId}/selection-runs/${quotaRunId}/adopt`)
        .set(bearer(organiser))
        .send(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.code, JSON.stringify(body)).toBe(code);
    }
    // Adopting another run first, then the quota run, replaces the decisions while nobody has answered.
    await api()
      .post(`/api/labs/${labId}/selection-runs/${plainRunId}/adopt`)
      .set(bearer(organiser))
      .send({ declineUnreviewed: true })
      .expect(200);
    const adopted = await api()
      .post(`/api/labs/${labId}/selection-runs/${quotaRunId}/adopt`)
      .set(bearer(organiser))
      .send({ declineUnreviewed: true, promotedConfirmDays: 3 });
    expect(adopted.status).toBe(200);
    expect(adopted.body.adoptedRunId).toBe(quotaRunId);
    expect(adopted.body.promotedConfirmDays).toBe(3);
    expect(adopted.body.counts).toMatchObject({
      accepted: 3,
      waitlisted: 4,
      declined: 2,
      pending: 3,
      confirmed: 0,
    });
    const byName = Object.fromEntries(
      adopted.body.decisions.map((d: { applicationId: string }) => [nameOf(d.applicationId), d]),
    );
    expect(byName.a).toMatchObject({ outcome: 'accepted', response: 'pending' });
    expect(byName.d).toMatchObject({ outcome: 'accepted', response: 'pending' });
    expect(byName.c).toMatchObject({ outcome: 'waitlisted', waitlistRank: 1, response: null });
    expect(byName.h).toMatchObject({ outcome: 'waitlisted', waitlistRank: 4 });
    expect(byName.g).toMatchObject({ outcome: 'declined' });
    expect(byName.i).toMatchObject({ outcome: 'declined' });
    const days = (Date.parse(byName.a.confirmBy) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const runs = (await api().get(`/api/labs/${labId}/selection-runs`).set(bearer(organiser))).body;
    expect(
      runs.filter((r: { adopted: boolean }) => r.adopted).map((r: { id: string }) => r.id),
    ).toEqual([quotaRunId]);
    // The decisions stand: the call cannot reopen under them.
    const back = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('LAB_PHASE_SELECTION_ADOPTED');
  });

  it('lets an accepted applicant confirm (becoming a participant), never showing scores', async () => {
    const a = people.get('a')!.session;
    const mine = await api().get('/api/me/decisions').set(bearer(a));
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        labId,
        outcome: 'accepted',
        response: 'pending',
        promotedFromWaitlist: false,
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toMatch(/merit|score|review/i);
    // Her application is frozen now that a place is offered: the status page says so, and an
    // edit (from an old tab, or an extension granted earlier) is refused.
    const own = await api()
      .get(`/api/applications/${appOf('a')}`)
      .set(bearer(a));
    expect(own.body.editing).toEqual({
      allowed: false,
      reason: expect.stringContaining('frozen'),
    });
    const late = await api()
      .patch(`/api/applications/${appOf('a')}`)
      .set(bearer(a))
      .send({ version: own.body.version, profile: { affiliation: 'A late edit' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('APPLICATIONS_NOT_OPEN');
    const decisionId = mine.body[0].id;
    // Nobody else can answer for A.
    expect(
      (
        await api()
          .post(`/api/decisions/${decisionId}/confirm`)
          .set(bearer(people.get('b')!.session))
      ).status,
    ).toBe(404);
    const waitlisted = (
      await api()
        .get('/api/me/decisions')
        .set(bearer(people.get('c')!.session))
    ).body[0];
    expect(waitlisted).toMatchObject({ outcome: 'waitlisted', waitlistRank: 1 });
    expect(
      (
        await api()
          .post(`/api/decisions/${waitlisted.id}/confirm`)
          .set(bearer(people.get('c')!.session))
      ).body.code,
    ).toBe('DECISION_NOT_OFFERED');

    const confirmed = await api().post(`/api/decisions/${decisionId}/confirm`).set(bearer(a));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ response: 'confirmed' });
    const again = await api().post(`/api/decisions/${decisionId}/decline`).set(bearer(a));
    expect(again.body.code).toBe('DECISION_ALREADY_ANSWERED');
    const me = await api().get('/api/me').set(bearer(a));
    expect(
      me.body.memberships
        .filter((m: { labId: string }) => m.labId === labId)
        .map((m: { role: string }) => m.role),
    ).toContain('participant');
    expect((await api().get(`/api/labs/${labId}/agenda`).set(bearer(a))).status).toBe(200);

    const readopt = await api()
      .post(`/api/labs/${labId}/selection-runs/${plainRunId}/adopt`)
      .set(bearer(organiser))
      .send({});
    expect(readopt.status).toBe(409);
    expect(readopt.body.code).toBe('SELECTION_DECISIONS_ANSWERED');
  });

  it('fills a declined place with the best waitlisted applicant who keeps every quota, not the next in line', async () => {
    const d = people.get('d')!.session;
    const decisionId = (await api().get('/api/me/decisions').set(bearer(d))).body[0].id;
    const declined = await api().post(`/api/decisions/${decisionId}/decline`).set(bearer(d));
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ outcome: 'accepted', response: 'declined' });

    const all = (await api().get(`/api/labs/${labId}/decisions`).set(bearer(organiser))).body;
    const byName = Object.fromEntries(
      all.decisions.map((x: { applicationId: string }) => [nameOf(x.applicationId), x]),
    );
    expect(byName.h).toMatchObject({
      outcome: 'accepted',
      response: 'pending',
      waitlistRank: null,
    });
    expect(names(byName.h.promotion.freedBy)).toEqual(['d']);
    // The organiser gave promoted applicants 3 days to answer.
    const hDays = (Date.parse(byName.h.confirmBy) - Date.now()) / 86_400_000;
    expect(hDays).toBeGreaterThan(2.9);
    expect(hDays).toBeLessThanOrEqual(3);
    expect(names(byName.h.promotion.nextInLineIds)).toEqual(['c']);
    expect(byName.h.promotion.explanation.join(' ')).toMatch(/would break/);
    expect(byName.c).toMatchObject({ outcome: 'waitlisted', waitlistRank: 1 });
    // The cohort holding places still meets every quota.
    const holders = all.decisions
      .filter((x: { response: string }) => x.response === 'pending' || x.response === 'confirmed')
      .map((x: { applicationId: string }) => nameOf(x.applicationId));
    expect(holders.sort()).toEqual(['a', 'b', 'h']);
    const h = (
      await api()
        .get('/api/me/decisions')
        .set(bearer(people.get('h')!.session))
    ).body[0];
    expect(h).toMatchObject({
      outcome: 'accepted',
      response: 'pending',
      promotedFromWaitlist: true,
    });

    const audit = await api().get(`/api/labs/${labId}/audit`).set(bearer(organiser));
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'selection.run_created',
        'selection.run_adopted',
        'decision.confirmed',
        'decision.declined',
        'selection.waitlist_promoted',
        'lab.role_granted',
      ]),
    );
  });

  it('expires a missed confirm-by date and explains when no waitlisted applicant keeps the quotas', async () => {
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    await client.query(
      `UPDATE selection_decisions SET confirm_by = now() - interval '1 day' WHERE application_id = $1`,
      [appOf('h')],
    );
    await client.end();
    const h = people.get('h')!.session;
    const late = await api()
      .post(
        `/api/decisions/${(await api().get('/api/me/decisions').set(bearer(h))).body[0].id}/confirm`,
      )
      .set(bearer(h));
    expect(late.body.code).toBe('DECISION_CONFIRM_BY_PASSED');

    const expired = await api().post(`/api/labs/${labId}/decisions/expire`).set(bearer(organiser));
    expect(expired.status).toBe(200);
    expect(names(expired.body.expiredIds)).toEqual(['h']);
    expect(expired.body.promotion.status).toBe('infeasible');
    expect(expired.body.promotion.promotedIds).toEqual([]);
    expect(expired.body.promotion.explanation.join(' ')).toMatch(
      /No waitlisted applicant can fill 1 place/,
    );
    const counts = (await api().get(`/api/labs/${labId}/decisions`).set(bearer(organiser))).body
      .counts;
    expect(counts).toMatchObject({ confirmed: 1, pending: 1, declinedPlaces: 2 });
  });

  it('counts reviewed, selected and confirmed in the funnel from the reviews and the adopted run', async () => {
    const res = await api().get(`/api/labs/${labId}/applications/funnel`).set(bearer(organiser));
    expect(res.status).toBe(200);
    // I was never reviewed; A, B, D and H were offered a place (D gave it up, H came from the
    // waitlist); only A confirmed.
    expect(res.body.totals).toEqual({
      started: 9,
      submitted: 9,
      reviewed: 8,
      selected: 4,
      confirmed: 1,
      withdrawn: 0,
    });
    const rows = (
      list: { value: string; reviewed: number; selected: number; confirmed: number }[],
    ) => Object.fromEntries(list.map((r) => [r.value, [r.reviewed, r.selected, r.confirmed]]));
    expect(rows(res.body.byDiscipline)).toEqual({
      AI: [4, 2, 1],
      bioinformatics: [3, 2, 0],
      'cancer research': [1, 0, 0],
    });
    expect(rows(res.body.byCareerStage)).toEqual({
      'early career': [3, 2, 0],
      senior: [5, 2, 1],
    });
  });

  it('composes a letter per decision into the outbox, lets organisers edit it, and releases the batch', async () => {
    const composed = await api().post(`/api/labs/${labId}/letters/compose`).set(bearer(organiser));
    expect(composed.status).toBe(200);
    expect(composed.body.transport).toBe('preview');
    // A, B hold places; C, E, F wait; G and I were declined; D and H gave their places up (no letter).
    const byName = Object.fromEntries(
      composed.body.letters.map((l: { recipient: string }) => [l.recipient.split('-')[0], l]),
    );
    expect(Object.keys(byName).sort()).toEqual(['a', 'b', 'c', 'e', 'f', 'g', 'i']);
    expect(byName.b).toMatchObject({
      outcome: 'accepted',
      status: 'draft',
      recipient: 'b-sel@example.test',
    });
    expect(byName.b.body).toMatch(/^Dear B,/);
    expect(byName.b.body).toMatch(/confirm or decline your place by/);
    // The link opens the applicant's own status page in the web client, where the offer is answered.
    expect(byName.b.body).toMatch(/\/applications\/[0-9a-f-]{36}\b/);
    expect(byName.c.body).toMatch(/number 1 on the waiting list/);
    expect(byName.g.subject).toMatch(/your application/);
    expect(JSON.stringify(composed.body.letters)).not.toMatch(/merit|score|review/i);

    const edited = await api()
      .patch(`/api/labs/${labId}/letters/${byName.g.id}`)
      .set(bearer(organiser))
      .send({ body: 'Dear G, thank you. We hope to see you next year.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      body: 'Dear G, thank you. We hope to see you next year.',
      status: 'draft',
    });
    // Composing again keeps the outbox one letter per decision.
    expect(
      (await api().post(`/api/labs/${labId}/letters/compose`).set(bearer(organiser))).body.letters,
    ).toHaveLength(7);

    // Releasing only queues: the background sender logs them (no SMTP_URL here).
    const released = await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser));
    expect(released.status).toBe(200);
    expect(released.body.released).toEqual({ queued: 7 });
    expect(released.body.counts.draft).toBe(0);
    const settled = await outboxSettled(app, labId, organiser, (letters) =>
      letters.every((l) => l.status === 'logged'),
    );
    expect(settled.counts).toMatchObject({ draft: 0, queued: 0, sending: 0, logged: 7, failed: 0 });
    for (const l of settled.letters) {
      expect(l).toMatchObject({ transport: 'preview', attempts: 1, lastError: null });
      expect(Date.parse(l.sentAt)).toBeGreaterThanOrEqual(Date.parse(l.releasedAt));
    }
    const late = await api()
      .patch(`/api/labs/${labId}/letters/${byName.g.id}`)
      .set(bearer(organiser))
      .send({ subject: 'Too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('LETTER_ALREADY_SENT');
    expect(
      (await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser))).body.released,
    ).toEqual({ queued: 0 });
    const audit = await api().get(`/api/labs/${labId}/audit`).set(bearer(organiser));
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'letters.delivered',
        actorId: null,
        data: expect.objectContaining({ logged: 7, transport: 'preview' }),
      }),
    );
    expect(
      (
        await api()
          .get(`/api/labs/${labId}/letters`)
          .set(bearer(people.get('a')!.session))
      ).status,
    ).toBe(403);
  });

  it('fixes the cohort once the lab leaves the Selection phase', async () => {
    await toPhase(app, labId, organiser, 'workshop');
    const b = people.get('b')!.session;
    const decisionId = (await api().get('/api/me/decisions').set(bearer(b))).body[0].id;
    const late = await api().post(`/api/decisions/${decisionId}/confirm`).set(bearer(b));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DECISIONS_CLOSED');
    expect(late.body.message).toMatch(/Workshop/);
    const run = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 3 });
    expect(run.body.code).toBe('SELECTION_PHASE_REQUIRED');
    const adopt = await api()
      .post(`/api/labs/${labId}/selection-runs/${plainRunId}/adopt`)
      .set(bearer(organiser))
      .send({ declineUnreviewed: true });
    expect(adopt.body.code).toBe('SELECTION_PHASE_REQUIRED');
    const expire = await api().post(`/api/labs/${labId}/decisions/expire`).set(bearer(organiser));
    expect(expire.body.code).toBe('DECISIONS_CLOSED');
  });
});

describe('decision letters through an SMTP server that is down', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('records each failed attempt on the letter, outside the request, and schedules a retry', async () => {
    app = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const { labId, organiser, mentor } = await labWithStaff(app, 'smtp');
    const people = await reviewedApplicants(app, labId, organiser, mentor, PEOPLE.slice(0, 2));
    await toPhase(app, labId, organiser, 'selection');
    const api = () => request(app.baseUrl);
    const run = await api()
      .post(`/api/labs/${labId}/selection-runs`)
      .set(bearer(organiser))
      .send({ capacity: 1 });
    await api()
      .post(`/api/labs/${labId}/selection-runs/${run.body.id}/adopt`)
      .set(bearer(organiser))
      .send({})
      .expect(200);
    expect(
      (await api().post(`/api/labs/${labId}/letters/compose`).set(bearer(organiser))).body,
    ).toMatchObject({ transport: 'smtp', counts: { draft: 2 } });

    const first = await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser));
    expect(first.status).toBe(200);
    expect(first.body.released).toEqual({ queued: 2 });
    const failed = await outboxSettled(app, labId, organiser, (letters) =>
      letters.every((l) => l.status === 'queued' && l.attempts === 1),
    );
    for (const l of failed.letters) {
      expect(l.lastError.length).toBeGreaterThan(0);
      expect(l.sentAt).toBeNull();
      // The next attempt waits (backoff), it is not retried in a loop.
      expect(Date.parse(l.nextAttemptAt)).toBeGreaterThan(Date.now() + 20_000);
    }
    // Queued letters are neither edited nor released twice.
    const edit = await api()
      .patch(`/api/labs/${labId}/letters/${failed.letters[0].id}`)
      .set(bearer(organiser))
      .send({ subject: 'Changed' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('LETTER_IN_QUEUE');
    const second = await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser));
    expect(second.body.released).toEqual({ queued: 0 });
    expect(second.body.counts).toMatchObject({ queued: 2, sent: 0 });

    // Letters have gone out: the decisions they announce can no longer be replaced.
    const readopt = await api()
      .post(`/api/labs/${labId}/selection-runs/${run.body.id}/adopt`)
      .set(bearer(organiser))
      .send({});
    expect(readopt.status).toBe(409);
    expect(readopt.body.code).toBe('SELECTION_LETTERS_RELEASED');

    // A gives the place up; B, told they were waiting, is promoted and gets an offer letter too.
    const a = people.get('a')!.session;
    const decisionOfA = (await api().get('/api/me/decisions').set(bearer(a))).body[0].id;
    await api().post(`/api/decisions/${decisionOfA}/decline`).set(bearer(a)).expect(200);
    const recomposed = await api()
      .post(`/api/labs/${labId}/letters/compose`)
      .set(bearer(organiser));
    const lettersOf = (who: string) =>
      recomposed.body.letters
        .filter((l: { recipient: string }) => l.recipient.startsWith(`${who}-`))
        .map((l: { outcome: string; status: string }) => [l.outcome, l.status])
        .sort();
    expect(lettersOf('b')).toEqual([
      ['accepted', 'draft'],
      ['waitlisted', 'queued'],
    ]);
    expect(lettersOf('a')).toEqual([['accepted', 'queued']]);
  });
});
