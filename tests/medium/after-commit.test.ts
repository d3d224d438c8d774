import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@ideas-lab/domain';
import { LivePublisher } from '@ideas-lab/live';
import { SocketIoRealtime, TransactionRunner } from '@ideas-lab/platform';
import {
  AgendaService,
  BreakoutNotices,
  BreakoutService,
  type BreakoutNotice,
} from '@ideas-lab/workshop';
import { labWithStaff } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('side effects after commit (services against PostgreSQL)', () => {
  let app: TestApp;
  let tx: TransactionRunner;
  let db: pg.Client;
  let labId: string;
  let sessionId: string;
  let organiser: Actor;
  const notices: BreakoutNotice[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    tx = app.app.get(TransactionRunner);
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    const lab = await labWithStaff(app, 'commit');
    labId = lab.labId;
    organiser = { userId: lab.organiser.userId, isAdmin: false };
    const year = new Date().getUTCFullYear() + 1;
    sessionId = (
      await app.app.get(AgendaService).create(organiser, labId, {
        kind: 'breakout',
        title: 'Breakouts',
        startsAt: `${year}-07-14T15:00:00Z`,
        endsAt: `${year}-07-14T17:00:00Z`,
      })
    ).id;
    app.app.get(BreakoutNotices).listen(async (notice) => {
      notices.push(notice);
    });
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const labName = async (id: string) =>
    (await db.query<{ title: string }>('SELECT title FROM labs WHERE id = $1', [id])).rows[0]
      ?.title;

  it('runs a hook once the outermost transaction has committed, and never after a rollback', async () => {
    const seen: (string | undefined)[] = [];
    await tx.run(async () => {
      await tx.manager().query('UPDATE labs SET title = $2 WHERE id = $1', [labId, 'Committed']);
      // A nested unit of work joins the transaction: its hook waits for the outer commit.
      await tx.run(async () => {
        await tx.afterCommit(async () => {
          seen.push(await labName(labId));
        });
      });
      expect(seen).toEqual([]);
    });
    // Read on another connection: the hook ran after the change was visible to everyone.
    expect(seen).toEqual(['Committed']);

    const hook = vi.fn();
    await expect(
      tx.run(async () => {
        await tx.manager().query('UPDATE labs SET title = $2 WHERE id = $1', [labId, 'Undone']);
        await tx.afterCommit(hook);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(hook).not.toHaveBeenCalled();
    expect(await labName(labId)).toBe('Committed');

    // Outside a transaction a hook runs at once; a failing hook is logged, not thrown.
    const now = vi.fn();
    await tx.afterCommit(now);
    expect(now).toHaveBeenCalledOnce();
    await expect(tx.afterCommit(() => Promise.reject(new Error('no listener')))).resolves.toBe(
      undefined,
    );
  });

  it('announces a round opened in a transaction that rolls back to nobody, live or otherwise', async () => {
    const breakout = app.app.get(BreakoutService);
    const view = await breakout.createRound(organiser, labId, sessionId, {
      title: 'Round',
      durationMinutes: 10,
      mode: 'assigned',
      rooms: [{ name: 'A' }],
    });
    const roundId = view.rounds.at(-1)!.id;
    const pushed = vi.spyOn(SocketIoRealtime.prototype, 'emit');
    try {
      notices.length = 0;
      await expect(
        tx.run(async () => {
          await breakout.changeRoundState(organiser, labId, sessionId, roundId, 'open', {
            confirmOtherDay: true,
          });
          app.app.get(LivePublisher).emit(`lab:${labId}`, 'broadcast:message', {
            id: 'never',
            message: 'never sent',
            roomId: null,
            from: { userId: organiser.userId, displayName: 'Organiser' },
            sentAt: new Date().toISOString(),
          });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(notices).toEqual([]);
      expect(pushed).not.toHaveBeenCalled();
      const { rows } = await db.query('SELECT state FROM breakout_rounds WHERE id = $1', [roundId]);
      expect(rows).toEqual([{ state: 'planned' }]);

      // The same change committed is announced once, and the lab is told.
      await breakout.changeRoundState(organiser, labId, sessionId, roundId, 'open', {
        confirmOtherDay: true,
      });
      expect(notices).toEqual([{ kind: 'round-opened', labId, sessionId, roundId }]);
      expect(pushed.mock.calls.map((c) => c[1])).toContain('round:opened');
    } finally {
      pushed.mockRestore();
    }
  });
});
