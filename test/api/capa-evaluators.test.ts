import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueOverdueCapaActions } from '../../src/modules/capas/queue-overdue-capa-actions.js';
import type { CapaDetail } from '../../src/modules/capas/capa.schema.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import { findOccurrenceCovering } from '../../src/modules/occurrences/find-occurrence-covering.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { signedInPerson, type Person } from '../support/factory.js';

const HOUR = 3_600_000;

describe('what CAPAs, alerts and the on-call rota settle on their own', () => {
  const smtp = new SmtpTestServer();
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let quality: Person;
  let owner: Person;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      clock,
      env: {
        PLUMBLINE_SMTP_URL: smtp.url,
        PLUMBLINE_PUBLIC_URL: 'https://plumbline.example.test',
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
      },
    });
    admin = await t.tokenFor('admin');
    quality = await signedInPerson(t, 'quality');
    owner = await signedInPerson(t, 'engineering');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('tells the owner of an overdue CAPA action by e-mail, then escalates it to Quality', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const nc = (
      await quality.call('POST', '/api/v1/nonconformances', {
        title: 'Backups unencrypted on one bucket',
        description: 'A backup bucket had encryption at rest switched off.',
        requirementNotMet: 'ENG-POL-003 3.6: backups encrypted at rest',
        containment: 'Encryption switched back on; old objects re-encrypted.',
        disposition: 'Objects rewritten encrypted.',
        impactAssessment: 'No access outside the account was found.',
        owner: 'quality',
        dueOn: '2026-04-30',
      })
    ).json<NonconformanceView>();
    const capa = (
      await quality.call('POST', '/api/v1/capas', {
        title: 'Encryption enforced by policy',
        nonconformanceIds: [nc.id],
        effectivenessCheckOn: '2026-04-15',
        effectivenessCriteria: 'No bucket without encryption in the monthly scan',
      })
    ).json<CapaDetail>();
    await quality.call('POST', `/api/v1/capas/${capa.id}/root-cause`, {
      method: 'fishbone',
      text: 'Method: no guardrail; machine: the console allows turning it off.',
    });
    const added = await quality.call('POST', `/api/v1/capas/${capa.id}/actions`, {
      title: 'Deny turning encryption off with an organisation policy',
      ownerUserId: owner.userId,
      dueOn: '2026-03-12',
    });
    expect(added.statusCode).toBe(201);

    // Due on the 12th: nothing on the 12th itself.
    clock.set('2026-03-12T20:00:00Z');
    expect(await queueOverdueCapaActions(t.ctx)).toEqual({ queued: 0 });
    // The 13th (organisation time): the owner is told, once.
    clock.set('2026-03-13T08:00:00Z');
    expect(await queueOverdueCapaActions(t.ctx)).toEqual({ queued: 1 });
    expect(await queueOverdueCapaActions(t.ctx)).toEqual({ queued: 0 });
    const before = smtp.received.length;
    expect(await deliverOutbox(t.ctx)).toMatchObject({ sent: 1, failed: 0 });
    const [overdue] = smtp.received.slice(before);
    expect(overdue!.to).toEqual([owner.email]);
    expect(overdue!.subject).toContain('Deny turning encryption off');
    expect(overdue!.text).toContain(`https://plumbline.example.test/capas/${capa.id}`);
    const detail = (await t.call(admin, 'GET', `/api/v1/capas/${capa.id}`)).json<CapaDetail>();
    expect(detail).toMatchObject({ overdueActions: 1, actions: [{ overdue: true }] });

    // 48 hours after the end of the due date (midnight in Berlin), Quality hears of it.
    const endOfDue = Date.parse('2026-03-12T23:00:00Z');
    clock.set(new Date(endOfDue + 48 * HOUR - 1000));
    expect(await queueOverdueCapaActions(t.ctx)).toEqual({ queued: 0 });
    clock.set(new Date(endOfDue + 48 * HOUR));
    expect(await queueOverdueCapaActions(t.ctx)).toEqual({ queued: 1 });
    clock.advance(2 * HOUR);
    const beforeEscalation = smtp.received.length;
    expect(await deliverOutbox(t.ctx)).toMatchObject({ sent: 1, failed: 0 });
    const [escalation] = smtp.received.slice(beforeEscalation);
    expect(escalation!.to).toEqual([quality.email]);
    expect(escalation!.subject).toMatch(/^Escalation: CAPA-\d{4} action/);
    expect(escalation!.text).toContain(owner.email);
  });

  it('completes the month of an asset whose monitoring sent an alert, a repeated watchdog included', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'app-prod-01',
      name: 'App server',
      category: 'server',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
    });
    expect(asset.statusCode).toBe(201);
    await generateOccurrences(
      t.ctx,
      { from: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-04-30T00:00:00Z') },
      { controls: ['monitoring-alerts-received-monthly'] },
    );
    const month = () =>
      findOccurrenceCovering(t.ctx, {
        control: 'monitoring-alerts-received-monthly',
        asset: 'app-prod-01',
        instant: clock.now(),
      });
    expect((await month())?.status).not.toBe('verified');
    const watchdog = (sentAt: string) =>
      JSON.stringify({
        receiver: 'plumbline',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'Watchdog', instance: 'app-prod-01', severity: 'none' },
            annotations: { summary: 'Monitoring is alive' },
            startsAt: '2026-03-01T00:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: '',
            fingerprint: 'watchdog01',
          },
        ],
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: `http://am/${sentAt}`,
        version: '4',
        groupKey: '{}:{alertname="Watchdog"}',
        truncatedAlerts: 0,
      });
    const post = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/alerts/import?format=alertmanager',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        payload: body,
      });
    expect((await post(watchdog('march'))).statusCode).toBeLessThan(300);
    expect((await month())?.status).toBe('verified');
    // April: the same watchdog (same fingerprint and start) delivered again settles April too.
    clock.set('2026-04-02T09:00:00Z');
    expect((await month())?.status).not.toBe('verified');
    expect((await post(watchdog('march'))).statusCode).toBeLessThan(300);
    expect((await month())?.status).toBe('verified');
  });

  it('satisfies the on-call control once next month has a primary and a backup for every day', async () => {
    clock.set('2026-03-10T09:00:00Z');
    await generateOccurrences(
      t.ctx,
      { from: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-04-30T00:00:00Z') },
      { controls: ['on-call-rotation-monthly'] },
    );
    const march = () =>
      findOccurrenceCovering(t.ctx, {
        control: 'on-call-rotation-monthly',
        asset: null,
        instant: new Date('2026-03-15T00:00:00Z'),
      });
    const shift = (person: string, position: string, from: string, to: string) =>
      t.call(admin, 'POST', '/api/v1/on-call', { month: '2026-04', person, position, from, to });
    // April in Berlin: 2026-03-31T22:00Z to 2026-04-30T22:00Z.
    expect(
      (await shift('Ann', 'primary', '2026-03-31T22:00:00Z', '2026-04-15T22:00:00Z')).statusCode,
    ).toBe(201);
    expect(
      (await shift('Bob', 'primary', '2026-04-15T22:00:00Z', '2026-04-30T22:00:00Z')).statusCode,
    ).toBe(201);
    expect((await march())?.status).not.toBe('verified');
    await shift('Cem', 'backup', '2026-03-31T22:00:00Z', '2026-04-20T22:00:00Z');
    // A gap of a day in the backups: not yet staffed.
    await shift('Dora', 'backup', '2026-04-21T22:00:00Z', '2026-04-30T22:00:00Z');
    expect((await march())?.status).not.toBe('verified');
    await shift('Dora', 'backup', '2026-04-20T22:00:00Z', '2026-04-21T22:00:00Z');
    expect((await march())?.status).toBe('verified');
  });
});
