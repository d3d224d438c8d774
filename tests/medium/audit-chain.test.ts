import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('audit log (service against PostgreSQL)', () => {
  let app: TestApp;
  let audit: AuditService;
  let tx: TransactionRunner;
  const labId = '5d1a3c52-6f0e-4d6b-9a49-0d5f3c7a1b11';

  beforeAll(async () => {
    app = await startTestApp({ DATABASE_POOL_SIZE: '12' });
    audit = app.app.get(AuditService);
    tx = app.app.get(TransactionRunner);
  });
  afterAll(() => app?.close());

  it('keeps one unbroken chain when many changes append at once', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit.append({
          actorId: null,
          labId,
          action: 'test.concurrent',
          entityType: 'test',
          entityId: String(i),
          data: { i },
        }),
      ),
    );
    expect(await audit.verifyLab(labId)).toEqual({ valid: true, checked: 40 });
    const page = await audit.pageOfLab(labId, 100, null);
    expect(new Set(page.items.map((e) => e.entityId)).size).toBe(40);
  });

  it('drops the event when the change it records rolls back', async () => {
    await expect(
      tx.run(async () => {
        await audit.append({
          actorId: null,
          labId,
          action: 'test.rolled_back',
          entityType: 'test',
          entityId: 'x',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const page = await audit.pageOfLab(labId, 100, null);
    expect(page.items.some((e) => e.action === 'test.rolled_back')).toBe(false);
    expect((await audit.verifyLab(labId)).valid).toBe(true);
  });

  it('finds a deleted event in the middle of the chain', async () => {
    const page = await audit.pageOfLab(labId, 100, null);
    const victim = page.items[10].seq;
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    await client.query('DELETE FROM audit_events WHERE seq = $1', [victim]);
    await client.end();
    const result = await audit.verifyLab(labId);
    expect(result.valid).toBe(false);
    expect(result.firstBrokenSeq).toBeGreaterThan(victim);
  });

  it('keeps each lab on its own chain', async () => {
    const otherLab = '0b6c1f7e-2d5a-4c3e-8f9a-1b2c3d4e5f60';
    await audit.append({
      actorId: null,
      labId: otherLab,
      action: 'test.other',
      entityType: 'test',
      entityId: '1',
    });
    expect(await audit.verifyLab(otherLab)).toEqual({ valid: true, checked: 1 });
  });
});
