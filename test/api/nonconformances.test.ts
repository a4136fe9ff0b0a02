import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseNonconformances } from '../../src/modules/nonconformances/raise-nonconformances.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import { nonconformanceJob } from '../../src/modules/nonconformances/raise-nonconformances.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('nonconformances from missed critical work', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let missedId: string;
  let doneId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    await t.createUser('quality', 'quality-lead@example.test');
    await t.createUser('engineering', 'engineer@example.test');
    for (const key of ['db-1', 'db-2']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `Database ${key}`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(created.statusCode).toBe(201);
    }
    const event = async (asset: string) =>
      (
        await t.call(admin, 'POST', '/api/v1/events', {
          type: 'critical-patch-released',
          asset,
          at: '2026-03-10T08:00:00Z',
        })
      ).json<{ occurrenceIds: string[] }>().occurrenceIds[0]!;
    missedId = await event('db-1');
    doneId = await event('db-2');
    // db-2 is declared not applicable in time: it must not raise anything.
    const marked = await t.call(admin, 'POST', `/api/v1/occurrences/${doneId}/not-applicable`, {
      justification: 'The component is not installed on this host.',
    });
    expect(marked.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const list = async (token = admin) =>
    (await t.call(token, 'GET', '/api/v1/nonconformances')).json<{ items: NonconformanceView[] }>()
      .items;

  it('raises nothing while the occurrence can still be done', async () => {
    clock.set('2026-03-14T09:00:00Z');
    expect(await raiseNonconformances(t.ctx)).toEqual({ raised: [] });
    expect(await list()).toEqual([]);
  });

  it('raises one nonconformance for a missed critical occurrence, e-mailing quality', async () => {
    // 72 hours to do it, then a week before the occurrence counts as missed.
    clock.set('2026-03-21T09:00:00Z');
    const status = (await t.call(admin, 'GET', `/api/v1/occurrences/${missedId}`)).json<{
      status: string;
    }>().status;
    expect(status).toBe('missed');
    await nonconformanceJob(t.ctx).run();
    await nonconformanceJob(t.ctx).run();
    clock.advance(60_000);
    await nonconformanceJob(t.ctx).run();
    expect(await raiseNonconformances(t.ctx)).toEqual({ raised: [] });

    const items = await list();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      number: 'NC-0001',
      sourceType: 'occurrence',
      sourceId: missedId,
      ownerRole: 'quality',
      status: 'open',
      closedAt: null,
    });
    expect(items[0]!.title).toMatch(/db-1/);
    const mail = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient', 'subject', 'category'])
      .where('category', '=', 'nonconformance')
      .execute();
    expect(mail).toEqual([
      {
        recipient: 'quality-lead@example.test',
        subject: expect.stringContaining('NC-0001') as string,
        category: 'nonconformance',
      },
    ]);
    const audited = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', items[0]!.id)
      .execute();
    expect(audited.map((row) => row.action)).toEqual(['nonconformance.raised']);
  });

  it('lets quality move it along and close it, and an auditor only read it', async () => {
    const [nc] = await list();
    const auditor = await t.tokenFor('auditor');
    expect((await list(auditor)).map((item) => item.id)).toEqual([nc!.id]);
    expect((await t.call(auditor, 'GET', `/api/v1/nonconformances/${nc!.id}`)).statusCode).toBe(
      200,
    );
    const refused = await t.call(auditor, 'PATCH', `/api/v1/nonconformances/${nc!.id}`, {
      status: 'closed',
    });
    expect(refused.statusCode).toBe(403);
    const engineer = await t.tokenFor('engineering');
    expect(
      (await t.call(engineer, 'PATCH', `/api/v1/nonconformances/${nc!.id}`, { status: 'closed' }))
        .statusCode,
    ).toBe(403);

    const quality = await t.tokenFor('quality');
    const investigating = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${nc!.id}`, {
      status: 'investigating',
      owner: 'engineering',
      description: 'Patch window was missed during the holiday freeze.',
    });
    expect(investigating.statusCode).toBe(200);
    expect(investigating.json()).toMatchObject({
      status: 'investigating',
      ownerRole: 'engineering',
    });
    const closed = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${nc!.id}`, {
      status: 'closed',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: clock.now().toISOString() });
    const reopened = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${nc!.id}`, {
      status: 'open',
    });
    expect(reopened.statusCode).toBe(409);
  });
});
