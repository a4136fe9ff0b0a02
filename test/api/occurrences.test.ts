import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const server = (key: string, environment = 'production') => ({
  key,
  name: `Server ${key}`,
  category: 'server',
  environment,
  ownerRole: 'engineering',
  criticality: 'medium',
  dataClassification: 'internal',
});

describe('occurrences and trigger events', () => {
  let t: TestApp;
  let admin: string;
  const clock = new FixedClock('2026-03-10T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    for (const asset of [server('web-1'), server('web-2'), server('dev-1', 'development')]) {
      expect((await t.call(admin, 'POST', '/api/v1/assets', asset)).statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  const occurrences = async (query: string) =>
    (await t.call(admin, 'GET', `/api/v1/occurrences?${query}`)).json<{ items: OccurrenceView[] }>()
      .items;

  it('generates each control’s occurrences for a window once, however often it runs', async () => {
    const window = { from: '2026-03-01T00:00:00Z', until: '2026-06-30T00:00:00Z' };
    const first = await t.call(admin, 'POST', '/api/v1/occurrences/generate', window);
    expect(first.statusCode).toBe(200);
    const report = first.json<{
      planned: number;
      created: number;
      createdByControl: Record<string, number>;
    }>();
    expect(report.created).toBe(report.planned);
    expect(report.created).toBeGreaterThan(0);
    const again = (await t.call(admin, 'POST', '/api/v1/occurrences/generate', window)).json<{
      planned: number;
      created: number;
    }>();
    expect(again).toMatchObject({ planned: report.planned, created: 0 });
    const stored = await t.ctx.db
      .selectFrom('occurrences')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(report.created);
  });

  it('never duplicates an occurrence when two generators run at once', async () => {
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('occurrences')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const window = {
      from: new Date('2026-07-01T00:00:00Z'),
      until: new Date('2026-10-01T00:00:00Z'),
    };
    const [a, b] = await Promise.all([
      generateOccurrences(t.ctx, window),
      generateOccurrences(t.ctx, window),
    ]);
    expect(a.planned).toBe(b.planned);
    expect(a.created + b.created).toBe((await count()) - before);
    expect(a.created + b.created).toBeGreaterThan(0);
    const duplicates = await t.ctx.db
      .selectFrom('occurrences')
      .select(['control_id', 'period_key', 'asset_key'])
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .groupBy(['control_id', 'period_key', 'asset_key'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(duplicates).toEqual([]);
  });

  it('starts a 72-hour clock when a critical patch is released for an asset', async () => {
    const response = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: 'web-1',
      at: '2026-03-28T10:00:00Z',
      externalId: 'vendor-advisory-2026-0042/web-1',
    });
    expect(response.statusCode).toBe(201);
    const { occurrenceIds } = response.json<{ occurrenceIds: string[] }>();
    expect(occurrenceIds).toHaveLength(1);
    const occurrence = (
      await t.call(admin, 'GET', `/api/v1/occurrences/${occurrenceIds[0]}`)
    ).json<OccurrenceView>();
    expect(occurrence).toMatchObject({
      controlKey: 'critical-patch-72h',
      assetKey: 'web-1',
      critical: true,
      status: 'upcoming',
    });
    // 72 elapsed hours, across the DST change of 29 March.
    expect(occurrence.dueAt).toBe('2026-03-31T10:00:00.000Z');
  });

  it('records the same event only once (idempotent on the external id)', async () => {
    const again = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: 'web-1',
      at: '2026-03-28T10:00:00Z',
      externalId: 'vendor-advisory-2026-0042/web-1',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false });
    const events = await t.ctx.db.selectFrom('trigger_events').select('id').execute();
    expect(events).toHaveLength(1);
  });

  it('shows an occurrence as due, overdue and missed as time passes', async () => {
    const [patch] = await occurrences('control=critical-patch-72h&asset=web-1');
    expect(patch).toBeDefined();
    const at = (iso: string) =>
      occurrences(`control=critical-patch-72h&asset=web-1&at=${encodeURIComponent(iso)}`);
    expect((await at('2026-03-29T00:00:00Z'))[0]!.status).toBe('due');
    expect((await at('2026-04-01T00:00:00Z'))[0]!.status).toBe('overdue');
    expect((await at('2026-04-08T00:00:00Z'))[0]!.status).toBe('missed');
    // Before the event was recorded, the occurrence did not exist yet.
    expect(await at('2026-03-01T00:00:00Z')).toEqual([]);
  });

  it('filters by status', async () => {
    clock.set('2026-04-02T00:00:00Z');
    const overdue = await occurrences('status=overdue&control=critical-patch-72h');
    expect(overdue.map((o) => o.assetKey)).toEqual(['web-1']);
  });

  it('refuses a generation window that is backwards or longer than allowed, naming the field', async () => {
    for (const window of [
      { from: '2026-06-01T00:00:00Z', until: '2026-05-01T00:00:00Z' },
      { from: '2026-01-01T00:00:00Z', until: '2030-01-01T00:00:00Z' },
    ]) {
      const response = await t.call(admin, 'POST', '/api/v1/occurrences/generate', window);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { issues: [{ path: 'body.until' }] } });
    }
  });

  it('refuses an event of an unknown type or with a bad time, naming the field', async () => {
    const response = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'kernel-on-fire',
      at: 'yesterday',
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json<{ error: { issues: { path: string }[] } }>()
      .error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.type', 'body.at']));
  });
});
