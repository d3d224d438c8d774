import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Every person applies and submits; the mentor reviews each one with their score. */
async function reviewedApplicants(
  app: TestApp,
  labId: string,
  organiser: Session,
  mentor: Session,
  persons: Person[],
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
  for (const p of persons) {
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
    const lab = await labWithStaff(app, 'sel');
    ({ labId, organiser, mentor } = lab);
    ({ organiser: otherOrganiser } = await labWithStaff(app, 'sel-other'));
    people = await reviewedApplicants(app, labId, organiser, mentor, PEOPLE);
  });
  afterAll(() => app?.close());

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
      unreviewedIds: [],
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
    expect(bad.body.code).toBe('SELECTION_INPUT_INVALID');
    expect(bad.body.details).toEqual([
      expect.objectContaining({ field: 'quotas.discipline.AI.min' }),
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
    // Adopting another run first, then the quota run, replaces the decisions while nobody has answered.
    await api()
      .post(`/api/labs/${labId}/selection-runs/${plainRunId}/adopt`)
      .set(bearer(organiser))
      .send({})
      .expect(200);
    const adopted = await api()
      .post(`/api/labs/${labId}/selection-runs/${quotaRunId}/adopt`)
      .set(bearer(organiser))
      .send({});
    expect(adopted.status).toBe(200);
    expect(adopted.body.adoptedRunId).toBe(quotaRunId);
    expect(adopted.body.counts).toMatchObject({
      accepted: 3,
      waitlisted: 4,
      declined: 1,
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
    const days = (Date.parse(byName.a.confirmBy) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const runs = (await api().get(`/api/labs/${labId}/selection-runs`).set(bearer(organiser))).body;
    expect(
      runs.filter((r: { adopted: boolean }) => r.adopted).map((r: { id: string }) => r.id),
    ).toEqual([quotaRunId]);
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

  it('composes a letter per decision into the outbox, lets organisers edit it, and releases the batch', async () => {
    const composed = await api().post(`/api/labs/${labId}/letters/compose`).set(bearer(organiser));
    expect(composed.status).toBe(200);
    expect(composed.body.transport).toBe('preview');
    // A, B hold places; C, E, F wait; G was declined; D and H gave their places up (no letter).
    const byName = Object.fromEntries(
      composed.body.letters.map((l: { recipient: string }) => [l.recipient.split('-')[0], l]),
    );
    expect(Object.keys(byName).sort()).toEqual(['a', 'b', 'c', 'e', 'f', 'g']);
    expect(byName.b).toMatchObject({
      outcome: 'accepted',
      status: 'draft',
      recipient: 'b-sel@example.test',
    });
    expect(byName.b.body).toMatch(/^Dear B,/);
    expect(byName.b.body).toMatch(/confirm or decline your place by/);
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
    ).toHaveLength(6);

    const released = await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser));
    expect(released.status).toBe(200);
    expect(released.body.released).toEqual({ sent: 6, failed: 0 });
    expect(released.body.counts).toEqual({ draft: 0, sent: 6, failed: 0 });
    expect(
      released.body.letters.every(
        (l: { transport: string; attempts: number }) =>
          l.transport === 'preview' && l.attempts === 1,
      ),
    ).toBe(true);
    const late = await api()
      .patch(`/api/labs/${labId}/letters/${byName.g.id}`)
      .set(bearer(organiser))
      .send({ subject: 'Too late' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('LETTER_ALREADY_SENT');
    expect(
      (await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser))).body.released,
    ).toEqual({ sent: 0, failed: 0 });
    expect(
      (
        await api()
          .get(`/api/labs/${labId}/letters`)
          .set(bearer(people.get('a')!.session))
      ).status,
    ).toBe(403);
  });
});

describe('decision letters through an SMTP server that is down', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('records each failed send on the letter and retries it with the next release', async () => {
    app = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const { labId, organiser, mentor } = await labWithStaff(app, 'smtp');
    await reviewedApplicants(app, labId, organiser, mentor, PEOPLE.slice(0, 2));
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
    expect(first.body.released).toEqual({ sent: 0, failed: 2 });
    expect(
      first.body.letters.every(
        (l: { status: string; attempts: number; lastError: string }) =>
          l.status === 'failed' && l.attempts === 1 && l.lastError.length > 0,
      ),
    ).toBe(true);
    const second = await api().post(`/api/labs/${labId}/letters/release`).set(bearer(organiser));
    expect(second.body.counts).toEqual({ draft: 0, sent: 0, failed: 2 });
    expect(second.body.letters.map((l: { attempts: number }) => l.attempts)).toEqual([2, 2]);
  });
});
