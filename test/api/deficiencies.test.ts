import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  NonconformanceItem,
  NonconformanceView,
} from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { RestoreTestDetail } from '../../src/modules/recovery/restore-test.schema.js';
import { nonconformanceJob } from '../../src/modules/nonconformances/raise-nonconformances.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { createProductionAsset, signedInPerson, type Person } from '../support/factory.js';

describe('deficiency lifecycle to a signed closure', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let quality: string;
  let engineer: Person;
  let owner: Person;
  let closer: Person;
  let deficiency: NonconformanceView;

  const get = async (id = deficiency.id) =>
    (await t.call(admin, 'GET', `/api/v1/nonconformances/${id}`)).json<NonconformanceView>();
  const messageOf = (response: { json<T>(): T }) =>
    response.json<{ error: { message: string } }>().error.message;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    quality = await t.tokenFor('quality');
    await createProductionAsset(t, admin, 'db-orders');
    engineer = await signedInPerson(t, 'engineering');
    owner = await signedInPerson(t, 'engineering');
    closer = await signedInPerson(t, 'quality');
    const test = await engineer.call('POST', '/api/v1/restore-tests', {
      asset: 'db-orders',
      recoveryPointAt: '2026-03-10T05:00:00Z',
      startedAt: '2026-03-10T06:00:00Z',
      finishedAt: '2026-03-10T07:00:00Z',
      integrityChecks: [{ check: 'Row counts match', passed: false, note: '12 rows missing' }],
    });
    expect(test.statusCode).toBe(201);
    const [raised] = test.json<RestoreTestDetail>().deficiencies;
    deficiency = await get(raised!.id);
  });
  afterAll(() => t.close());

  it('is raised open, owned by the asset owner role, due in 90 days, with its SLA', () => {
    expect(deficiency).toMatchObject({
      number: 'NC-0001',
      sourceType: 'restore-test',
      deficiency: true,
      status: 'open',
      ownerRole: 'engineering',
      ownerUserId: null,
      dueOn: '2026-06-08',
      overdue: false,
      resolutionNote: null,
    });
    expect(deficiency.slaOccurrenceId).not.toBeNull();
  });

  it('takes an owner person and a due date from Quality, and is overdue past it', async () => {
    const patched = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${deficiency.id}`, {
      ownerUserId: owner.userId,
      dueOn: '2026-03-09',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      ownerUserId: owner.userId,
      ownerUserLabel: owner.signerLabel,
      dueOn: '2026-03-09',
      overdue: true,
    });
    const overdue = (
      await t.call(admin, 'GET', '/api/v1/nonconformances?overdue=true&source=restore-test')
    ).json<{ items: NonconformanceView[] }>().items;
    expect(overdue.map((item) => item.id)).toEqual([deficiency.id]);
    const mine = (
      await t.call(admin, 'GET', `/api/v1/nonconformances?ownerUserId=${owner.userId}`)
    ).json<{ items: NonconformanceView[] }>().items;
    expect(mine).toHaveLength(1);
    const unknown = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${deficiency.id}`, {
      ownerUserId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    const restored = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${deficiency.id}`, {
      dueOn: '2026-04-30',
    });
    expect(restored.json()).toMatchObject({ overdue: false });
  });

  it('cannot be closed by a status change, nor verified before it is resolved', async () => {
    const closing = await t.call(quality, 'PATCH', `/api/v1/nonconformances/${deficiency.id}`, {
      status: 'closed',
    });
    expect(closing.statusCode).toBe(409);
    expect(messageOf(closing)).toMatch(/signed verification/);
    const early = await closer.call(
      'POST',
      `/api/v1/nonconformances/${deficiency.id}/verify-closure`,
      { password: TEST_PASSWORD },
    );
    expect(early.statusCode).toBe(409);
    expect(messageOf(early)).toMatch(/is open/);
  });

  it('moves open → in progress → resolved, with a resolution note', async () => {
    const started = await owner.call('POST', `/api/v1/nonconformances/${deficiency.id}/start`);
    expect(started.json()).toMatchObject({ status: 'in_progress' });
    expect(
      (await owner.call('POST', `/api/v1/nonconformances/${deficiency.id}/start`)).statusCode,
    ).toBe(409);
    const short = await owner.call('POST', `/api/v1/nonconformances/${deficiency.id}/resolve`, {
      resolutionNote: 'fixed',
    });
    expect(short.statusCode).toBe(400);
    const resolved = await owner.call('POST', `/api/v1/nonconformances/${deficiency.id}/resolve`, {
      resolutionNote: 'Backup job now includes the archive tables; restore retested clean.',
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolvedByLabel: owner.email,
      resolvedAt: clock.now().toISOString(),
    });
  });

  it('tells each caller whether they may verify the closure, by the rule the server enforces', async () => {
    const detail = `/api/v1/nonconformances/${deficiency.id}`;
    const asResolver = (await owner.call('GET', detail)).json<NonconformanceItem>();
    expect(asResolver.status).toBe('resolved');
    expect(asResolver.abilities.verifyClosure).toEqual({
      allowed: false,
      reason: 'a deficiency cannot be verified closed by its own resolver',
    });
    const asCloser = (await closer.call('GET', detail)).json<NonconformanceItem>();
    expect(asCloser.abilities.verifyClosure).toEqual({ allowed: true, reason: null });
    const listed = (
      await closer.call('GET', `/api/v1/nonconformances?deficiency=true&limit=1000`)
    ).json<{ items: NonconformanceItem[] }>();
    const row = listed.items.find((item) => item.id === deficiency.id)!;
    expect(row.abilities.verifyClosure).toEqual({ allowed: true, reason: null });
    const asToken = (await t.call(admin, 'GET', detail)).json<NonconformanceItem>();
    expect(asToken.abilities.verifyClosure.allowed).toBe(false);
  });

  it('refuses a closure signed by the resolver, or with a wrong password', async () => {
    const url = `/api/v1/nonconformances/${deficiency.id}/verify-closure`;
    const own = await owner.call('POST', url, { password: TEST_PASSWORD });
    expect(own.statusCode).toBe(409);
    expect(messageOf(own)).toMatch(/own resolver/);
    const wrong = await closer.call('POST', url, { password: 'guess' });
    expect(wrong.statusCode).toBe(401);
    expect((await get()).status).toBe('resolved');
  });

  it('closes on a second person’s signature and verifies the remediation SLA', async () => {
    const closed = await closer.call(
      'POST',
      `/api/v1/nonconformances/${deficiency.id}/verify-closure`,
      { password: TEST_PASSWORD, note: 'Retest RT-0002 passed.' },
    );
    expect(closed.statusCode).toBe(200);
    const view = closed.json<NonconformanceView>();
    expect(view).toMatchObject({
      status: 'closed',
      closedByLabel: closer.signerLabel,
      closedAt: clock.now().toISOString(),
      overdue: false,
    });
    expect(view.closureSignatureId).not.toBeNull();
    const sla = (
      await t.call(admin, 'GET', `/api/v1/occurrences/${deficiency.slaOccurrenceId}`)
    ).json<OccurrenceView>();
    expect(sla).toMatchObject({ controlKey: 'dr-deficiency-remediation', status: 'verified' });
    expect(
      (
        await t.call(quality, 'PATCH', `/api/v1/nonconformances/${deficiency.id}`, {
          status: 'in_progress',
        })
      ).statusCode,
    ).toBe(409);
    const actions = (
      await t.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', deficiency.id)
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);
    expect(actions).toEqual([
      'nonconformance.raised',
      'nonconformance.sla_started',
      'nonconformance.updated',
      'nonconformance.updated',
      'nonconformance.started',
      'nonconformance.resolved',
      'signature.failed',
      'nonconformance.closed',
    ]);
  });

  it('lists deficiencies by status and source, refusing an unknown status', async () => {
    const closed = (
      await t.call(admin, 'GET', '/api/v1/nonconformances?status=closed&source=restore-test')
    ).json<{ items: NonconformanceView[] }>().items;
    expect(closed.map((item) => item.id)).toEqual([deficiency.id]);
    const bad = await t.call(admin, 'GET', '/api/v1/nonconformances?status=done');
    expect(bad.statusCode).toBe(400);
  });

  it('starts, within a minute, the SLA of a deficiency whose trigger event was not recorded', async () => {
    const orphan = await t.ctx.db
      .insertInto('nonconformances')
      .values({
        source_type: 'dr-exercise',
        source_id: '00000000-0000-4000-8000-0000000000aa',
        source_item: '1',
        title: 'Failover runbook out of date',
        owner_role: 'engineering',
        status: 'open',
        raised_at: clock.now(),
        updated_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await get(orphan.id)).slaOccurrenceId).toBeNull();
    clock.advance(60_000);
    await nonconformanceJob(t.ctx).run();
    const started = await get(orphan.id);
    expect(started.slaOccurrenceId).not.toBeNull();
    clock.advance(60_000);
    await nonconformanceJob(t.ctx).run();
    expect((await get(orphan.id)).slaOccurrenceId).toBe(started.slaOccurrenceId);
  });
});
