import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountView,
  ImportAccountsResult,
} from '../../src/modules/accounts/account.schema.js';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import { FixedClock } from '../../src/platform/clock.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { accountsFixture, createSystem, scim, scimToken, upload } from './accounts.fixtures.js';

const HOUR = 3_600_000;
const PEOPLE_HEADER = 'email,name,department,job_title,manager_email,status,start_date,end_date';
const ACCOUNTS_HEADER = 'username,email,roles,privileged,mfa_enabled,disabled,last_login';

describe('accounts per system, revocation clocks, MFA and access requests', () => {
  let t: TestApp;
  let clock: FixedClock;
  let security: string;
  let viewer: string;
  let systems = 0;

  /** A new system for one test, so that each test stands alone. */
  async function newSystem(): Promise<string> {
    systems += 1;
    const key = `system-${systems}`;
    await createSystem(t, security, key);
    return key;
  }

  function ingest(
    asset: string,
    format: string,
    body: Buffer | string,
    takenAt?: string,
  ): Promise<LightMyRequestResponse> {
    const at = takenAt ? `&takenAt=${encodeURIComponent(takenAt)}` : '';
    return upload(
      t,
      security,
      `/api/v1/accounts/import?asset=${asset}&format=${format}${at}`,
      body,
    );
  }

  async function ingestOk(asset: string, format: string, body: Buffer | string, takenAt?: string) {
    const response = await ingest(asset, format, body, takenAt);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ImportAccountsResult>();
  }

  async function accounts(
    asset: string,
    includeRemoved = false,
  ): Promise<Map<string, AccountView>> {
    const response = await t.call(
      security,
      'GET',
      `/api/v1/accounts?asset=${asset}&includeRemoved=${includeRemoved}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return new Map(response.json<{ items: AccountView[] }>().items.map((a) => [a.username, a]));
  }

  async function importPeople(csv: string) {
    const response = await upload(
      t,
      security,
      '/api/v1/people/import',
      `${PEOPLE_HEADER}\n${csv}\n`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Record<string, number>>();
  }

  async function personId(email: string): Promise<string> {
    const row = await t.ctx.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function clocksOf(email: string) {
    const response = await t.call(
      security,
      'GET',
      `/api/v1/people/${await personId(email)}/revocation-clocks`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{
      items: {
        outcome: string | null;
        stoppedAt: string | null;
        startedAt: string;
        occurrenceId: string | null;
        reason: string;
      }[];
    }>().items;
  }

  async function occurrenceStatus(id: string): Promise<string> {
    const response = await t.call(security, 'GET', `/api/v1/occurrences/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ status: string }>().status;
  }

  async function countAccounts(): Promise<number> {
    const { n } = await t.ctx.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  beforeAll(async () => {
    clock = new FixedClock('2026-12-01T10:00:00Z');
    t = await createTestApp({ clock, env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    security = await t.tokenFor('security');
    viewer = await t.tokenFor('viewer');
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(people.statusCode, people.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('ingests the IAM credential report as AWS writes it: root row, N/A and no_information values', async () => {
    const asset = await newSystem();
    const result = await ingestOk(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report.csv'),
      '2026-12-01T09:00:00Z',
    );
    expect(result).toMatchObject({
      received: 4,
      created: 4,
      updated: 0,
      alreadyRecorded: 0,
      removed: 0,
      snapshotRecorded: true,
      takenAt: '2026-12-01T09:00:00.000Z',
    });
    const listed = await accounts(asset);
    expect(listed.get('<root_account>')).toMatchObject({
      privileged: true,
      mfaEnabled: true,
      disabled: false,
      personId: null,
      lastLoginAt: '2026-11-30T08:01:12.000Z',
    });
    expect(listed.get('alice@example.test')).toMatchObject({
      personEmail: 'alice@example.test',
      mfaEnabled: true,
      lastLoginAt: '2026-12-01T07:45:03.000Z',
      flags: { unrequested: true, leaverStillActive: false, privilegedWithoutMfa: false },
    });
    expect(listed.get('bob@example.test')).toMatchObject({
      mfaEnabled: false,
      lastLoginAt: null,
      disabled: false,
    });
    expect(listed.get('deploy-bot')).toMatchObject({
      email: null,
      disabled: false,
      lastLoginAt: '2026-12-01T03:00:00.000Z',
    });
  });

  it('is idempotent: the same snapshot again stores nothing, the same content later changes nothing', async () => {
    const asset = await newSystem();
    const report = accountsFixture('iam-credential-report.csv');
    await ingestOk(asset, 'aws-iam-credential-report', report, '2026-12-01T09:00:00Z');
    const again = await ingestOk(
      asset,
      'aws-iam-credential-report',
      report,
      '2026-12-01T09:00:00Z',
    );
    expect(again).toMatchObject({
      received: 4,
      created: 0,
      updated: 0,
      alreadyRecorded: 4,
      removed: 0,
      snapshotRecorded: false,
    });
    const later = await ingestOk(
      asset,
      'aws-iam-credential-report',
      report,
      '2026-12-01T09:30:00Z',
    );
    expect(later).toMatchObject({
      created: 0,
      updated: 0,
      alreadyRecorded: 4,
      removed: 0,
      snapshotRecorded: true,
    });
    const older = await ingest(asset, 'aws-iam-credential-report', report, '2026-11-30T09:00:00Z');
    expect(older.statusCode).toBe(409);
  });

  it('records accounts missing from the next report as removed at its time, and disabled ones', async () => {
    const asset = await newSystem();
    await ingestOk(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report.csv'),
      '2026-12-01T09:00:00Z',
    );
    const next = await ingestOk(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report-bob-removed.csv'),
      '2026-12-01T09:45:00Z',
    );
    expect(next).toMatchObject({
      received: 3,
      created: 0,
      updated: 1,
      alreadyRecorded: 2,
      removed: 1,
    });
    const listed = await accounts(asset, true);
    expect(listed.get('bob@example.test')).toMatchObject({ removedAt: '2026-12-01T09:45:00.000Z' });
    expect(listed.get('deploy-bot')).toMatchObject({
      disabled: true,
      disabledSince: '2026-12-01T09:45:00.000Z',
    });
    expect((await accounts(asset)).has('bob@example.test')).toBe(false);
  });

  it('refuses a malformed, truncated or empty report naming the line, and stores nothing', async () => {
    const asset = await newSystem();
    const before = await countAccounts();
    const malformed = await ingest(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report-malformed.csv'),
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ErrorBody>().error.issues).toEqual([
      { path: 'line 4: mfa_active', message: expect.stringContaining('maybe') as string },
    ]);
    const truncated = await ingest(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report-truncated.csv'),
    );
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json<ErrorBody>().error.message).toContain('line 4');
    const empty = await ingest(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report-empty.csv'),
    );
    expect(empty.statusCode).toBe(400);
    const wrongFormat = await ingest(
      asset,
      'aws-iam-credential-report',
      accountsFixture('accounts.csv'),
    );
    expect(wrongFormat.statusCode).toBe(400);
    expect(wrongFormat.json<ErrorBody>().error.message).toContain('missing required column');
    const badQuery = await ingest(asset, 'ldap', 'x');
    expect(badQuery.statusCode).toBe(400);
    expect(await countAccounts()).toBe(before);
  });

  it('imports the account CSV, and only security may import or read people', async () => {
    const asset = await newSystem();
    const result = await ingestOk(asset, 'csv', accountsFixture('accounts.csv'));
    expect(result).toMatchObject({ received: 3, created: 3, privilegedWithoutMfa: [] });
    const listed = await accounts(asset);
    expect(listed.get('admin-carol')).toMatchObject({
      roles: ['admin', 'billing'],
      privileged: true,
      personEmail: 'carol@example.test',
    });
    expect(listed.get('erin@example.test')).toMatchObject({
      mfaEnabled: null,
      email: 'erin@example.test',
      personId: null,
    });
    expect(
      (
        await upload(
          t,
          viewer,
          `/api/v1/accounts/import?asset=${asset}&format=csv`,
          accountsFixture('accounts.csv'),
        )
      ).statusCode,
    ).toBe(403);
    expect((await t.call(viewer, 'GET', '/api/v1/people')).statusCode).toBe(403);
  });

  it('meets the leaver clock when a snapshot within 24 hours shows the account removed', async () => {
    clock.set('2026-12-03T10:00:00Z');
    const asset = await newSystem();
    await importPeople(
      'met.leaver@example.test,Met Leaver,Sales,Account manager,,active,2025-01-01,',
    );
    await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nmet.leaver@example.test,,crm-user,false,true,false,\nkeeper,,crm-admin,true,true,false,\n`,
      '2026-12-03T09:00:00Z',
    );
    // The end date was yesterday: they left at the end of it (midnight, Europe/Berlin).
    const left = await importPeople(
      'met.leaver@example.test,Met Leaver,Sales,Account manager,,active,2025-01-01,2026-12-02',
    );
    expect(left).toMatchObject({ left: 1, clocksStarted: 1 });
    let [started] = await clocksOf('met.leaver@example.test');
    expect(started).toMatchObject({
      reason: 'leaver',
      startedAt: '2026-12-02T23:00:00.000Z',
      outcome: null,
    });
    expect((await accounts(asset)).get('met.leaver@example.test')?.flags.leaverStillActive).toBe(
      true,
    );
    clock.set('2026-12-04T08:00:00Z');
    const removed = await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nkeeper,,crm-admin,true,true,false,\n`,
      '2026-12-03T20:00:00Z',
    );
    expect(removed).toMatchObject({ removed: 1, clocksStopped: 1 });
    [started] = await clocksOf('met.leaver@example.test');
    expect(started).toMatchObject({ outcome: 'met', stoppedAt: '2026-12-03T20:00:00.000Z' });
    expect(await occurrenceStatus(started!.occurrenceId!)).toBe('verified');
  });

  it('misses the leaver clock when the first snapshot showing the account disabled is later than 24 hours', async () => {
    clock.set('2026-12-05T10:00:00Z');
    const asset = await newSystem();
    const idp = await scimToken(t, 'okta-missed');
    const user = await scim(t, idp, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'late.leaver@example.test',
      emails: [{ value: 'late.leaver@example.test', primary: true }],
      active: true,
    });
    expect(user.statusCode, user.body).toBe(201);
    await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nlate.leaver@example.test,,admin,true,true,false,\n`,
      '2026-12-05T09:00:00Z',
    );
    clock.set('2026-12-05T12:00:00Z');
    const off = await scim(t, idp, 'PATCH', `/Users/${user.json<{ id: string }>().id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.statusCode, off.body).toBe(200);
    clock.set('2026-12-06T15:00:00Z');
    await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nlate.leaver@example.test,,admin,true,true,true,\n`,
      '2026-12-06T14:00:00Z',
    );
    const [missed] = await clocksOf('late.leaver@example.test');
    expect(missed).toMatchObject({
      reason: 'leaver',
      startedAt: '2026-12-05T12:00:00.000Z',
      stoppedAt: '2026-12-06T14:00:00.000Z',
      outcome: 'missed',
    });
    expect(await occurrenceStatus(missed!.occurrenceId!)).toBe('overdue');
    clock.set(new Date(Date.parse('2026-12-06T12:00:00Z') + 8 * 24 * HOUR));
    expect(await occurrenceStatus(missed!.occurrenceId!)).toBe('missed');
  });

  it('meets the role-change clock when the roles are adjusted within 24 hours', async () => {
    clock.set('2026-12-07T10:00:00Z');
    const asset = await newSystem();
    await importPeople('mover@example.test,Mo Ver,Platform,SRE,,active,2024-01-01,');
    await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nmover@example.test,,admin,true,true,false,\n`,
      '2026-12-07T09:00:00Z',
    );
    const moved = await importPeople(
      'mover@example.test,Mo Ver,Finance,Controller,,active,2024-01-01,',
    );
    expect(moved).toMatchObject({ roleChanged: 1, clocksStarted: 1 });
    clock.set('2026-12-07T18:00:00Z');
    await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nmover@example.test,,viewer,false,true,false,\n`,
      '2026-12-07T17:00:00Z',
    );
    const [clockRow] = await clocksOf('mover@example.test');
    expect(clockRow).toMatchObject({
      reason: 'mover',
      outcome: 'met',
      stoppedAt: '2026-12-07T17:00:00.000Z',
    });
  });

  it('starts a clock per account of every leaver and mover of one import, each audited, and one snapshot stops them', async () => {
    clock.set('2026-12-10T10:00:00Z');
    const asset = await newSystem();
    const other = await newSystem();
    const names = ['one', 'two', 'three'];
    const person = (name: string, department: string, status: string) =>
      `bulk.${name}@example.test,Bulk ${name},${department},SRE,,${status},2024-01-01,`;
    await importPeople(names.map((name) => person(name, 'Ops', 'active')).join('\n'));
    const listing = (disabled: (name: string) => boolean) =>
      `${ACCOUNTS_HEADER}\n${names
        .map((name) => `bulk.${name}@example.test,,ops,false,true,${disabled(name)},`)
        .join('\n')}\n`;
    await ingestOk(
      asset,
      'csv',
      listing(() => false),
      '2026-12-10T09:00:00Z',
    );
    await ingestOk(
      other,
      'csv',
      listing(() => false),
      '2026-12-10T09:00:00Z',
    );

    const changed = await importPeople(
      [
        person('one', 'Ops', 'left'),
        person('two', 'Ops', 'left'),
        person('three', 'Finance', 'active'),
      ].join('\n'),
    );
    expect(changed).toMatchObject({ left: 2, roleChanged: 1, clocksStarted: 6 });
    const clocks = await t.ctx.db
      .selectFrom('revocation_clocks')
      .innerJoin('people', 'people.id', 'revocation_clocks.person_id')
      .select(['revocation_clocks.id', 'people.email', 'revocation_clocks.reason'])
      .where('people.email', 'like', 'bulk.%')
      .execute();
    expect(clocks).toHaveLength(6);
    const auditOf = (action: string) =>
      t.ctx.db
        .selectFrom('audit_events')
        .select(['entity_id', 'after'])
        .where('action', '=', action)
        .where(
          'entity_id',
          'in',
          clocks.map((row) => row.id),
        )
        .execute();
    const startedEntries = await auditOf('revocation-clock.started');
    expect(startedEntries.map((entry) => entry.entity_id).sort()).toEqual(
      clocks.map((row) => row.id).sort(),
    );
    expect(startedEntries.find((entry) => entry.entity_id === clocks[0]!.id)?.after).toMatchObject({
      reason: clocks[0]!.reason,
      person: expect.stringContaining(clocks[0]!.email) as string,
      startedAt: '2026-12-10T10:00:00.000Z',
      dueAt: '2026-12-11T10:00:00.000Z',
    });

    clock.set('2026-12-10T18:00:00Z');
    const stopped = await ingestOk(
      asset,
      'csv',
      listing((name) => name !== 'three'),
      '2026-12-10T17:00:00Z',
    );
    // The mover's account is untouched: their clock runs on.
    expect(stopped).toMatchObject({ clocksStopped: 2 });
    const stoppedEntries = await auditOf('revocation-clock.stopped');
    expect(stoppedEntries).toHaveLength(2);
    for (const entry of stoppedEntries) {
      expect(entry.after).toMatchObject({
        outcome: 'met',
        hours: 7,
        stoppedAt: '2026-12-10T17:00:00.000Z',
      });
    }
    for (const email of ['bulk.one@example.test', 'bulk.two@example.test']) {
      // One on each system: the snapshot stopped the one on its own system only.
      const rows = await clocksOf(email);
      const met = rows.filter((row) => row.outcome === 'met');
      expect(met).toEqual([expect.objectContaining({ stoppedAt: '2026-12-10T17:00:00.000Z' })]);
      expect(rows.filter((row) => row.outcome === null)).toHaveLength(1);
      expect(await occurrenceStatus(met[0]!.occurrenceId!)).toBe('verified');
    }
    expect((await clocksOf('bulk.three@example.test')).map((row) => row.outcome)).toEqual([
      null,
      null,
    ]);
  });

  it('fails the MFA control while a privileged account has no MFA, and meets it once all have', async () => {
    clock.set('2026-12-08T10:00:00Z');
    const asset = await newSystem();
    await generateOccurrences(t.ctx, {
      from: new Date('2026-12-01T00:00:00Z'),
      until: new Date('2027-01-01T00:00:00Z'),
    });
    const failing = await ingestOk(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report-root-without-mfa.csv'),
      '2026-12-08T09:00:00Z',
    );
    expect(failing).toMatchObject({
      privilegedWithoutMfa: ['<root_account>'],
      mfaOccurrenceSatisfied: false,
    });
    expect((await accounts(asset)).get('<root_account>')?.flags.privilegedWithoutMfa).toBe(true);
    const fixed = await ingestOk(
      asset,
      'aws-iam-credential-report',
      accountsFixture('iam-credential-report.csv'),
      '2026-12-08T09:30:00Z',
    );
    expect(fixed).toMatchObject({ privilegedWithoutMfa: [], mfaOccurrenceSatisfied: true });
  });

  it('approves an access request only by a second person with an e-signature, then clears the unrequested flag', async () => {
    clock.set('2026-12-09T10:00:00Z');
    const asset = await newSystem();
    const requesterUser = await t.createUser('security');
    const approverUser = await t.createUser('security');
    const session = async (email: string) => {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: TEST_PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
      const { csrfToken } = login.json<{ csrfToken: string }>();
      return (url: string, payload: unknown) =>
        t.app.inject({
          method: 'POST',
          url,
          cookies: { [SESSION_COOKIE]: cookie },
          headers: { 'x-csrf-token': csrfToken },
          payload: payload as Record<string, unknown>,
        });
    };
    const requester = await session(requesterUser.email);
    const approver = await session(approverUser.email);
    await ingestOk(
      asset,
      'csv',
      `${ACCOUNTS_HEADER}\nalice@example.test,,developer,false,true,false,\n`,
      '2026-12-09T09:00:00Z',
    );
    expect((await accounts(asset)).get('alice@example.test')?.flags.unrequested).toBe(true);

    const created = await requester('/api/v1/access-requests', {
      person: 'alice@example.test',
      asset,
      role: 'developer',
      justification: 'Deploys the payments service',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    const own = await requester(`/api/v1/access-requests/${id}/approve`, {
      password: TEST_PASSWORD,
    });
    expect(own.statusCode).toBe(409);
    expect(own.json<ErrorBody>().error.message).toContain(
      'cannot be approved by the person who made it',
    );
    const wrongPassword = await approver(`/api/v1/access-requests/${id}/approve`, {
      password: 'not the password',
    });
    expect(wrongPassword.statusCode).toBe(401);
    const approved = await approver(`/api/v1/access-requests/${id}/approve`, {
      password: TEST_PASSWORD,
      note: 'Least privilege: developer only',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approvedBy: expect.stringContaining(approverUser.email) as string,
      approvalSignatureId: expect.any(String) as string,
    });
    clock.set('2026-12-09T11:00:00Z');
    const granted = await t.call(security, 'POST', `/api/v1/access-requests/${id}/grant`);
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({
      status: 'granted',
      grantedAt: '2026-12-09T11:00:00.000Z',
    });
    expect((await accounts(asset)).get('alice@example.test')?.flags.unrequested).toBe(false);
    const occurrence = await t.call(
      security,
      'GET',
      '/api/v1/occurrences?control=access-request-approval',
    );
    expect(occurrence.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ status: 'verified' }),
    ]);
  });
});
