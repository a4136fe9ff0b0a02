import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditorEngagementView } from '../../src/modules/identity/auditor-engagement.schema.js';
import type { PackJob } from '../../src/modules/packs/pack.schema.js';
import { totpCodeAt } from '../../src/platform/auth/totp.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  linkProcessTo,
  seedPackPeriod,
  storeRecoveryEvidence,
  waitForPack,
} from './packs.fixtures.js';

const PUBLIC_URL = 'https://plumbline.example.test';
const NEW_PASSWORD = 'a long auditor passphrase';
const MARCH = { framework: 'iso9001', from: '2026-03-01', to: '2026-03-31' };

type Method = 'GET' | 'POST';
interface Session {
  state: string;
  login: LightMyRequestResponse;
  call(method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

async function logIn(t: TestApp, email: string, password: string): Promise<Session> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const body = login.statusCode === 200 ? login.json<{ state: string; csrfToken: string }>() : null;
  return {
    login,
    state: body?.state ?? '',
    call: (method, url, payload) =>
      t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': body?.csrfToken ?? '' },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
  };
}

const errorCode = (response: LightMyRequestResponse) =>
  response.json<{ error: { code: string } }>().error.code;

describe('auditor engagements', () => {
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  const smtp = new SmtpTestServer();
  let t: TestApp;
  let admin: string;
  let evidenceId: string;
  let invited = 0;
  let workOrderId: string;
  let februaryEvidenceId: string;
  let marchPack: PackJob;
  let februaryPack: PackJob;

  /** An e-mail address no other test invites, so that each test can run alone. */
  const newAuditorEmail = () => `ext.auditor${(invited += 1)}@audit-firm.example`;

  const invite = (token: string, body: Record<string, unknown>) =>
    t.call(token, 'POST', '/api/v1/auditor-engagements', {
      email: newAuditorEmail(),
      name: 'Erin External',
      framework: 'iso9001',
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
      expiresAt: '2026-04-30T00:00:00Z',
      ...body,
    });

  /** The set-password token of the invitation e-mail sent to the address. */
  async function invitationTokenFor(email: string): Promise<string> {
    await deliverOutbox(t.ctx);
    const mail = smtp.received.find((m) => m.to.includes(email));
    const link = /https:\/\/plumbline\.example\.test\/auditor-invitation\?token=(\S+)/.exec(
      mail?.text ?? '',
    );
    expect(link, `invitation e-mail to ${email}`).not.toBeNull();
    return decodeURIComponent(link![1]!);
  }

  const acceptInvitation = (token: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auditor-invitations/accept',
      payload: { token, password: NEW_PASSWORD },
    });

  /**
   * An external auditor engaged for iso9001 in March, who has set a password, enrolled in MFA and
   * is signed in: the steps the invitation tests below take one by one.
   */
  async function engagedAuditor(body: Record<string, unknown> = {}): Promise<{
    engagement: AuditorEngagementView;
    email: string;
    auditor: Session;
    totpSecret: string;
  }> {
    const email = newAuditorEmail();
    const invitation = await invite(admin, { email, ...body });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const engagement = invitation.json<AuditorEngagementView>();
    expect((await acceptInvitation(await invitationTokenFor(email))).statusCode).toBe(200);
    const auditor = await logIn(t, email, NEW_PASSWORD);
    expect(auditor.state).toBe('enrol_required');
    const { secret: totpSecret } = (await auditor.call('POST', '/api/v1/auth/mfa/enrol')).json<{
      secret: string;
    }>();
    const confirm = await auditor.call('POST', '/api/v1/auth/mfa/confirm', {
      code: totpCodeAt(totpSecret, clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    return { engagement, email, auditor, totpSecret };
  }

  async function pack(period: typeof MARCH) {
    const requested = await t.call(admin, 'POST', '/api/v1/reports/packs', period);
    expect(requested.statusCode).toBe(202);
    return waitForPack(t, admin, requested.json<PackJob>().id);
  }

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      clock,
      // MFA is off for everyone here, and still required of the engaged auditor.
      env: {
        PLUMBLINE_SMTP_URL: smtp.url,
        PLUMBLINE_PUBLIC_URL: PUBLIC_URL,
        PLUMBLINE_REQUIRE_MFA: 'false',
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
      },
    });
    admin = await t.tokenFor('admin');
    const seeded = await seedPackPeriod(t, clock, admin);
    ({ evidenceId } = seeded);
    workOrderId = seeded.workOrder.id;
    await linkProcessTo(t, admin, 'web-1');
    februaryEvidenceId = (
      await storeRecoveryEvidence(t, Buffer.from('february log\n'), '2026-02-10T12:00:00Z')
    ).id;
    marchPack = await pack(MARCH);
    februaryPack = await pack({ ...MARCH, from: '2026-02-01', to: '2026-02-28' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('refuses malformed invitations with one issue per field', async () => {
    const missing = await t.call(admin, 'POST', '/api/v1/auditor-engagements', {
      framework: 'iso9001',
    });
    expect(missing.statusCode).toBe(400);
    const paths = missing.json<{ error: { issues: { path: string }[] } }>().error.issues;
    expect(paths.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.name', 'body.periodFrom', 'body.expiresAt']),
    );
    const cases: [Record<string, unknown>, string][] = [
      [{ periodTo: '2026-02-01' }, 'body.periodTo'],
      [{ expiresAt: '2026-04-01T00:00:00Z' }, 'body.expiresAt'],
      [{ expiresAt: '2026-12-31T00:00:00Z' }, 'body.expiresAt'],
      [{ startsAt: '2026-04-20T00:00:00Z', expiresAt: '2026-04-10T00:00:00Z' }, 'body.expiresAt'],
      [{ framework: 'no-such-framework' }, 'body.framework'],
    ];
    for (const [body, path] of cases) {
      const response = await invite(admin, body);
      expect({ body, status: response.statusCode, text: response.body }).toMatchObject({
        status: 400,
        text: expect.stringContaining(path) as string,
      });
    }
  });

  it('lets only admins invite', async () => {
    for (const role of ['quality', 'security', 'auditor'] as const) {
      expect((await invite(await t.tokenFor(role), {})).statusCode).toBe(403);
    }
    const engineer = await t.createUser('engineering');
    const taken = await invite(admin, { email: engineer.email });
    expect(taken.statusCode).toBe(409);
  });

  it('invites: account, engagement and an e-mail with a one-time set-password link', async () => {
    const email = newAuditorEmail();
    const response = await invite(admin, { email });
    expect(response.statusCode).toBe(201);
    const engagement = response.json<AuditorEngagementView>();
    expect(engagement).toMatchObject({
      email,
      framework: 'iso9001',
      periodFrom: '2026-03-01',
      periodTo: '2026-03-31',
      status: 'active',
      invitationAccepted: false,
    });
    await deliverOutbox(t.ctx);
    const mail = smtp.received.find((m) => m.to.includes(email));
    expect(mail?.subject).toContain('iso9001');
    expect(await invitationTokenFor(email)).toMatch(/\S/);
    // Nobody can sign in before the password is set.
    const early = await logIn(t, email, NEW_PASSWORD);
    expect(early.login.statusCode).toBe(401);
    const overlapping = await invite(admin, { email, framework: 'soc2' });
    expect(overlapping.statusCode).toBe(409);
  });

  it('sets the password once with the link, then requires MFA enrolment at sign-in', async () => {
    const email = newAuditorEmail();
    expect((await invite(admin, { email })).statusCode).toBe(201);
    const invitationToken = await invitationTokenFor(email);
    expect((await acceptInvitation('inv_wrong')).statusCode).toBe(403);
    const accepted = await acceptInvitation(invitationToken);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ email });
    expect((await acceptInvitation(invitationToken)).statusCode).toBe(403);

    const auditor = await logIn(t, email, NEW_PASSWORD);
    expect(auditor.state).toBe('enrol_required');
    const blocked = await auditor.call('GET', '/api/v1/assets');
    expect(blocked.statusCode).toBe(401);
    expect(errorCode(blocked)).toBe('mfa_required');
    const { secret: totpSecret } = (await auditor.call('POST', '/api/v1/auth/mfa/enrol')).json<{
      secret: string;
    }>();
    const confirm = await auditor.call('POST', '/api/v1/auth/mfa/confirm', {
      code: totpCodeAt(totpSecret, clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    const session = await auditor.call('GET', '/api/v1/auth/session');
    expect(session.json()).toMatchObject({
      authenticated: true,
      state: 'active',
      engagement: { framework: 'iso9001', periodFrom: '2026-03-01', periodTo: '2026-03-31' },
    });
  });

  it('reads posture and effectiveness within the period, and is refused outside it', async () => {
    const { auditor } = await engagedAuditor();
    const inPeriod = await auditor.call('GET', '/api/v1/posture?at=2026-03-15T12:00:00Z');
    expect(inPeriod.statusCode).toBe(200);
    expect((await auditor.call('GET', '/api/v1/posture')).statusCode).toBe(200);
    const before = await auditor.call('GET', '/api/v1/posture?at=2026-02-15T12:00:00Z');
    expect(before.statusCode).toBe(403);
    expect(errorCode(before)).toBe('outside_engagement');
    const effectiveness = '/api/v1/reports/effectiveness?framework=iso9001';
    expect(
      (await auditor.call('GET', `${effectiveness}&from=2026-03-01&to=2026-03-31`)).statusCode,
    ).toBe(200);
    const otherPeriod = await auditor.call('GET', `${effectiveness}&from=2026-02-01&to=2026-03-31`);
    expect(otherPeriod.statusCode).toBe(403);
    expect(otherPeriod.body).toContain('2026-03-01 to 2026-03-31');
    const otherFramework = await auditor.call(
      'GET',
      '/api/v1/reports/effectiveness?framework=soc2&from=2026-03-01&to=2026-03-31',
    );
    expect(otherFramework.statusCode).toBe(403);
    expect(errorCode(otherFramework)).toBe('outside_engagement');
  });

  it('walks a process and exports OSCAL only for the engagement, refused outside it', async () => {
    const { auditor } = await engagedAuditor();
    const walkthrough = '/api/v1/processes/customer-portal/walkthrough';
    const inPeriod = await auditor.call('GET', `${walkthrough}?from=2026-03-01&to=2026-03-31`);
    expect(inPeriod.statusCode).toBe(200);
    expect(inPeriod.json<{ process: { key: string } }>().process.key).toBe('customer-portal');
    const otherPeriod = await auditor.call('GET', `${walkthrough}?from=2026-02-01&to=2026-02-28`);
    expect(otherPeriod.statusCode).toBe(403);
    expect(errorCode(otherPeriod)).toBe('outside_engagement');

    const oscal = '/api/v1/reports/oscal';
    const results = await auditor.call(
      'GET',
      `${oscal}?framework=iso9001&from=2026-03-01&to=2026-03-31`,
    );
    expect(results.statusCode).toBe(200);
    expect(Object.keys(results.json<Record<string, unknown>>())).toEqual(['assessment-results']);
    const inventory = await auditor.call('GET', `${oscal}?framework=iso9001&model=inventory`);
    expect(inventory.statusCode).toBe(200);
    const otherFramework = await auditor.call('GET', `${oscal}?framework=soc2&model=inventory`);
    expect(otherFramework.statusCode).toBe(403);
    const february = await auditor.call(
      'GET',
      `${oscal}?framework=iso9001&from=2026-02-01&to=2026-02-28`,
    );
    expect(february.statusCode).toBe(403);
    expect(errorCode(february)).toBe('outside_engagement');
  });

  it("sees only the engagement's packs, and may request one only within it", async () => {
    const { auditor } = await engagedAuditor();
    const listed = (await auditor.call('GET', '/api/v1/reports/packs')).json<{
      items: PackJob[];
    }>();
    // The March pack, and any pack another test's auditor requested within March: never February.
    expect(listed.items.map((p) => p.id)).toContain(marchPack.id);
    expect(listed.items.map((p) => p.id)).not.toContain(februaryPack.id);
    expect(
      listed.items.every(
        (p) => p.framework === 'iso9001' && p.from >= '2026-03-01' && p.to <= '2026-03-31',
      ),
    ).toBe(true);
    expect((await auditor.call('GET', `/api/v1/reports/packs/${februaryPack.id}`)).statusCode).toBe(
      403,
    );
    const february = await auditor.call('GET', `/api/v1/reports/packs/${februaryPack.id}/download`);
    expect(february.statusCode).toBe(403);
    const march = await auditor.call('GET', `/api/v1/reports/packs/${marchPack.id}/download`);
    expect(march.statusCode).toBe(200);
    expect(march.headers['content-type']).toBe('application/zip');
    const outside = await auditor.call('POST', '/api/v1/reports/packs', {
      ...MARCH,
      to: '2026-04-02',
    });
    expect(outside.statusCode).toBe(403);
    const inside = await auditor.call('POST', '/api/v1/reports/packs', {
      ...MARCH,
      from: '2026-03-10',
    });
    expect(inside.statusCode).toBe(202);
    await waitForPack(t, admin, inside.json<PackJob>().id);
  });

  it('downloads evidence of the period only, and lists records of the period only', async () => {
    const { auditor } = await engagedAuditor();
    const inPeriod = await auditor.call('GET', `/api/v1/evidence/${evidenceId}/download`);
    expect(inPeriod.statusCode).toBe(200);
    const outside = await auditor.call('GET', `/api/v1/evidence/${februaryEvidenceId}/download`);
    expect(outside.statusCode).toBe(403);
    expect(errorCode(outside)).toBe('outside_engagement');
    const occurrences = (await auditor.call('GET', '/api/v1/occurrences')).json<{
      items: { dueAt: string }[];
    }>().items;
    const all = (await t.call(admin, 'GET', '/api/v1/occurrences')).json<{
      items: { dueAt: string }[];
    }>().items;
    expect(occurrences.length).toBeGreaterThan(0);
    expect(occurrences.length).toBeLessThan(all.length);
    expect(occurrences.every((o) => o.dueAt >= '2026-02-28T23' && o.dueAt < '2026-04-01')).toBe(
      true,
    );
    expect((await auditor.call('GET', '/api/v1/work-orders')).statusCode).toBe(200);
  });

  it('reads the register, and nothing outside the allowlist', async () => {
    const { auditor } = await engagedAuditor();
    for (const url of [
      '/api/v1/assets',
      '/api/v1/processes',
      '/api/v1/matrix',
      '/api/v1/suppliers',
    ]) {
      expect({ url, status: (await auditor.call('GET', url)).statusCode }).toEqual({
        url,
        status: 200,
      });
    }
    for (const url of [
      '/api/v1/users',
      '/api/v1/tokens',
      '/api/v1/audit/events',
      '/api/v1/notifications',
      '/api/v1/auditor-engagements',
    ]) {
      const response = await auditor.call('GET', url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 403 });
    }
    expect(errorCode(await auditor.call('GET', '/api/v1/audit/events'))).toBe('outside_engagement');
  });

  it("reads an asset's history only as recorded in the period, the rest not even counted", async () => {
    const { auditor } = await engagedAuditor();
    type History = { items: { action: string; occurredAt: string; entityType: string }[] };
    const url = '/api/v1/assets/web-1/history';
    const whole = (await t.call(admin, 'GET', url)).json<History>().items;
    // web-1 was created in March and linked to a process on 5 April.
    expect(whole.map((event) => event.action)).toEqual(
      expect.arrayContaining(['asset.created', 'matrix_row.created']),
    );
    const response = await auditor.call('GET', url);
    expect(response.statusCode).toBe(200);
    const seen = response.json<History>().items;
    expect(seen.map((event) => event.action)).toContain('asset.created');
    expect(seen.length).toBeLessThan(whole.length);
    expect(
      seen.every(
        (event) => event.occurredAt >= '2026-02-28T23' && event.occurredAt < '2026-03-31T22',
      ),
    ).toBe(true);
    expect(seen.some((event) => event.entityType === 'matrix_row')).toBe(false);
    expect((await auditor.call('GET', '/api/v1/assets/no-such-asset/history')).statusCode).toBe(
      404,
    );
    // Another spelling of the same request: the scope follows the matched route.
    const encoded = await auditor.call('GET', '/api/v1/assets/web%2D1/history?');
    expect(encoded.json<History>().items).toEqual(seen);
  });

  it('records every view and download in the audit chain, which still verifies', async () => {
    const { auditor, engagement } = await engagedAuditor();
    expect((await auditor.call('GET', '/api/v1/posture?at=2026-03-15T12:00:00Z')).statusCode).toBe(
      200,
    );
    expect((await auditor.call('GET', `/api/v1/evidence/${evidenceId}/download`)).statusCode).toBe(
      200,
    );
    for (const id of [marchPack.id, februaryPack.id]) {
      await auditor.call('GET', `/api/v1/reports/packs/${id}/download`);
    }
    const rows = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('actor_id', '=', engagement.userId)
      .where('action', 'in', ['auditor.viewed', 'auditor.downloaded'])
      .orderBy('seq')
      .execute();
    type Viewed = { route: string; query: Record<string, string> };
    const entries = rows.map((row) => ({
      action: row.action,
      ...((typeof row.after === 'string' ? JSON.parse(row.after) : row.after) as Viewed),
    }));
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'auditor.viewed',
        route: '/api/v1/posture',
        query: expect.objectContaining({ at: '2026-03-15T12:00:00Z' }) as unknown,
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'auditor.downloaded',
        route: '/api/v1/evidence/:id/download',
      }),
    );
    expect(entries.filter((e) => e.route === '/api/v1/reports/packs/:id/download')).toHaveLength(2);
    const verify = await t.call(admin, 'GET', '/api/v1/audit/verify');
    expect(verify.json()).toMatchObject({ valid: true });
  });

  it('revokes: the sessions end and sign-in is refused', async () => {
    const second = await invite(admin, { email: 'second@audit-firm.example' });
    expect(second.statusCode).toBe(201);
    const { id, userId } = second.json<AuditorEngagementView>();
    await deliverOutbox(t.ctx);
    const mail = smtp.received.find((m) => m.to.includes('second@audit-firm.example'));
    const token = decodeURIComponent(/token=(\S+)/.exec(mail?.text ?? '')![1]!);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auditor-invitations/accept',
      payload: { token, password: NEW_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    const signingIn = await logIn(t, 'second@audit-firm.example', NEW_PASSWORD);
    expect(signingIn.state).toBe('enrol_required');
    const revoked = await t.call(admin, 'POST', `/api/v1/auditor-engagements/${id}/revoke`);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    const sessions = await t.ctx.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', userId)
      .execute();
    expect(sessions).toEqual([]);
    const refused = await logIn(t, 'second@audit-firm.example', NEW_PASSWORD);
    expect(refused.login.json()).toMatchObject({
      error: { code: 'engagement_inactive', details: { reason: 'revoked' } },
    });
    const again = await t.call(admin, 'POST', `/api/v1/auditor-engagements/${id}/revoke`);
    expect(again.statusCode).toBe(409);
    const listed = (await t.call(admin, 'GET', '/api/v1/auditor-engagements')).json<{
      items: AuditorEngagementView[];
    }>();
    expect(listed.items.find((e) => e.id === id)?.status).toBe('revoked');
    expect(listed.items.filter((e) => e.id !== id).every((e) => e.status !== 'revoked')).toBe(true);
  });

  it('ends the sessions of an existing auditor account it invites, so MFA applies at once', async () => {
    const internal = await t.createUser('auditor', 'internal.auditor@example.test');
    const before = await logIn(t, internal.email, internal.password);
    expect(before.state).toBe('active');
    expect((await before.call('GET', '/api/v1/assets')).statusCode).toBe(200);
    const invited = await invite(admin, { email: internal.email });
    expect(invited.statusCode).toBe(201);
    expect((await before.call('GET', '/api/v1/assets')).statusCode).toBe(401);
    const again = await logIn(t, internal.email, internal.password);
    expect(again.state).toBe('enrol_required');
  });

  it('shows on a work order only the evidence uploaded within the period', async () => {
    const { auditor } = await engagedAuditor();
    // A second file of the same work order, uploaded after the period ended.
    await t.ctx.db
      .insertInto('evidence_attachments')
      .columns([
        'occurrence_id',
        'record_type',
        'record_id',
        'sha256',
        'size_bytes',
        'content_type',
        'filename',
        'storage_key',
        'uploaded_by',
        'uploaded_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('evidence_attachments')
          .select([
            'occurrence_id',
            'record_type',
            'record_id',
            'sha256',
            'size_bytes',
            'content_type',
            eb.val('april-follow-up.txt').as('filename'),
            'storage_key',
            'uploaded_by',
            eb.val(new Date('2026-04-10T09:00:00Z')).as('uploaded_at'),
          ])
          .where('id', '=', evidenceId),
      )
      .execute();
    const url = `/api/v1/work-orders/${workOrderId}`;
    type Detail = { evidence: { filename: string }[] };
    const asAdmin = (await t.call(admin, 'GET', url)).json<Detail>().evidence;
    expect(asAdmin.map((e) => e.filename)).toContain('april-follow-up.txt');
    const asAuditor = await auditor.call('GET', url);
    expect(asAuditor.statusCode).toBe(200);
    const names = asAuditor.json<Detail>().evidence.map((e) => e.filename);
    expect(names.length).toBe(asAdmin.length - 1);
    expect(names).not.toContain('april-follow-up.txt');
  });

  it('ends every call and the session at expiry', async () => {
    // An engagement of its own ending on 20 April, earlier than the others' 30 April; the clock
    // goes back afterwards to where the other tests expect it.
    const {
      auditor: first,
      engagement,
      email,
      totpSecret,
    } = await engagedAuditor({
      expiresAt: '2026-04-20T00:00:00Z',
    });
    expect((await first.call('GET', '/api/v1/assets')).statusCode).toBe(200);
    const before = clock.now().toISOString();
    try {
      // A session opened an hour before the end.
      clock.set('2026-04-19T23:00:00Z');
      const auditor = await logIn(t, email, NEW_PASSWORD);
      expect(auditor.state).toBe('mfa_pending');
      const verified = await auditor.call('POST', '/api/v1/auth/mfa/verify', {
        code: totpCodeAt(totpSecret, clock.now()),
      });
      expect(verified.statusCode).toBe(200);
      expect((await auditor.call('GET', '/api/v1/assets')).statusCode).toBe(200);
      clock.set('2026-04-20T00:00:00Z');
      const expired = await auditor.call('GET', '/api/v1/assets');
      expect(expired.statusCode).toBe(403);
      expect(expired.json()).toMatchObject({
        error: { code: 'engagement_inactive', details: { reason: 'expired' } },
      });
      const sessions = await t.ctx.db
        .selectFrom('sessions')
        .select('id_hash')
        .where('user_id', '=', engagement.userId)
        .execute();
      expect(sessions).toEqual([]);
      expect((await auditor.call('GET', '/api/v1/assets')).statusCode).toBe(401);
      const relogin = await logIn(t, email, NEW_PASSWORD);
      expect(relogin.login.statusCode).toBe(403);
      expect(errorCode(relogin.login)).toBe('engagement_inactive');
      const view = await t.call(admin, 'GET', `/api/v1/auditor-engagements/${engagement.id}`);
      expect(view.json()).toMatchObject({ status: 'expired', invitationAccepted: true });
    } finally {
      clock.set(before);
    }
  });
});
