import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@ideas-lab/domain';
import { AgendaService, BreakoutService } from '@ideas-lab/workshop';
import { labWithStaff, login } from '../support/api-client.js';
import { holdSolves } from '../support/solver-gate.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('breakout rounds (services against PostgreSQL, under concurrency)', () => {
  let app: TestApp;
  let breakout: BreakoutService;
  let labId: string;
  let sessionId: string;
  let organiser: Actor;
  const participants: Actor[] = [];
  let db: pg.Client;

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    breakout = app.app.get(BreakoutService);
    const lab = await labWithStaff(app, 'medium');
    labId = lab.labId;
    organiser = { userId: lab.organiser.userId, isAdmin: false };
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    for (let i = 0; i < 10; i++) {
      await app.createUser({ email: `m${i}@example.test` });
      const { userId } = await login(app, `m${i}@example.test`);
      participants.push({ userId, isAdmin: false });
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, userId],
      );
    }
    const year = new Date().getUTCFullYear() + 1;
    const session = await app.app.get(AgendaService).create(organiser, labId, {
      kind: 'breakout',
      title: 'Breakouts',
      startsAt: `${year}-07-14T15:00:00Z`,
      endsAt: `${year}-07-14T17:00:00Z`,
    });
    sessionId = session.id;
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('holds both capacities while people switch between two small rooms at once', async () => {
    const view = await breakout.createRound(organiser, labId, sessionId, {
      title: 'Switching',
      durationMinutes: 15,
      mode: 'self-select',
      rooms: [
        { name: 'A', capacity: 4 },
        { name: 'B', capacity: 4 },
      ],
    });
    const round = view.rounds.at(-1)!;
    const [a, b] = round.rooms;
    // Everyone tries A, then everyone tries B, then A again, all at once.
    const attempts = participants.flatMap((p) =>
      [a, b, a].map((room) =>
        breakout.choose(p, labId, sessionId, round.id, room.id).then(
          () => 'seated',
          (e: { code?: string }) => e.code,
        ),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.every((o) => o === 'seated' || o === 'ROOM_FULL')).toBe(true);
    const { rows } = await db.query<{ room_id: string; n: number }>(
      `SELECT room_id, count(*)::int AS n FROM breakout_assignments WHERE round_id = $1 GROUP BY room_id`,
      [round.id],
    );
    for (const row of rows) expect(row.n).toBeLessThanOrEqual(4);
    const seated = rows.reduce((sum, r) => sum + r.n, 0);
    expect(seated).toBeGreaterThanOrEqual(4);
    expect(seated).toBeLessThanOrEqual(8);
  });

  it('lets someone already in a full room choose it again', async () => {
    const view = await breakout.createRound(organiser, labId, sessionId, {
      title: 'Tiny',
      durationMinutes: 10,
      mode: 'self-select',
      rooms: [{ name: 'Solo', capacity: 1 }],
    });
    const round = view.rounds.at(-1)!;
    await breakout.choose(participants[0], labId, sessionId, round.id, round.rooms[0].id);
    await expect(
      breakout.choose(participants[0], labId, sessionId, round.id, round.rooms[0].id),
    ).resolves.toBeDefined();
    await expect(
      breakout.choose(participants[1], labId, sessionId, round.id, round.rooms[0].id),
    ).rejects.toMatchObject({ code: 'ROOM_FULL' });
  });

  it('adopts two plans at once one after the other: the rounds never mix', async () => {
    const [first, second] = [
      await breakout.createPlan(organiser, labId, sessionId, {
        rounds: 3,
        roomSize: 3,
        seed: 'one',
      }),
      await breakout.createPlan(organiser, labId, sessionId, {
        rounds: 2,
        roomSize: 5,
        seed: 'two',
      }),
    ];
    const results = await Promise.allSettled([
      breakout.adopt(organiser, labId, sessionId, first.id),
      breakout.adopt(organiser, labId, sessionId, second.id),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const { rows } = await db.query<{ plan_id: string; n: number }>(
      `SELECT plan_id, count(*)::int AS n FROM breakout_rounds WHERE session_id = $1 AND state = 'planned' AND plan_id IS NOT NULL GROUP BY plan_id`,
      [sessionId],
    );
    expect(rows).toHaveLength(1);
    const winner = rows[0].plan_id === first.id ? first : second;
    expect(rows[0].n).toBe((winner.inputs as { rounds: number }).rounds);
    const adopted = (await breakout.plansOf(organiser, labId, sessionId)).filter(
      (p) => p.adoptedAt !== null,
    );
    expect(adopted.map((p) => p.id)).toEqual([winner.id]);
  });

  it('plans with the session unlocked: rounds are created and opened meanwhile, and a plan made stale by it is made again', async () => {
    const held = holdSolves(app);
    try {
      const planning = breakout.createPlan(organiser, labId, sessionId, {
        rounds: 4,
        roomSize: 3,
        seed: 'held',
      });
      await held.started;
      // Creating a round locks the session row: it does not wait for the planner.
      const view = await breakout.createRound(organiser, labId, sessionId, {
        title: 'Meanwhile',
        durationMinutes: 10,
        mode: 'assigned',
        rooms: [{ name: 'Meanwhile room' }],
      });
      const round = view.rounds.at(-1)!;
      // The session is months ahead: opening now needs the organiser's confirmation.
      await breakout.changeRoundState(organiser, labId, sessionId, round.id, 'open', {
        confirmOtherDay: true,
      });
      held.release();
      const plan = await planning;
      // The round opened during the solve is held now: the plan stored counts it.
      expect(held.tasks).toEqual(['planRotation', 'planRotation']);
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM breakout_rounds WHERE session_id = $1 AND state <> 'planned'`,
        [sessionId],
      );
      expect(plan.inputs.heldRounds).toHaveLength(rows[0].n);
      expect(plan.rounds).toHaveLength(4);
      await breakout.changeRoundState(organiser, labId, sessionId, round.id, 'closed');
    } finally {
      held.restore();
    }
  });
});
