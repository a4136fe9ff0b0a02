import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { accountsFixture, createSystem, upload } from './accounts.fixtures.js';
import { signedInPerson } from '../support/factory.js';

describe('access request rejection', () => {
  let t: TestApp;
  let security: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    security = await t.tokenFor('security');
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(people.statusCode, people.body).toBe(200);
    await createSystem(t, security, 'billing');
  });
  afterAll(async () => {
    await t.close();
  });

  it('rejects a request by a second person with an e-signature and the reason, after which it can be neither approved nor granted', async () => {
    const requester = await signedInPerson(t, 'security');
    const reviewer = await signedInPerson(t, 'security');
    const created = await requester.call('POST', '/api/v1/access-requests', {
      person: 'bob@example.test',
      asset: 'billing',
      role: 'admin',
      justification: 'Wants to look around',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();

    const own = await requester.call('POST', `/api/v1/access-requests/${id}/reject`, {
      password: TEST_PASSWORD,
      reason: 'Changed my mind',
    });
    expect(own.statusCode).toBe(409);
    expect(own.json<ErrorBody>().error.message).toContain(
      'cannot be rejected by the person who made it',
    );
    const noReason = await reviewer.call('POST', `/api/v1/access-requests/${id}/reject`, {
      password: TEST_PASSWORD,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.reason');
    const byToken = await t.call(security, 'POST', `/api/v1/access-requests/${id}/reject`, {
      password: TEST_PASSWORD,
      reason: 'Too broad',
    });
    expect(byToken.statusCode).toBe(403);

    const rejected = await reviewer.call('POST', `/api/v1/access-requests/${id}/reject`, {
      password: TEST_PASSWORD,
      reason: 'Admin is more than the work needs: request the viewer role',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectedBy: expect.stringContaining(reviewer.email) as string,
      rejectionReason: 'Admin is more than the work needs: request the viewer role',
      rejectionSignatureId: expect.any(String) as string,
      abilities: { approve: { allowed: false }, reject: { allowed: false } },
    });
    const approve = await reviewer.call('POST', `/api/v1/access-requests/${id}/approve`, {
      password: TEST_PASSWORD,
    });
    expect(approve.statusCode).toBe(409);
    const grant = await t.call(security, 'POST', `/api/v1/access-requests/${id}/grant`);
    expect(grant.statusCode).toBe(409);
    expect(grant.json<ErrorBody>().error.message).toContain('rejected');
    const listed = await t.call(security, 'GET', '/api/v1/access-requests?status=rejected');
    expect(listed.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toEqual([id]);
  });
});
