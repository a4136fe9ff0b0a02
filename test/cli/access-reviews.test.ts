import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystem, upload } from '../api/accounts.fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

const ACCOUNTS = [
  'username,email,roles,privileged,mfa_enabled,disabled,last_login',
  'alice,,admin,true,true,false,',
  'bob,,developer,false,true,false,',
  'carol,,developer,false,true,false,',
].join('\n');

describe('plumbline access-reviews', () => {
  let t: TestApp;
  let url: string;
  let security: string;
  let ownerEmail: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    security = await t.tokenFor('security');
    ownerEmail = (await t.createUser('security')).email;
    await createSystem(t, security, 'crm');
    const ingested = await upload(
      t,
      security,
      '/api/v1/accounts/import?asset=crm&format=csv',
      `${ACCOUNTS}\n`,
    );
    expect(ingested.statusCode, ingested.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts, decides, shows and signs a review, and lists it', async () => {
    const started = await as(security, '--json', 'access-reviews', 'start', '--asset', 'crm');
    expect(started.code, started.stderr).toBe(0);
    const campaign = JSON.parse(started.stdout) as { id: string; progress: { total: number } };
    expect(campaign.progress.total).toBe(3);

    const revoke = await as(
      security,
      'access-reviews',
      'decide',
      campaign.id,
      'bob',
      '--decision',
      'revoke',
      '--comment',
      'Left the sales team',
    );
    // The token's role (security) owns the system: it may decide, but never sign.
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.stdout).toContain('Decided 1 account(s): revoke. 1 of 3 decided.');
    const rest = await as(
      security,
      '--json',
      'access-reviews',
      'decide',
      campaign.id,
      '--all-pending',
      '--decision',
      'keep',
      '--comment',
      'Still needed',
    );
    expect(JSON.parse(rest.stdout)).toMatchObject({ decided: 2, progress: { pending: 0 } });
    const both = await as(
      security,
      'access-reviews',
      'decide',
      campaign.id,
      'bob',
      '--all-pending',
      '--decision',
      'keep',
      '--comment',
      'x',
    );
    expect(both.code).toBe(2);

    const shown = await as(security, 'access-reviews', 'show', campaign.id, '--decision', 'revoke');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Left the sales team');
    expect(shown.stdout).not.toContain('alice');

    const noPassword = await as(
      security,
      'access-reviews',
      'sign',
      campaign.id,
      '--email',
      ownerEmail,
    );
    expect(noPassword.code).toBe(2);
    const signed = await plumbline(
      [
        '--url',
        url,
        '--json',
        'access-reviews',
        'sign',
        campaign.id,
        '--email',
        ownerEmail,
        '--note',
        'Q4 done',
      ],
      { PLUMBLINE_PASSWORD: TEST_PASSWORD },
    );
    expect(signed.code, signed.stderr).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({
      status: 'signed',
      signedBy: expect.stringContaining(ownerEmail) as string,
    });

    const listed = await as(security, 'access-reviews', 'list', '--asset', 'crm');
    expect(listed.stdout).toMatch(/crm\s+\S+\s+signed/);
  });
});
