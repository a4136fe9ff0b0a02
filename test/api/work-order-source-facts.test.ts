import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBackups } from '../../src/modules/backups/evaluate-backups.js';
import { packRegisters } from '../../src/modules/packs/pack-registers.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { WorkOrderDetail } from '../../src/modules/work-orders/work-order.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

type Method = 'GET' | 'POST' | 'PATCH';
type Call = (method: Method, url: string, payload?: unknown) => Promise<LightMyRequestResponse>;

const DAY = '2026-06-09';
const JUSTIFICATION =
  'The run was repeated by hand at 07:10 and checked; the tool did not report it.';

/**
 * Issue 12, part B: the daily-backup work order of an asset whose run failed that day shows the
 * failed run and the open incident, and its manual closeout cannot contradict them unsigned.
 */
describe('work orders of automatic backup controls and the source’s facts', () => {
  const clock = new FixedClock('2026-06-09T06:00:00Z');
  let t: TestApp;
  let admin: string;
  let performer: Call;
  let verifier: Call;
  let runNumber = 0;

  async function person(): Promise<Call> {
    const user = await t.createUser('engineering');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const { csrfToken } = login.json<{ csrfToken: string }>();
    return (method, url, payload) =>
      t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': csrfToken },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
  }

  const postRun = async (asset: string, status: 'succeeded' | 'failed', startedAt: string) => {
    runNumber += 1;
    const response = await t.call(admin, 'POST', '/api/v1/backup-runs', {
      asset,
      tool: 'pgbackrest',
      job: 'main',
      externalId: `run-${runNumber}`,
      startedAt,
      finishedAt: new Date(Date.parse(startedAt) + 20 * 60_000).toISOString(),
      status,
      backupType: 'incremental',
      encrypted: true,
      region: 'eu-central-1',
      ...(status === 'failed' ? { message: 'archive-push failed' } : {}),
    });
    expect(response.statusCode, response.body).toBe(201);
  };

  /** Starts the day's backup work order of the asset and ticks its whole checklist. */
  const readyWorkOrder = async (asset: string): Promise<WorkOrderDetail> => {
    const occurrences = (
      await t.call(
        admin,
        'GET',
        `/api/v1/occurrences?control=backup-daily-production&asset=${asset}&limit=100`,
      )
    ).json<{ items: OccurrenceView[] }>().items;
    const occurrence = occurrences.find((item) => item.periodKey === DAY)!;
    const started = await performer('POST', `/api/v1/occurrences/${occurrence.id}/start`);
    expect(started.statusCode, started.body).toBeLessThan(300);
    const { id } = started.json<{ id: string }>();
    const order = await detail(id);
    for (const item of order.checklist) {
      const ticked = await performer('PATCH', `/api/v1/work-orders/${id}/checklist/${item.id}`, {
        done: true,
      });
      expect(ticked.statusCode, ticked.body).toBe(200);
    }
    return detail(id);
  };
  let failedOrderId: string | undefined;
  /** db-failed's work order of the day, after its run failed (prepared once, by any test). */
  const failedOrder = async (): Promise<WorkOrderDetail> => {
    if (failedOrderId === undefined) {
      await postRun('db-failed', 'failed', '2026-06-09T00:30:00Z');
      clock.advance(30_000);
      await evaluateBackups(t.ctx);
      failedOrderId = (await readyWorkOrder('db-failed')).id;
    }
    return detail(failedOrderId);
  };
  const detail = async (id: string, as: Call = performer) =>
    (await as('GET', `/api/v1/work-orders/${id}`)).json<WorkOrderDetail>();

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    admin = await t.tokenFor('admin');
    for (const key of ['db-failed', 'db-late', 'db-rerun']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `Database ${key}`,
        category: 'database',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'confidential',
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-06-01T00:00:00Z',
      until: '2026-06-20T00:00:00Z',
    });
    expect(generated.statusCode, generated.body).toBeLessThan(300);
    performer = await person();
    verifier = await person();
  }, 60_000);
  afterAll(() => t.close());

  it('shows the failed run and the open incident, and refuses an unsigned closeout with 409', async () => {
    const order = await failedOrder();
    expect(order.sourceFacts).toMatchObject({
      source: 'backup-runs',
      assetKey: 'db-failed',
      runs: [{ status: 'failed', message: 'archive-push failed' }],
    });
    expect(order.sourceFacts?.openIncidents.length).toBeGreaterThan(0);
    expect(order.sourceFacts?.contradiction).toMatch(/1 failed run\(s\).*no successful one/);
    expect(order.abilities.complete).toMatchObject({ allowed: false });
    expect(order.abilities.complete.reason).toMatch(/signed override/);
    expect(order.abilities.overrideContradiction).toEqual({ allowed: true, reason: null });
    // A token cannot sign the override.
    expect(
      (await detail(order.id, (m, u) => t.call(admin, m, u))).abilities.overrideContradiction,
    ).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/token cannot sign/) as string,
    });

    const refused = await performer('POST', `/api/v1/work-orders/${order.id}/complete`, {
      note: 'Backup ran fine',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'closeout_contradicted' } });
    expect((await detail(order.id)).status).toBe('in_progress');
  });

  it('completes with a signed override and its justification, which a second person may verify', async () => {
    const order = await failedOrder();
    const complete = (override: Record<string, unknown>) =>
      performer('POST', `/api/v1/work-orders/${order.id}/complete`, { note: 'Re-run', override });
    const short = await complete({ password: TEST_PASSWORD, justification: 'fine' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('body.override.justification');
    const wrong = await complete({ password: 'not my password', justification: JUSTIFICATION });
    expect(wrong.statusCode).toBe(401);
    expect((await detail(order.id)).status).toBe('in_progress');

    const done = await complete({ password: TEST_PASSWORD, justification: JUSTIFICATION });
    expect(done.statusCode, done.body).toBe(200);
    const signed = await detail(order.id, verifier);
    expect(signed.status).toBe('done');
    expect(signed.signatures.map((signature) => signature.meaning)).toEqual(['closeout-override']);
    expect(signed.history.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['overridden', 'completed']),
    );
    expect(signed.history.find((entry) => entry.kind === 'overridden')?.note).toBe(JUSTIFICATION);
    expect(signed.abilities.verify).toEqual({ allowed: true, reason: null });
    const verified = await verifier('POST', `/api/v1/work-orders/${order.id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'work_order.closeout_overridden')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ justification: JUSTIFICATION });

    // The evidence pack of the period lists the override among its exceptions.
    const register = packRegisters(
      t.ctx,
      {
        start: new Date('2026-06-01T00:00:00Z'),
        end: new Date('2026-07-01T00:00:00Z'),
        asOf: clock.now(),
      },
      // Only the occurrences register reads the effectiveness report; this test reads another.
      undefined as never,
    ).find((entry) => entry.path === 'registers/closeout-overrides.csv');
    let csv = '';
    for await (const chunk of register!.chunks()) csv += chunk;
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toContain('work_order_number,control_key,asset_key');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(JUSTIFICATION);
    expect(rows[0]).toMatch(/^\d+,backup-daily-production,/);
  });

  it('refuses to verify a closeout that a failed run recorded afterwards contradicts', async () => {
    const order = await readyWorkOrder('db-late');
    expect(order.sourceFacts).toMatchObject({ runs: [], contradiction: null });
    expect(order.abilities.complete).toEqual({ allowed: true, reason: null });
    expect(order.abilities.overrideContradiction.allowed).toBe(false);
    const noOverrideNeeded = await performer('POST', `/api/v1/work-orders/${order.id}/complete`, {
      override: { password: TEST_PASSWORD, justification: JUSTIFICATION },
    });
    expect(noOverrideNeeded.statusCode).toBe(409);
    expect(
      (await performer('POST', `/api/v1/work-orders/${order.id}/complete`, {})).statusCode,
    ).toBe(200);
    await postRun('db-late', 'failed', '2026-06-09T01:00:00Z');
    const waiting = await detail(order.id, verifier);
    expect(waiting.abilities.verify.allowed).toBe(false);
    expect(waiting.abilities.verify.reason).toMatch(/without a signed override: reject it/);
    const refused = await verifier('POST', `/api/v1/work-orders/${order.id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'closeout_contradicted' } });
    const rejected = await verifier('POST', `/api/v1/work-orders/${order.id}/reject`, {
      password: TEST_PASSWORD,
      reason: 'The run of the day failed',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
  });

  it('does not object once a successful run of the window follows the failed one', async () => {
    await postRun('db-rerun', 'failed', '2026-06-09T00:30:00Z');
    await postRun('db-rerun', 'succeeded', '2026-06-09T03:30:00Z');
    const order = await readyWorkOrder('db-rerun');
    expect(order.sourceFacts?.runs.map((run) => run.status)).toEqual(['succeeded', 'failed']);
    expect(order.sourceFacts?.contradiction).toBeNull();
    expect(order.abilities.complete).toEqual({ allowed: true, reason: null });
  });
});
