import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationsService } from '@ideas-lab/applications';
import type { Actor } from '@ideas-lab/domain';
import { ReviewAssignmentService, ReviewRubricService, ReviewsService } from '@ideas-lab/review';
import { DecisionsService, OfferExpirySweeper, SelectionRunsService } from '@ideas-lab/selection';
import { bearer, labWithStaff } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DISCIPLINES = ['AI', 'bioinformatics', 'cancer research'];
const QUOTAS = {
  discipline: { AI: { min: 2 }, bioinformatics: { min: 2 }, 'cancer research': { min: 2 } },
};

describe('selection decisions against PostgreSQL', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Actor;
  let db: pg.Client;
  let runs: SelectionRunsService;
  let decisions: DecisionsService;
  const applicants = new Map<string, Actor>();
  const disciplineOf = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    // The sweeps below stand for three instances; the app's own sweeper (once a minute) would be
    // a fourth, and when its minute falls between a date set in the past and those sweeps it
    // expires the offer itself, leaving them nothing to report.
    await app.app.get(OfferExpirySweeper).onModuleDestroy();
    const lab = await labWithStaff(app, 'decide');
    labId = lab.labId;
    organiser = { userId: lab.organiser.userId, isAdmin: false };
    const mentor: Actor = { userId: lab.mentor.userId, isAdmin: false };
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
    for (let i = 0; i < 15; i++) {
      const user = await app.createUser({ email: `applicant${i}-decide@example.test` });
      const actor = { userId: user.id, isAdmin: false };
      const started = await applications.start(actor, labId);
      const discipline = DISCIPLINES[i % 3];
      const updated = await applications.update(actor, started.id, {
        version: 1,
        profile: {
          name: `Applicant ${i}`,
          affiliation: `Institute ${i}`,
          organisationType: 'university',
          careerStage: 'senior',
          disciplines: [discipline],
          primaryDiscipline: discipline,
          expertiseKeywords: ['models'],
          country: 'US',
          availability: Object.fromEntries(started.availability.workshopDays.map((d) => [d, true])),
        },
        answers: { pitch: 'An idea' },
      });
      await applications.submit(actor, started.id, updated.version);
      applicants.set(started.id, actor);
      disciplineOf.set(started.id, discipline);
    }
    await app.app.get(ReviewRubricService).put(organiser, labId, {
      criteria: [{ id: 'overall', label: 'Overall', weight: 1, scale: { min: 1, max: 20 } }],
    });
    await app.app
      .get(ReviewAssignmentService)
      .run(organiser, labId, { reviewsPerApplication: 1, reviewerIds: [mentor.userId] });
    const reviews = app.app.get(ReviewsService);
    let score = 20;
    for (const applicationId of applicants.keys())
      await reviews.submit(mentor, labId, applicationId, { scores: { overall: score-- } });
    await request(app.baseUrl)
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(lab.organiser))
      .send({ to: 'selection' })
      .expect(200);
    runs = app.app.get(SelectionRunsService);
    decisions = app.app.get(DecisionsService);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('adopts one of two runs adopted at the same moment; the other is refused, not silently replaced', async () => {
    const first = await runs.create(organiser, labId, { capacity: 6, quotas: QUOTAS, seed: 'one' });
    const second = await runs.create(organiser, labId, { capacity: 6, seed: 'two' });
    const settled = await Promise.allSettled([
      decisions.adopt(organiser, labId, first.id, {}),
      decisions.adopt(organiser, labId, second.id, {}),
    ]);
    const won = settled.findIndex((s) => s.status === 'fulfilled');
    const lost = settled.find((s) => s.status === 'rejected');
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost?.reason).toMatchObject({ code: 'SELECTION_ADOPTION_CHANGED', status: 409 });
    const adopted = await db.query<{ id: string }>(
      'SELECT id FROM selection_runs WHERE lab_id = $1 AND adopted_at IS NOT NULL',
      [labId],
    );
    expect(adopted.rows.map((r) => r.id)).toEqual([[first, second][won].id]);
    const rows = await db.query<{ run_id: string }>(
      'SELECT DISTINCT run_id FROM selection_decisions WHERE lab_id = $1',
      [labId],
    );
    expect(rows.rows.map((r) => r.run_id)).toEqual([adopted.rows[0].id]);
    // Leave the quota run adopted for the next test.
    await decisions.adopt(organiser, labId, first.id, {});
  });

  it('fills every place freed by simultaneous declines once, with the quotas still met', async () => {
    const before = await decisions.list(organiser, labId);
    const accepted = before.decisions.filter((d) => d.outcome === 'accepted');
    expect(accepted).toHaveLength(6);
    // Three accepted applicants, one of each discipline, decline at the same moment.
    const decliners = DISCIPLINES.map((discipline) =>
      accepted.find((d) => disciplineOf.get(d.applicationId) === discipline)!,
    );
    const settled = await Promise.allSettled(
      decliners.map((d) => decisions.decline(applicants.get(d.applicationId)!, d.id)),
    );
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    const after = await decisions.list(organiser, labId);
    const holders = after.decisions.filter(
      (d) => d.response === 'pending' || d.response === 'confirmed',
    );
    expect(holders).toHaveLength(6);
    expect(new Set(holders.map((d) => d.applicationId)).size).toBe(6);
    for (const discipline of DISCIPLINES)
      expect(
        holders.filter((d) => disciplineOf.get(d.applicationId) === discipline).length,
      ).toBeGreaterThanOrEqual(2);
    expect(holders.filter((d) => d.promotion !== null)).toHaveLength(3);
    const audit = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_events WHERE lab_id = $1 AND action = 'selection.waitlist_promoted'`,
      [labId],
    );
    expect(Number(audit.rows[0].n)).toBe(3);
    // The waitlist is ranked 1..n again without gaps.
    const ranks = after.decisions
      .filter((d) => d.outcome === 'waitlisted')
      .map((d) => d.waitlistRank)
      .sort((a, b) => a! - b!);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });

  it('expires a missed date once however many sweeps run at the same time, and gives the promoted applicant the default 7 days', async () => {
    const before = await decisions.list(organiser, labId);
    expect(before.promotedConfirmDays).toBe(7);
    const late = before.decisions.find((d) => d.response === 'pending')!;
    await db.query(
      `UPDATE selection_decisions SET confirm_by = now() - interval '1 minute' WHERE id = $1`,
      [late.id],
    );
    // Three instances sweep at once.
    const sweeps = await Promise.all([
      decisions.expireDue(),
      decisions.expireDue(),
      decisions.expireDue(),
    ]);
    const ofLab = sweeps.flatMap((s) => s.labs).filter((l) => l.labId === labId);
    expect(ofLab).toHaveLength(1);
    expect(ofLab[0].expiredIds).toEqual([late.applicationId]);
    expect(ofLab[0].promotedIds).toHaveLength(1);

    const after = await decisions.list(organiser, labId);
    const holders = after.decisions.filter(
      (d) => d.response === 'pending' || d.response === 'confirmed',
    );
    expect(holders).toHaveLength(6);
    for (const discipline of DISCIPLINES)
      expect(
        holders.filter((d) => disciplineOf.get(d.applicationId) === discipline).length,
      ).toBeGreaterThanOrEqual(2);
    expect(after.decisions.find((d) => d.id === late.id)).toMatchObject({ response: 'expired' });
    const promoted = after.decisions.find((d) => d.applicationId === ofLab[0].promotedIds[0])!;
    const days = (Date.parse(promoted.confirmBy!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const audit = await db.query<{ action: string; actor_id: string | null }>(
      `SELECT action, actor_id FROM audit_events
        WHERE lab_id = $1 AND action IN ('decision.expired', 'selection.waitlist_promoted')
        ORDER BY seq`,
      [labId],
    );
    expect(audit.rows.filter((r) => r.action === 'decision.expired')).toEqual([
      { action: 'decision.expired', actor_id: null },
    ]);
    expect(audit.rows.filter((r) => r.action === 'selection.waitlist_promoted')).toHaveLength(4);
    // Nothing is overdue any more: another sweep does nothing.
    expect((await decisions.expireDue()).labs.filter((l) => l.labId === labId)).toEqual([]);
  });
});
