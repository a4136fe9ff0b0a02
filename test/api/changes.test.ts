import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ChangeDetail,
  ChangeEventResult,
  ChangeView,
} from '../../src/modules/changes/change.schema.js';
import { getOccurrence } from '../../src/modules/occurrences/list-occurrences.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import {
  createDeployedAsset,
  deploymentStatusBody,
  postEvent,
  pullRequestClosedBody,
  sign,
  WEBHOOK_SECRET,
} from './changes.fixtures.js';
import { createProductionAsset, signedInPerson, type Person } from '../support/factory.js';

const HOUR = 3_600_000;

describe('change records', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let requester: Person;
  let approver: Person;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000', PLUMBLINE_CHANGE_WEBHOOK_SECRET: WEBHOOK_SECRET },
    });
    admin = await t.tokenFor('admin');
    await createProductionAsset(t, admin, 'db-orders');
    const process = await t.call(admin, 'POST', '/api/v1/processes', {
      key: 'order-fulfilment',
      name: 'Order fulfilment',
      ownerRole: 'quality',
      affectsConformity: true,
    });
    expect(process.statusCode, process.body).toBe(201);
    const row = await t.call(admin, 'POST', '/api/v1/matrix', {
      processKey: 'order-fulfilment',
      assetKey: 'db-orders',
      conformityImpact: 'Orders are lost without it.',
      controlMethod: 'Monitoring and backups',
      evidenceLocation: 'Plumbline',
    });
    expect(row.statusCode, row.body).toBe(201);
  });
  afterAll(() => t.close());

  /** Signs people in afresh at the clock's instant: the tests move it by days. */
  async function signIn(at: string): Promise<void> {
    clock.set(at);
    requester = await signedInPerson(t, 'engineering');
    approver = await signedInPerson(t, 'engineering');
  }

  async function request(body: Record<string, unknown> = {}): Promise<ChangeDetail> {
    const response = await requester.call('POST', '/api/v1/changes', {
      title: 'Raise the orders database connection limit',
      description: 'max_connections from 200 to 400 after the March saturation.',
      type: 'normal',
      risk: 'medium',
      conformityImpact: 'None expected: order data is not touched.',
      testSummary: 'Load test on staging at 350 connections for an hour.',
      rollbackPlan: 'Set max_connections back to 200 and restart the primary.',
      assets: ['db-orders'],
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ChangeDetail>();
  }
  const act = (person: Person, id: string, action: string, body: Record<string, unknown> = {}) =>
    person.call('POST', `/api/v1/changes/${id}/${action}`, body);
  const approve = (person: Person, id: string) =>
    act(person, id, 'approve', { password: TEST_PASSWORD, note: 'Risk understood.' });
  const verify = (person: Person, id: string, outcome = 'as-intended') =>
    act(person, id, 'verify', {
      password: TEST_PASSWORD,
      outcome,
      note: 'Connections peaked at 310, no errors.',
    });
  const occurrenceOf = async (id: string, column: 'approval' | 'verification') => {
    const row = await t.ctx.db
      .selectFrom('changes')
      .select(['approval_occurrence_id', 'verification_occurrence_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const occurrenceId =
      column === 'approval' ? row.approval_occurrence_id : row.verification_occurrence_id;
    expect(occurrenceId).not.toBeNull();
    return getOccurrence(t.ctx, occurrenceId!);
  };
  const count = async (table: 'changes' | 'change_events' | 'audit_events') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes a normal change through approval, implementation and verification, all signed', async () => {
    await signIn('2026-04-01T09:00:00Z');
    const change = await request({
      plannedStart: '2026-04-02T20:00:00Z',
      plannedEnd: '2026-04-02T22:00:00Z',
    });
    expect(change).toMatchObject({
      status: 'requested',
      type: 'normal',
      requester: requester.email,
      assets: [{ key: 'db-orders' }],
      processes: [{ key: 'order-fulfilment', affectsConformity: true }],
      approval: null,
      approvedBeforeImplementation: null,
    });
    expect(change.abilities.approve).toEqual({
      allowed: false,
      reason: 'a change cannot be approved by its requester',
    });
    expect((await approve(requester, change.id)).statusCode).toBe(409);

    clock.advance(2 * HOUR);
    const approved = await approve(approver, change.id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ChangeDetail>()).toMatchObject({
      status: 'approved',
      approval: { at: '2026-04-01T11:00:00.000Z', by: approver.signerLabel },
      abilities: { implement: { allowed: true, reason: null } },
    });

    await signIn('2026-04-02T20:30:00Z');
    const implemented = await act(requester, change.id, 'implement');
    expect(implemented.statusCode, implemented.body).toBe(200);
    expect(implemented.json<ChangeDetail>()).toMatchObject({
      status: 'implemented',
      implementedAt: '2026-04-02T20:30:00.000Z',
      approvalDueAt: '2026-04-02T20:30:00.000Z',
      verificationDueAt: '2026-04-04T20:30:00.000Z',
      approvedBeforeImplementation: true,
      verifiedWithin48h: null,
    });
    expect(await occurrenceOf(change.id, 'approval')).toMatchObject({
      controlKey: 'change-approval-before-implementation',
      status: 'verified',
      assetKey: 'db-orders',
    });

    clock.advance(20 * HOUR);
    await signIn(clock.now().toISOString());
    const verified = await verify(approver, change.id);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json<ChangeDetail>()).toMatchObject({
      status: 'verified',
      verification: { outcome: 'as-intended', by: approver.signerLabel },
      verifiedWithin48h: true,
    });
    expect(await occurrenceOf(change.id, 'verification')).toMatchObject({
      controlKey: 'post-change-verification-48h',
      status: 'verified',
      dueAt: '2026-04-04T20:30:00.000Z',
    });
    const signatures = await t.ctx.db
      .selectFrom('signatures')
      .select(['meaning'])
      .where('entity_type', '=', 'change')
      .where('entity_id', '=', change.id)
      .orderBy('signed_at')
      .execute();
    expect(signatures.map((s) => s.meaning)).toEqual(['approved', 'verified']);
  });

  it('refuses to implement a normal change before it is approved, saying so', async () => {
    await signIn('2026-04-10T09:00:00Z');
    const change = await request();
    const response = await act(requester, change.id, 'implement');
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('approve the change before implementing it');
    const refusedSignature = await act(approver, change.id, 'approve', { password: 'wrong one' });
    expect(refusedSignature.statusCode).toBe(401);
    expect((await requester.call('GET', `/api/v1/changes/${change.id}`)).json()).toMatchObject({
      status: 'requested',
      approval: null,
    });
  });

  it('lets an emergency change be implemented first and approved within the set time', async () => {
    await signIn('2026-04-20T03:00:00Z');
    const change = await request({ type: 'emergency', title: 'Kill runaway vacuum' });
    const implemented = await act(requester, change.id, 'implement');
    expect(implemented.statusCode, implemented.body).toBe(200);
    expect(implemented.json<ChangeDetail>()).toMatchObject({
      status: 'implemented',
      approvalDueAt: '2026-04-21T03:00:00.000Z',
      approvedBeforeImplementation: null,
      abilities: {
        verify: {
          allowed: false,
          reason: 'approve the emergency change retrospectively before verifying it',
        },
      },
    });
    expect(await occurrenceOf(change.id, 'approval')).toMatchObject({
      status: 'due',
      dueAt: '2026-04-21T03:00:00.000Z',
    });
    clock.advance(6 * HOUR);
    const approved = await approve(approver, change.id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<ChangeDetail>()).toMatchObject({
      status: 'implemented',
      approvedBeforeImplementation: true,
    });
    expect((await occurrenceOf(change.id, 'approval')).status).toBe('verified');
    expect((await verify(requester, change.id)).statusCode).toBe(200);
  });

  it('records a late retrospective approval and a late verification as late', async () => {
    await signIn('2026-05-01T03:00:00Z');
    const change = await request({ type: 'emergency' });
    expect((await act(requester, change.id, 'implement')).statusCode).toBe(200);
    clock.advance(30 * HOUR);
    expect((await t.call(admin, 'GET', `/api/v1/changes/${change.id}`)).json()).toMatchObject({
      approvedBeforeImplementation: false,
    });
    await signIn(clock.now().toISOString());
    expect((await approve(approver, change.id)).statusCode).toBe(200);
    clock.advance(20 * HOUR);
    await signIn(clock.now().toISOString());
    const verified = await verify(approver, change.id, 'rolled-back');
    expect(verified.statusCode, verified.body).toBe(200);
    const view = verified.json<ChangeDetail>();
    expect(view).toMatchObject({
      approvedBeforeImplementation: false,
      verifiedWithin48h: false,
      verification: { outcome: 'rolled-back' },
    });
    const occurrence = await occurrenceOf(change.id, 'verification');
    expect(occurrence.status).toBe('verified');
    expect(new Date(view.verification!.at) > new Date(occurrence.dueAt)).toBe(true);
  });

  it('names the field of a malformed change, and an unknown asset', async () => {
    await signIn('2026-05-10T09:00:00Z');
    const missing = await requester.call('POST', '/api/v1/changes', {
      title: 'No rollback',
      description: 'x',
      type: 'routine',
      risk: 'low',
      conformityImpact: 'none',
      assets: ['db-orders'],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('body.rollbackPlan');
    expect(missing.body).toContain('body.type');
    const unknown = await requester.call('POST', '/api/v1/changes', {
      title: 'Unknown asset',
      description: 'x',
      type: 'normal',
      risk: 'low',
      conformityImpact: 'none',
      rollbackPlan: 'revert',
      assets: ['no-such-asset'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('body.assets.0');
  });

  it('lists changes a page at a time, newest first', async () => {
    await signIn('2026-05-20T09:00:00Z');
    const first = await request({ title: 'Paging one' });
    clock.advance(1000);
    const second = await request({ title: 'Paging two' });
    const page = await t.call(admin, 'GET', '/api/v1/changes?limit=1&asset=db-orders');
    const body = page.json<{ items: ChangeView[]; nextCursor: string }>();
    expect(body.items.map((c) => c.id)).toEqual([second.id]);
    const next = await t.call(
      admin,
      'GET',
      `/api/v1/changes?limit=1&cursor=${encodeURIComponent(body.nextCursor)}`,
    );
    expect(next.json<{ items: ChangeView[] }>().items.map((c) => c.id)).toEqual([first.id]);
  });

  it('lists the period’s change records per dependency in the walkthrough', async () => {
    await signIn('2026-08-03T09:00:00Z');
    const change = await request({ title: 'Walkthrough change' });
    expect((await approve(approver, change.id)).statusCode).toBe(200);
    expect((await act(requester, change.id, 'implement')).statusCode).toBe(200);
    const response = await t.call(
      admin,
      'GET',
      '/api/v1/processes/order-fulfilment/walkthrough?from=2026-08-01&to=2026-08-31',
    );
    expect(response.statusCode, response.body).toBe(200);
    const dependency = response
      .json<{ dependencies: { asset: { key: string }; changeRecords: unknown[] }[] }>()
      .dependencies.find((d) => d.asset.key === 'db-orders')!;
    expect(dependency.changeRecords).toEqual([
      expect.objectContaining({
        number: change.number,
        status: 'implemented',
        approvedBeforeImplementation: true,
        verifiedWithin48h: null,
      }),
    ]);
  });

  describe('delivery events', () => {
    it('refuses a body whose signature is wrong or missing, and stores nothing', async () => {
      const body = JSON.stringify(
        deploymentStatusBody({
          repository: 'acme/shop-web',
          environment: 'production',
          state: 'success',
          at: '2026-06-01T10:00:00Z',
        }),
      );
      const before = await Promise.all([count('change_events'), count('audit_events')]);
      const wrongSecret = await postEvent(t, body, {
        githubEvent: 'deployment_status',
        secret: 'another-secret-entirely-0123456789',
      });
      const missing = await postEvent(t, body, {
        githubEvent: 'deployment_status',
        signature: null,
      });
      // Signed over the same JSON spelled differently: the signature is over the raw bytes.
      const reformatted = await postEvent(t, JSON.stringify(JSON.parse(body), null, 2), {
        githubEvent: 'deployment_status',
        signature: sign(WEBHOOK_SECRET, body),
      });
      const asToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/changes/events',
        payload: body,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      });
      for (const response of [wrongSecret, missing, reformatted, asToken]) {
        expect(response.statusCode, response.body).toBe(401);
      }
      expect(missing.body).toContain('X-Hub-Signature-256');
      expect(await Promise.all([count('change_events'), count('audit_events')])).toEqual(before);
    });

    it('makes a merged pull request a requested change, once per delivery', async () => {
      clock.set('2026-06-02T09:00:00Z');
      await createDeployedAsset(t, admin, 'app-billing', { repository: 'acme/billing-api' });
      const body = pullRequestClosedBody({
        repository: 'acme/billing-api',
        number: 42,
        title: 'Retry invoice export on timeout',
        merged: true,
        labels: ['emergency-change'],
        body: [
          'Exports time out when the ledger is slow.',
          '## Risk',
          'Low: retries are idempotent.',
          '## Conformity impact',
          'Invoices are unchanged.',
          '## Tests',
          'Unit tests and a staging export.',
          '## Rollback plan',
          'Revert the merge commit.',
        ].join('\n'),
      });
      const delivery = crypto.randomUUID();
      const first = await postEvent(t, body, { githubEvent: 'pull_request', delivery });
      expect(first.statusCode, first.body).toBe(201);
      const result = first.json<ChangeEventResult>();
      expect(result.event).toMatchObject({
        kind: 'pull_request',
        state: 'merged',
        reference: 'https://github.com/acme/billing-api/pull/42',
        assets: ['app-billing'],
        flagged: false,
      });
      const change = (
        await t.call(admin, 'GET', `/api/v1/changes/${result.event!.change!.id}`)
      ).json<ChangeDetail>();
      expect(change).toMatchObject({
        source: 'github-pull-request',
        type: 'emergency',
        risk: 'low',
        status: 'requested',
        description: 'Exports time out when the ledger is slow.',
        conformityImpact: 'Invoices are unchanged.',
        testSummary: 'Unit tests and a staging export.',
        rollbackPlan: 'Revert the merge commit.',
        requester: 'github:dana-dev',
        assets: [{ key: 'app-billing' }],
      });
      const again = await postEvent(t, body, { githubEvent: 'pull_request', delivery });
      expect(again.statusCode).toBe(200);
      expect(again.json<ChangeEventResult>()).toMatchObject({ alreadyRecorded: true });
      const closedUnmerged = await postEvent(
        t,
        pullRequestClosedBody({
          repository: 'acme/billing-api',
          number: 43,
          title: 'Abandoned',
          body: '',
          merged: false,
        }),
        { githubEvent: 'pull_request' },
      );
      expect(closedUnmerged.statusCode).toBe(200);
      expect(closedUnmerged.json<ChangeEventResult>()).toMatchObject({ event: null });
      const ping = await postEvent(
        t,
        { zen: 'Keep it logically awesome.' },
        { githubEvent: 'ping' },
      );
      expect(ping.json<ChangeEventResult>().ignored).toContain('ping');
    });

    it('flags a production deployment no approved change covers, and counts it missed', async () => {
      clock.set('2026-06-10T09:00:00Z');
      await createDeployedAsset(t, admin, 'app-shop', { repository: 'acme/shop-web' });
      await createDeployedAsset(t, admin, 'app-shop-staging', {
        repository: 'acme/shop-web',
        environment: 'staging',
      });
      const staging = await postEvent(
        t,
        deploymentStatusBody({
          repository: 'acme/shop-web',
          environment: 'staging',
          state: 'success',
          at: '2026-06-10T08:50:00Z',
        }),
        { githubEvent: 'deployment_status' },
      );
      expect(staging.json<ChangeEventResult>().event).toMatchObject({
        assets: ['app-shop-staging'],
        production: false,
        flagged: false,
      });
      const response = await postEvent(
        t,
        deploymentStatusBody({
          repository: 'Acme/Shop-Web',
          environment: 'production',
          state: 'success',
          at: '2026-06-10T08:55:00Z',
        }),
        { githubEvent: 'deployment_status' },
      );
      expect(response.statusCode, response.body).toBe(201);
      const event = response.json<ChangeEventResult>().event!;
      expect(event).toMatchObject({
        assets: ['app-shop'],
        production: true,
        flagged: true,
        change: null,
      });
      expect(event.flagReason).toContain('No approved change covered this deployment to app-shop');
      const flagged = await t.call(admin, 'GET', '/api/v1/changes/events?flagged=true');
      expect(flagged.json<{ items: { id: string }[] }>().items.map((e) => e.id)).toContain(
        event.id,
      );

      const trigger = await t.ctx.db
        .selectFrom('trigger_events')
        .innerJoin('occurrences', 'occurrences.trigger_event_id', 'trigger_events.id')
        .select('occurrences.id')
        .where('trigger_events.external_id', '=', `deployment:${event.deliveryId}`)
        .executeTakeFirstOrThrow();
      clock.advance(30 * 24 * HOUR);
      const occurrence = await getOccurrence(t.ctx, trigger.id);
      expect(occurrence).toMatchObject({
        controlKey: 'change-approval-before-implementation',
        dueAt: '2026-06-10T08:55:00.000Z',
        status: 'missed',
      });
    });

    it('implements the approved change a production deployment carries, unflagged', async () => {
      await signIn('2026-07-01T09:00:00Z');
      await createDeployedAsset(t, admin, 'app-search', { repository: 'acme/search' });
      const change = await request({ title: 'Upgrade the search index', assets: ['app-search'] });
      expect((await approve(approver, change.id)).statusCode).toBe(200);
      clock.advance(HOUR);
      const response = await postEvent(t, {
        id: 'jenkins-881-production',
        repository: 'acme/search',
        environment: 'production',
        status: 'success',
        sha: '4f2a9c1d',
        deployedAt: '2026-07-01T09:45:00Z',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json<ChangeEventResult>().event).toMatchObject({
        kind: 'deploy',
        flagged: false,
        production: true,
        change: { id: change.id },
      });
      const detail = (
        await t.call(admin, 'GET', `/api/v1/changes/${change.id}`)
      ).json<ChangeDetail>();
      expect(detail).toMatchObject({
        status: 'implemented',
        implementedAt: '2026-07-01T09:45:00.000Z',
        approvedBeforeImplementation: true,
        events: [{ deliveryId: 'deploy:jenkins-881-production' }],
      });
    });

    it('names the field of a malformed event, and refuses an oversized body with 413', async () => {
      clock.set('2026-07-05T09:00:00Z');
      const malformed = await postEvent(t, {
        id: 'ci-1',
        repository: 'acme/search',
        environment: 'production',
        status: 'done',
        deployedAt: 'yesterday',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body).toContain('body.status');
      expect(malformed.body).toContain('body.sha');
      const notJson = await postEvent(t, '{"id": ', {});
      expect(notJson.statusCode).toBe(400);
      const huge = await postEvent(t, { id: 'x', padding: 'a'.repeat(6 * 1024 * 1024) });
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    });
  });
});
