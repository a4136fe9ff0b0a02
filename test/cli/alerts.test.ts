import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportAlertsResult } from '../../src/modules/alerts/alert.schema.js';
import type { IncidentDetail } from '../../src/modules/incidents/incident.schema.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { alertFixturePath } from '../fixtures/alerts/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory } from './cli-harness.js';

describe('plumbline alerts and incidents', () => {
  let t: TestApp;
  let url: string;
  let writer: string;
  let engineer: string;
  const files = temporaryDirectory('plumbline-alerts-cli-');
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);
  const countAlerts = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('alerts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await t.tokenFor('admin');
    engineer = await t.tokenFor('engineering');
    writer = (
      await createApiToken(t.ctx, systemActor, { name: 'alertmanager', role: 'alert-writer' })
    ).token;
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-prod-eu',
      name: 'db-prod-eu',
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(asset.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('ingests a webhook body with --json counts, and again without storing anything twice', async () => {
    const file = alertFixturePath('alertmanager/firing-grouped.json');
    const first = await as(writer, '--json', 'alerts', 'ingest', '--format', 'alertmanager', file);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as ImportAlertsResult;
    expect(result).toMatchObject({ received: 2, created: 2, alreadyRecorded: 0, unmapped: 1 });
    expect(result.incidentsOpened).toHaveLength(1);
    const again = await as(writer, '--json', 'alerts', 'ingest', '--format', 'alertmanager', file);
    expect(JSON.parse(again.stdout)).toMatchObject({ received: 2, created: 0, alreadyRecorded: 2 });
    const text = await as(writer, 'alerts', 'ingest', '--format', 'alertmanager', file);
    expect(text.stdout).toContain('Ingested 2 alerts (alertmanager): 0 new');
  });

  it('exits non-zero, storing nothing, when the body is malformed', async () => {
    const before = await countAlerts();
    const broken = await as(
      writer,
      'alerts',
      'ingest',
      '--format',
      'alertmanager',
      alertFixturePath('alertmanager/malformed-starts-at.json'),
    );
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('body.alerts.1.startsAt');
    const missing = await as(
      writer,
      'alerts',
      'ingest',
      '--format',
      'alertmanager',
      path.join(files.path, 'nope.json'),
    );
    expect(missing.code).not.toBe(0);
    expect(await countAlerts()).toBe(before);
  });

  it('lists unmapped alerts, and opens, lists and shows incidents', async () => {
    fs.copyFileSync(
      alertFixturePath('alertmanager/unknown-labels.json'),
      path.join(files.path, 'unknown.json'),
    );
    await as(
      writer,
      'alerts',
      'ingest',
      '--format',
      'alertmanager',
      path.join(files.path, 'unknown.json'),
    );
    const unmapped = await as(engineer, '--json', 'alerts', 'list', '--unmapped');
    expect(unmapped.code, unmapped.stderr).toBe(0);
    const items = JSON.parse(unmapped.stdout) as { assetKey: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((alert) => alert.assetKey === null)).toBe(true);

    const opened = await as(
      engineer,
      '--json',
      'incidents',
      'open',
      '--title',
      'Replication lag on db-prod-eu',
      '--severity',
      'major',
      '--asset',
      'db-prod-eu',
    );
    expect(opened.code, opened.stderr).toBe(0);
    const incident = JSON.parse(opened.stdout) as IncidentDetail;
    expect(incident).toMatchObject({
      status: 'open',
      severity: 'major',
      detectionSource: 'manual',
    });
    const list = await as(engineer, 'incidents', 'list', '--open');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(incident.number);
    const shown = await as(engineer, 'incidents', 'show', incident.id);
    expect(shown.stdout).toContain('Replication lag on db-prod-eu');
    expect(shown.stdout).toContain('conformity decision: pending');
    expect((await as(writer, 'incidents', 'list')).code).not.toBe(0);
  });
});
