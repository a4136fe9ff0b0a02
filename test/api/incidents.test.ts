import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, IncidentView } from '../../src/modules/incidents/incident.schema.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import { getOccurrence } from '../../src/modules/occurrences/list-occurrences.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { createProductionAsset, signedInPerson, type Person } from '../support/factory.js';

const HOUR = 3_600_000;

describe('incidents and their conformity decision', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let engineerToken: string;
  let quality: Person;
  let otherQuality: Person;
  let engineer: Person;

  async function open(
    body: Record<string, unknown> = {},
    as: string = engineerToken,
  ): Promise<IncidentDetail> {
    const response = await t.call(as, 'POST', '/api/v1/incidents', {
      title: 'Orders database unreachable',
      severity: 'critical',
      assets: ['db-orders'],
      responders: ['Jo Engineer'],
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<IncidentDetail>();
  }
  const decide = (person: Person, id: string, body: Record<string, unknown> = {}) =>
    person.call('POST', `/api/v1/incidents/${id}/decision`, {
      outcome: 'no-impact',
      rationale: 'Orders were queued and replayed; no order was lost or altered.',
      password: TEST_PASSWORD,
      ...body,
    });
  const detail = async (id: string, as: Person | string = engineerToken) =>
    (typeof as === 'string'
      ? await t.call(as, 'GET', `/api/v1/incidents/${id}`)
      : await as.call('GET', `/api/v1/incidents/${id}`)
    ).json<IncidentDetail>();
  const occurrenceOf = async (incidentId: string) => {
    const row = await t.ctx.db
      .selectFrom('incidents')
      .select('decision_occurrence_id')
      .where('id', '=', incidentId)
      .executeTakeFirstOrThrow();
    return row.decision_occurrence_id!;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    engineerToken = await t.tokenFor('engineering');
    await createProductionAsset(t, admin, 'db-orders');
    const process = await t.call(admin, 'POST', '/api/v1/processes', {
      key: 'order-fulfilment',
      name: 'Order fulfilment',
      ownerRole: 'quality',
      affectsConformity: true,
    });
    expect(process.statusCode, process.body).toBe(201);
  });

  /** Signs everyone in afresh: the tests move the clock by days, past any session's life. */
  async function signIn(): Promise<void> {
    quality = await signedInPerson(t, 'quality');
    otherQuality = await signedInPerson(t, 'quality');
    engineer = await signedInPerson(t, 'engineering');
  }
  afterAll(() => t.close());

  it('starts the 24-hour conformity-decision clock when an incident is opened', async () => {
    clock.set('2026-03-10T09:00:00Z');
    await signIn();
    const incident = await open({ detectedAt: '2026-03-10T08:40:00Z' });
    expect(incident).toMatchObject({
      status: 'open',
      severity: 'critical',
      detectionSource: 'manual',
      detectedAt: '2026-03-10T08:40:00.000Z',
      openedAt: '2026-03-10T09:00:00.000Z',
      decisionDueAt: '2026-03-11T09:00:00.000Z',
      assets: [{ key: 'db-orders', name: 'Asset db-orders' }],
      responders: ['Jo Engineer'],
      decision: null,
    });
    expect(incident.timeline.map((entry) => entry.kind)).toEqual(['opened']);
    const occurrence = await getOccurrence(t.ctx, await occurrenceOf(incident.id));
    expect(occurrence).toMatchObject({
      controlKey: 'incident-conformity-decision-24h',
      status: 'due',
      dueAt: '2026-03-11T09:00:00.000Z',
    });
    const trigger = await t.ctx.db
      .selectFrom('trigger_events')
      .select(['type', 'external_id'])
      .where('external_id', '=', `incident:${incident.id}`)
      .executeTakeFirstOrThrow();
    expect(trigger.type).toBe('incident-opened');
  });

  it('queues an urgent e-mail to Quality and the asset owners in the transaction that opens it', async () => {
    clock.set('2026-03-12T09:00:00Z');
    await signIn();
    const incident = await open({ title: 'Orders queue stalled', severity: 'major' });
    const mails = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient', 'subject', 'body_text', 'category', 'priority', 'created_at'])
      .where('related_entity_type', '=', 'incident')
      .where('related_entity_id', '=', incident.id)
      .orderBy('recipient')
      .execute();
    const quality = await t.ctx.db
      .selectFrom('users')
      .select('email')
      .where('role', 'in', ['quality', 'engineering'])
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute();
    // db-orders is owned by engineering; the quality role decides on conformity.
    expect(mails.map((mail) => mail.recipient)).toEqual(quality.map((user) => user.email));
    for (const mail of mails) {
      expect(mail).toMatchObject({ category: 'incident', priority: 'urgent' });
      expect(mail.subject).toMatch(/^Incident INC-\d{4} \(major\): Orders queue stalled$/);
      expect(mail.body_text).toContain('db-orders');
      expect(mail.body_text).toContain(`/incidents/${incident.id}`);
      expect(mail.created_at.toISOString()).toBe('2026-03-12T09:00:00.000Z');
    }
  });

  it('meets the control when Quality signs "no impact" within 24 hours', async () => {
    clock.set('2026-03-12T09:00:00Z');
    await signIn();
    const incident = await open();
    expect((await detail(incident.id, quality)).abilities.decide).toEqual({
      allowed: true,
      reason: null,
    });
    clock.advance(5 * HOUR);
    const response = await decide(quality, incident.id);
    expect(response.statusCode, response.body).toBe(200);
    const decided = response.json<IncidentDetail>();
    expect(decided.decision).toMatchObject({
      outcome: 'no-impact',
      decidedAt: '2026-03-12T14:00:00.000Z',
      onTime: true,
      nonconformanceId: null,
    });
    expect(decided.decision!.decidedBy).toBe(quality.signerLabel);
    expect(decided.timeline.map((entry) => entry.kind)).toEqual(['opened', 'decision']);
    expect(decided.abilities.decide.allowed).toBe(false);
    const signature = await t.ctx.db
      .selectFrom('signatures')
      .select(['meaning', 'signer_role', 'entity_type'])
      .where('id', '=', decided.decision!.signatureId)
      .executeTakeFirstOrThrow();
    expect(signature).toEqual({
      meaning: 'conformity-decision',
      signer_role: 'quality',
      entity_type: 'incident',
    });
    const occurrence = await getOccurrence(t.ctx, await occurrenceOf(incident.id));
    expect(occurrence.status).toBe('verified');
    // Asked about the deadline afterwards, the control was met before it.
    const atDeadline = await getOccurrence(
      t.ctx,
      await occurrenceOf(incident.id),
      new Date('2026-03-13T09:00:00Z'),
    );
    expect(atDeadline.status).toBe('verified');
  });

  it('shows the decision as late, and the deadline as missed, when it comes after 24 hours', async () => {
    clock.set('2026-03-14T09:00:00Z');
    await signIn();
    const incident = await open();
    clock.advance(30 * HOUR);
    const before = await getOccurrence(t.ctx, await occurrenceOf(incident.id));
    expect(before.status).toBe('overdue');
    await signIn();
    expect((await t.call(engineerToken, 'GET', '/api/v1/incidents?open=true')).statusCode).toBe(
      200,
    );
    const response = await decide(quality, incident.id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<IncidentDetail>().decision).toMatchObject({ onTime: false });
    const atDeadline = await getOccurrence(
      t.ctx,
      await occurrenceOf(incident.id),
      new Date('2026-03-15T09:00:01Z'),
    );
    expect(atDeadline.status).toBe('overdue');
  });

  it('raises a nonconformance when Quality decides conformity could be affected', async () => {
    clock.set('2026-03-16T09:00:00Z');
    await signIn();
    const incident = await open();
    expect(incident.processes).toEqual([]);
    const response = await decide(quality, incident.id, {
      outcome: 'impact',
      rationale: 'Labels printed during the outage may carry wrong lot numbers.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const decided = response.json<IncidentDetail>();
    expect(decided.decision!.outcome).toBe('impact');
    const nc = (
      await t.call(admin, 'GET', `/api/v1/nonconformances/${decided.decision!.nonconformanceId}`)
    ).json<NonconformanceView>();
    expect(nc).toMatchObject({
      sourceType: 'incident',
      sourceId: incident.id,
      ownerRole: 'quality',
    });
    expect(nc.title).toContain(incident.number);
  });

  it('lets only a person of the quality role sign the decision, once, with a valid password', async () => {
    clock.set('2026-03-18T09:00:00Z');
    await signIn();
    const incident = await open();
    expect((await decide(engineer, incident.id)).statusCode).toBe(403);
    const byToken = await t.call(admin, 'POST', `/api/v1/incidents/${incident.id}/decision`, {
      outcome: 'no-impact',
      rationale: 'x',
      password: TEST_PASSWORD,
    });
    expect(byToken.statusCode).toBe(403);
    expect((await decide(quality, incident.id, { password: 'not it' })).statusCode).toBe(401);
    expect((await detail(incident.id)).decision).toBeNull();
    expect((await detail(incident.id, engineer)).abilities.decide).toEqual({
      allowed: false,
      reason: null,
    });
    expect((await decide(otherQuality, incident.id)).statusCode).toBe(200);
    expect((await decide(quality, incident.id)).statusCode).toBe(409);
  });

  it('moves open → mitigated → resolved → closed, closing only with the decision and a review', async () => {
    clock.set('2026-03-20T09:00:00Z');
    await signIn();
    const incident = await open();
    const move = (body: Record<string, unknown>) =>
      t.call(engineerToken, 'POST', `/api/v1/incidents/${incident.id}/transition`, body);
    expect((await move({ to: 'mitigated', note: 'Failed over to the replica' })).statusCode).toBe(
      200,
    );
    expect((await move({ to: 'closed' })).statusCode).toBe(409);
    expect((await move({ to: 'resolved', note: 'Primary rebuilt' })).statusCode).toBe(200);
    const early = await move({ to: 'closed', postIncidentReview: 'Disk filled by WAL.' });
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().error.message).toContain('conformity decision');
    expect((await decide(quality, incident.id)).statusCode).toBe(200);
    expect((await move({ to: 'closed' })).statusCode).toBe(409);
    const closed = await move({ to: 'closed', postIncidentReview: 'Disk filled by WAL.' });
    expect(closed.statusCode, closed.body).toBe(200);
    const view = closed.json<IncidentDetail>();
    expect(view).toMatchObject({
      status: 'closed',
      postIncidentReview: 'Disk filled by WAL.',
      mitigatedAt: '2026-03-20T09:00:00.000Z',
      closedAt: '2026-03-20T09:00:00.000Z',
    });
    expect(view.timeline.map((entry) => entry.kind)).toEqual([
      'opened',
      'status',
      'status',
      'decision',
      'status',
    ]);
    expect(view.abilities.transition).toEqual({ allowed: false, reason: 'the incident is closed' });
    expect((await move({ to: 'open' })).statusCode).toBe(409);
  });

  it('adds timeline entries, refusing one in the future', async () => {
    clock.set('2026-03-22T09:00:00Z');
    await signIn();
    const incident = await open();
    const url = `/api/v1/incidents/${incident.id}/timeline`;
    const added = await t.call(engineerToken, 'POST', url, {
      text: 'Paged the database on-call',
      at: '2026-03-22T08:55:00Z',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<IncidentDetail>().timeline[0]).toMatchObject({
      kind: 'note',
      text: 'Paged the database on-call',
      at: '2026-03-22T08:55:00.000Z',
    });
    const future = await t.call(engineerToken, 'POST', url, {
      text: 'x',
      at: '2026-03-23T08:55:00Z',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.at');
  });

  it('escalates a backup incident to an incident once', async () => {
    clock.set('2026-03-24T09:00:00Z');
    await signIn();
    const asset = await t.ctx.db
      .selectFrom('assets')
      .select('id')
      .where('key', '=', 'db-orders')
      .executeTakeFirstOrThrow();
    const backup = await t.ctx.db
      .insertInto('backup_incidents')
      .values({
        asset_id: asset.id,
        kind: 'run_failed',
        began_at: '2026-03-24T02:00:00Z',
        opened_at: '2026-03-24T02:10:00Z',
        summary: 'pgBackRest backup failed',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const escalate = () =>
      t.call(engineerToken, 'POST', '/api/v1/incidents/escalate-backup-incident', {
        backupIncidentId: backup.id,
      });
    const first = await escalate();
    expect(first.statusCode, first.body).toBe(201);
    const again = await escalate();
    expect(again.statusCode).toBe(200);
    expect(again.json<IncidentDetail>().id).toBe(first.json<IncidentDetail>().id);
    expect(first.json<IncidentDetail>()).toMatchObject({
      detectionSource: 'backup-incident',
      sourceId: backup.id,
      severity: 'major',
      detectedAt: '2026-03-24T02:00:00.000Z',
      assets: [{ key: 'db-orders' }],
    });
  });

  it('lists incidents not closed first, a page at a time', async () => {
    clock.set('2026-03-26T09:00:00Z');
    await signIn();
    await open({ title: 'A' });
    await open({ title: 'B' });
    const seen: IncidentView[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: IncidentView[]; nextCursor: string | null } = (
        await t.call(
          engineerToken,
          'GET',
          `/api/v1/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const closedAt = seen.findIndex((incident) => incident.status === 'closed');
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen.map((incident) => incident.id)).size).toBe(seen.length);
    if (closedAt >= 0) {
      expect(seen.slice(closedAt).every((incident) => incident.status === 'closed')).toBe(true);
    }
    const open_ = (
      await t.call(engineerToken, 'GET', '/api/v1/incidents?open=true&limit=1000')
    ).json<{ items: IncidentView[] }>();
    expect(open_.items.every((incident) => incident.status !== 'closed')).toBe(true);
  });

  it('refuses bad input with a 400 naming the field, storing nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const noTitle = await t.call(engineerToken, 'POST', '/api/v1/incidents', { severity: 'minor' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.title');
    const unknownAsset = await t.call(engineerToken, 'POST', '/api/v1/incidents', {
      title: 'x',
      severity: 'minor',
      assets: ['no-such-asset'],
    });
    expect(unknownAsset.statusCode).toBe(400);
    expect(unknownAsset.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.assets.0');
    const badSeverity = await t.call(engineerToken, 'POST', '/api/v1/incidents', {
      title: 'x',
      severity: 'apocalyptic',
    });
    expect(badSeverity.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('records the on-call rota of a month', async () => {
    const shift = await t.call(engineerToken, 'POST', '/api/v1/on-call', {
      month: '2026-04',
      person: 'Jo Engineer',
      position: 'primary',
      from: '2026-04-01T00:00:00+02:00',
      to: '2026-04-15T00:00:00+02:00',
    });
    expect(shift.statusCode, shift.body).toBe(201);
    const backwards = await t.call(engineerToken, 'POST', '/api/v1/on-call', {
      month: '2026-04',
      person: 'Jo Engineer',
      position: 'backup',
      from: '2026-04-15T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    });
    expect(backwards.statusCode).toBe(400);
    const rota = (await t.call(engineerToken, 'GET', '/api/v1/on-call?month=2026-04')).json<{
      items: { person: string; position: string; from: string }[];
    }>();
    expect(rota.items).toEqual([
      expect.objectContaining({
        person: 'Jo Engineer',
        position: 'primary',
        from: '2026-03-31T22:00:00.000Z',
      }),
    ]);
  });
});
