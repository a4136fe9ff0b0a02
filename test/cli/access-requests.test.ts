import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequestView } from '../../src/modules/accounts/access-request.schema.js';
import { accountsFixture, createSystem, upload } from '../api/accounts.fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline access-requests', () => {
  let t: TestApp;
  let url: string;
  let security: string;
  let viewer: string;
  let approverEmail: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);
  const asApprover = (...argv: string[]) =>
    plumbline(['--url', url, ...argv], { PLUMBLINE_PASSWORD: TEST_PASSWORD });
  const create = async (person: string, role: string) => {
    const created = await as(
      security,
      '--json',
      'access-requests',
      'create',
      '--person',
      person,
      '--asset',
      'billing',
      '--role',
      role,
      '--justification',
      'On-call for the billing service',
    );
    expect(created.code, created.stderr).toBe(0);
    return JSON.parse(created.stdout) as AccessRequestView;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    security = await t.tokenFor('security');
    viewer = await t.tokenFor('viewer');
    approverEmail = (await t.createUser('security')).email;
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(people.statusCode, people.body).toBe(200);
    await createSystem(t, security, 'billing');
  });
  afterAll(() => t.close());

  it('requests, approves by signature and grants access, and lists and shows it', async () => {
    const request = await create('alice@example.test', 'operator');
    expect(request).toMatchObject({ status: 'requested', person: 'alice@example.test' });

    const approved = await asApprover(
      'access-requests',
      'approve',
      request.id,
      '--email',
      approverEmail,
      '--note',
      'Least privilege: operator only',
    );
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain('Approved: Access request');
    expect(approved.stdout).toContain(`approved by `);

    const granted = await as(security, '--json', 'access-requests', 'grant', request.id);
    expect(granted.code, granted.stderr).toBe(0);
    expect(JSON.parse(granted.stdout)).toMatchObject({ status: 'granted' });

    const listed = await as(security, 'access-requests', 'list', '--status', 'granted');
    expect(listed.stdout).toMatch(new RegExp(`${request.id}\\s+alice@example.test\\s+billing`));
    const shown = await as(security, 'access-requests', 'show', request.id);
    expect(shown.stdout).toContain('alice@example.test to billing as operator');
    expect(shown.stdout).toContain('granted by');
  });

  it('rejects by signature, only with a reason, after which the access cannot be granted', async () => {
    const request = await create('bob@example.test', 'admin');
    const noReason = await asApprover(
      'access-requests',
      'reject',
      request.id,
      '--email',
      approverEmail,
    );
    expect(noReason.code).toBe(2);
    const rejected = await asApprover(
      '--json',
      'access-requests',
      'reject',
      request.id,
      '--email',
      approverEmail,
      '--reason',
      'Admin is more than the work needs',
    );
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Admin is more than the work needs',
    });
    const grant = await as(security, 'access-requests', 'grant', request.id);
    expect(grant.code).not.toBe(0);
    expect(grant.stderr).toContain('rejected');
  });

  it('names the bad field of a malformed request, and refuses a role without access', async () => {
    const bad = await as(
      security,
      'access-requests',
      'create',
      '--person',
      'nobody@example.test',
      '--asset',
      'billing',
      '--role',
      'viewer',
      '--justification',
      'x',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('nobody@example.test');
    expect((await as(viewer, 'access-requests', 'list')).code).not.toBe(0);
  });
});
