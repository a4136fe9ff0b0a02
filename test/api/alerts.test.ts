import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AlertDeliveryView,
  AlertView,
  ImportAlertsResult,
} from '../../src/modules/alerts/alert.schema.js';
import type { IncidentDetail } from '../../src/modules/incidents/incident.schema.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { alertFixture } from '../fixtures/alerts/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** An app with an alert-writer token, people who read alerts and three assets to map alerts to. */
async function alertsWorld() {
  const t = await createTestApp();
  const admin = await t.tokenFor('admin');
  const engineer = await t.tokenFor('engineering');
  const viewer = await t.tokenFor('viewer');
  const writer = (
    await createApiToken(t.ctx, systemActor, { name: 'alertmanager', role: 'alert-writer' })
  ).token;
  function post(body: string | Buffer, query: string, token = writer) {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/import?${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: body,
    });
  }
  const count = async (table: 'alerts' | 'alert_deliveries' | 'incidents') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const alertByFingerprint = async (fingerprint: string): Promise<AlertView> => {
    const page = (await t.call(admin, 'GET', '/api/v1/alerts?limit=1000')).json<{
      items: AlertView[];
    }>();
    const found = page.items.find((alert) => alert.fingerprint === fingerprint);
    if (!found) throw new Error(`no alert ${fingerprint}`);
    return found;
  };
  const createAsset = async (key: string, extra: Record<string, unknown> = {}) => {
    const response = await t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: key,
      category: 'server',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
  };

  await createAsset('db-prod-eu', { category: 'database' });
  await createAsset('app-prod-01');
  await createAsset('build-01', { environment: 'development', tags: ['infra-ci'] });
  return { t, admin, engineer, viewer, writer, post, count, alertByFingerprint };
}
type AlertsWorld = Awaited<ReturnType<typeof alertsWorld>>;

describe('monitoring alerts posted by Alertmanager and Grafana', () => {
  let world: AlertsWorld;
  let t: TestApp;
  let admin: string;
  let engineer: string;
  let viewer: string;
  let writer: string;
  let post: AlertsWorld['post'];
  let count: AlertsWorld['count'];
  let alertByFingerprint: AlertsWorld['alertByFingerprint'];

  beforeAll(async () => {
    world = await alertsWorld();
    ({ t, admin, engineer, viewer, writer, post, count, alertByFingerprint } = world);
  });
  afterAll(() => world.t.close());

  it('records a grouped Alertmanager notification: one alert each, mapped or kept unmapped', async () => {
    // The first delivery of this body, whichever story posted it before: its own world.
    const own = await alertsWorld();
    try {
      await recordsAGroupedNotification(own);
    } finally {
      await own.t.close();
    }
  });

  async function recordsAGroupedNotification({
    post,
    alertByFingerprint,
  }: AlertsWorld): Promise<void> {
    const response = await post(
      alertFixture('alertmanager/firing-grouped.json'),
      'format=alertmanager',
    );
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportAlertsResult>();
    expect(result).toMatchObject({
      format: 'alertmanager',
      received: 2,
      created: 2,
      resolved: 0,
      alreadyRecorded: 0,
      unmapped: 1,
    });
    // A critical alert on a production asset opens an incident (rule critical-on-production).
    expect(result.incidentsOpened).toHaveLength(1);
    const mapped = await alertByFingerprint('6b559f8bfc224141');
    expect(mapped).toMatchObject({
      assetKey: 'db-prod-eu',
      mappedBy: 'asset',
      status: 'firing',
      endsAt: null,
      severity: 'critical',
      name: 'PostgresDown',
      rule: 'critical-on-production',
      action: 'open-incident',
      incidentId: result.incidentsOpened[0],
    });
    const unmapped = await alertByFingerprint('471c1986f7e10166');
    expect(unmapped).toMatchObject({ assetKey: null, mappedBy: null, action: 'evidence' });
  }

  it('stores nothing twice when the same webhook is delivered again', async () => {
    await post(alertFixture('alertmanager/firing-grouped.json'), 'format=alertmanager');
    const before = { alerts: await count('alerts'), deliveries: await count('alert_deliveries') };
    const first = await post(
      alertFixture('alertmanager/firing-grouped.json'),
      'format=alertmanager',
    );
    const again = await post(
      alertFixture('alertmanager/firing-grouped.json'),
      'format=alertmanager',
    );
    for (const response of [first, again]) {
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<ImportAlertsResult>()).toMatchObject({
        received: 2,
        created: 0,
        alreadyRecorded: 2,
        incidentsOpened: [],
      });
    }
    expect(first.json<ImportAlertsResult>().deliveryId).toBe(
      again.json<ImportAlertsResult>().deliveryId,
    );
    expect({ alerts: await count('alerts'), deliveries: await count('alert_deliveries') }).toEqual(
      before,
    );
  });

  it('records the resolved notification of an alert on the same record', async () => {
    await post(alertFixture('alertmanager/firing-grouped.json'), 'format=alertmanager');
    const alerts = await count('alerts');
    const response = await post(
      alertFixture('alertmanager/resolved-one-of-group.json'),
      'format=alertmanager',
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ImportAlertsResult>()).toMatchObject({
      received: 2,
      created: 0,
      resolved: 1,
      alreadyRecorded: 1,
    });
    expect(await count('alerts')).toBe(alerts);
    expect(await alertByFingerprint('6b559f8bfc224141')).toMatchObject({
      status: 'resolved',
      endsAt: '2026-12-06T08:19:44.000Z',
      startsAt: '2026-12-06T08:19:33.000Z',
    });
  });

  it('maps host:port instances to the asset of that key, and keeps the body as received', async () => {
    const body = alertFixture('alertmanager/firing-single.json');
    const response = await post(body, 'format=alertmanager');
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportAlertsResult>();
    expect(result).toMatchObject({ created: 1, unmapped: 0, incidentsOpened: [] });
    expect(await alertByFingerprint('ed57734c02017100')).toMatchObject({
      assetKey: 'app-prod-01',
      mappedBy: 'instance',
      severity: 'warning',
      action: 'evidence',
      rule: 'monitoring-evidence',
      startsAt: '2026-12-06T08:19:37.598Z',
    });
    const delivery = (
      await t.call(engineer, 'GET', `/api/v1/alert-deliveries/${result.deliveryId}`)
    ).json<AlertDeliveryView>();
    expect(delivery.body).toBe(body);
    expect(delivery).toMatchObject({ format: 'alertmanager', alertCount: 1 });
  });

  it('keeps alerts whose labels name no asset and lists them as unmapped', async () => {
    const response = await post(
      alertFixture('alertmanager/unknown-labels.json'),
      'format=alertmanager',
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ImportAlertsResult>()).toMatchObject({ created: 1, unmapped: 1 });
    const page = (await t.call(engineer, 'GET', '/api/v1/alerts?unmapped=true')).json<{
      items: AlertView[];
    }>();
    expect(page.items.map((alert) => alert.fingerprint)).toContain('0c1d2e3f4a5b6c7d');
    expect(page.items.every((alert) => alert.assetKey === null)).toBe(true);
  });

  it('maps by the label names the request gives, to the one asset carrying that tag', async () => {
    const body = JSON.parse(alertFixture('alertmanager/unknown-labels.json')) as {
      alerts: { fingerprint: string; labels: Record<string, string> }[];
    };
    body.alerts[0]!.fingerprint = 'feedfacecafebeef';
    body.alerts[0]!.labels.team = 'infra-ci';
    const response = await post(
      JSON.stringify(body),
      'format=alertmanager&assetLabels=team,instance',
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(await alertByFingerprint('feedfacecafebeef')).toMatchObject({
      assetKey: 'build-01',
      mappedBy: 'team',
    });
  });

  it('reads Grafana Alerting webhooks, firing then resolved, and opens an incident for a critical one', async () => {
    const firing = await post(alertFixture('grafana/firing.json'), 'format=grafana');
    expect(firing.statusCode, firing.body).toBe(201);
    const result = firing.json<ImportAlertsResult>();
    expect(result).toMatchObject({ format: 'grafana', received: 1, created: 1, unmapped: 0 });
    expect(result.incidentsOpened).toHaveLength(1);
    const incident = (
      await t.call(engineer, 'GET', `/api/v1/incidents/${result.incidentsOpened[0]}`)
    ).json<IncidentDetail>();
    expect(incident).toMatchObject({
      severity: 'critical',
      status: 'open',
      detectionSource: 'alert',
      detectedAt: '2026-12-01T09:30:00.000Z',
      assets: [{ key: 'app-prod-01', name: 'app-prod-01' }],
    });
    expect(incident.decisionDueAt).not.toBeNull();
    const resolved = await post(alertFixture('grafana/resolved.json'), 'format=grafana');
    expect(resolved.json<ImportAlertsResult>()).toMatchObject({
      resolved: 1,
      created: 0,
      incidentsOpened: [],
    });
    expect(await alertByFingerprint('a1f0c3d2e4b59687')).toMatchObject({
      source: 'grafana',
      status: 'resolved',
      endsAt: '2026-12-01T09:50:00.000Z',
    });
  });

  it.each([
    ['alertmanager/malformed-starts-at.json', 'alertmanager', 'body.alerts.1.startsAt'],
    ['alertmanager/wrong-version.json', 'alertmanager', 'body.version'],
    ['alertmanager/no-alerts.json', 'alertmanager', 'body.alerts'],
    ['alertmanager/truncated.json', 'alertmanager', 'body'],
    ['grafana/legacy-dashboard-alert.json', 'grafana', 'body.alerts'],
    ['alertmanager/firing-single.json', 'grafana', 'body.orgId'],
  ])('refuses %s as %s with a 400 naming %s, storing nothing', async (fixture, format, path) => {
    const before = [
      await count('alerts'),
      await count('alert_deliveries'),
      await count('incidents'),
    ];
    const response = await post(alertFixture(fixture), `format=${format}`);
    expect(response.statusCode, response.body).toBe(400);
    const error = response.json<ErrorBody>().error;
    expect(error.code).toBe('validation_failed');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
    expect([
      await count('alerts'),
      await count('alert_deliveries'),
      await count('incidents'),
    ]).toEqual(before);
  });

  it('refuses an empty body and an unknown format with a 400', async () => {
    expect((await post('', 'format=alertmanager')).statusCode).toBe(400);
    const unknown = await post(alertFixture('alertmanager/firing-single.json'), 'format=opsgenie');
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json<ErrorBody>().error.issues)).toContain('format');
  });

  it('refuses a webhook body over 10 MB with a 413 that says so, storing nothing', async () => {
    const before = await count('alert_deliveries');
    const response = await post(Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), 'format=alertmanager');
    expect(response.statusCode).toBe(413);
    const error = response.json<ErrorBody>().error;
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toContain('10 MB');
    expect(await count('alert_deliveries')).toBe(before);
  });

  it('lets the alert-writer token post alerts and nothing else; people read them', async () => {
    expect((await t.call(writer, 'GET', '/api/v1/alerts')).statusCode).toBe(403);
    expect((await t.call(writer, 'GET', '/api/v1/incidents')).statusCode).toBe(403);
    expect((await t.call(writer, 'GET', '/api/v1/assets')).statusCode).toBe(403);
    expect(
      (await post(alertFixture('alertmanager/firing-single.json'), 'format=alertmanager', viewer))
        .statusCode,
    ).toBe(403);
    expect((await t.call(viewer, 'GET', '/api/v1/alerts')).statusCode).toBe(403);
    expect((await t.call(engineer, 'GET', '/api/v1/alerts')).statusCode).toBe(200);
  });

  it('pages alerts newest first without dropping or repeating one', async () => {
    await post(alertFixture('alertmanager/firing-grouped.json'), 'format=alertmanager');
    // Not the fixture itself: the story of unknown labels expects to deliver that one first.
    const unknown = JSON.parse(alertFixture('alertmanager/unknown-labels.json')) as {
      alerts: { fingerprint: string }[];
    };
    unknown.alerts[0]!.fingerprint = '9a8b7c6d5e4f3a2b';
    await post(JSON.stringify(unknown), 'format=alertmanager');
    const all = (await t.call(admin, 'GET', '/api/v1/alerts?limit=1000')).json<{
      items: AlertView[];
    }>();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AlertView[]; nextCursor: string | null } = (
        await t.call(admin, 'GET', `/api/v1/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((alert) => alert.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.items.map((alert) => alert.id));
    expect(seen.length).toBeGreaterThan(2);
  });
});
