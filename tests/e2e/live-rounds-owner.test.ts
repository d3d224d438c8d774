import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakoutNotices, BreakoutRoundsService, type BreakoutNotice } from '@ideas-lab/workshop';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every round transition, whoever asks (the control room's socket, HTTP, the timer), goes
 * through the workshop's one owner of the rounds: it is audited the same way, told to every
 * listener of the workshop's notices, and relayed to clients by the live layer.
 */
describe('breakout rounds have one owner (real sockets)', () => {
  let app: TestApp;
  let lab: LiveLab;
  let organiser: LiveTestClient;
  let participant: LiveTestClient;
  const notices: BreakoutNotice[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'owner', 2);
    app.app.get(BreakoutNotices).listen(async (notice) => {
      notices.push(notice);
    });
    organiser = liveClient(app.baseUrl, lab.organiser, lab.labId);
    participant = liveClient(app.baseUrl, lab.participants[0], lab.labId);
    await organiser.connect();
    await participant.connect();
  });
  afterAll(async () => {
    organiser?.close();
    participant?.close();
    await lab?.db.end();
    await app?.close();
  });

  const auditOf = async (roundId: string) =>
    (
      await lab.db.query<{ action: string; data: Record<string, unknown> }>(
        `SELECT action, data FROM audit_events
          WHERE entity_id = $1 AND action IN ('breakout.round_opened', 'breakout.timer_adjusted', 'breakout.round_closing', 'breakout.round_closed')
          ORDER BY seq`,
        [roundId],
      )
    ).rows;

  it('opens, moves the timer of and closes a round over the socket through the workshop', async () => {
    const { roundId } = await lab.createRound('Over the socket');
    notices.length = 0;
    expect(await organiser.request('round:open', { roundId, durationSeconds: 600 })).toMatchObject({
      ok: true,
    });
    expect(await organiser.request('timer:adjust', { roundId, deltaSeconds: 120 })).toMatchObject({
      ok: true,
    });
    const changed = await participant.next('timer:changed', (e) => e.roundId === roundId);
    expect(await organiser.request('round:close', { roundId, graceSeconds: 0 })).toMatchObject({
      ok: true,
    });
    await participant.next('round:closed', (e) => e.roundId === roundId);
    // The workshop told its listeners of each step, as it does for HTTP.
    expect(notices.map((n) => n.kind)).toEqual(['round-opened', 'timer-changed', 'round-closed']);
    expect(notices[1]).toMatchObject({ roundId, endsAt: changed.endsAt });
    expect((await auditOf(roundId)).map((a) => [a.action, a.data.by ?? null])).toEqual([
      ['breakout.round_opened', null],
      ['breakout.timer_adjusted', null],
      ['breakout.round_closed', 'organiser'],
    ]);
    // Closed is closed, whoever asks: the socket in its words, HTTP in the workshop's.
    expect(await organiser.request('round:close', { roundId })).toMatchObject({
      ok: false,
      code: 'LIVE_ROUND_NOT_OPEN',
    });
  });

  it('closes at the end of a grace countdown by the timer, told once and audited as the timer', async () => {
    const { roundId } = await lab.createRound('Grace');
    await organiser.request('round:open', { roundId, durationSeconds: 600 });
    notices.length = 0;
    expect(await organiser.request('round:close', { roundId, graceSeconds: 1 })).toMatchObject({
      ok: true,
    });
    const closing = await participant.next('round:closing', (e) => e.roundId === roundId);
    expect(closing.graceSeconds).toBe(1);
    // The grace runs out; whichever poll comes first closes the round.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await app.app.get(BreakoutRoundsService).tick();
    await participant.next('round:closed', (e) => e.roundId === roundId);
    // (A round ending within a minute has had its T-5 and T-1 warnings too.)
    expect(notices.map((n) => n.kind).filter((k) => k !== 'timer-warning')).toEqual([
      'round-closing',
      'round-closed',
    ]);
    expect((await auditOf(roundId)).map((a) => [a.action, a.data.by ?? null])).toEqual([
      ['breakout.round_opened', null],
      ['breakout.round_closing', null],
      ['breakout.round_closed', 'timer'],
    ]);
  });

  it("finds due rounds through the partial index of open rounds' deadlines", async () => {
    await lab.db.query('BEGIN');
    try {
      await lab.db.query('SET LOCAL enable_seqscan = off');
      const plan = await lab.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM breakout_rounds WHERE state = 'open' AND ends_at <= now()`,
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(
        'breakout_rounds_open_ends_at_idx',
      );
    } finally {
      await lab.db.query('ROLLBACK');
    }
  });
});
