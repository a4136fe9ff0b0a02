import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline sso link and unlink', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  const issuer = 'https://idp.example.test';
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    // The provider is read at the first sign-in only: linking needs none to be reachable.
    t = await createTestApp({
      env: {
        PLUMBLINE_OIDC_ISSUER: issuer,
        PLUMBLINE_OIDC_CLIENT_ID: 'plumbline',
        PLUMBLINE_OIDC_CLIENT_SECRET: 'a-secret',
        PLUMBLINE_OIDC_ROLE_MAPPING: 'admins=admin',
      },
    });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  it('links a user by e-mail to a subject at the provider, and unlinks it', async () => {
    const user = await t.createUser('engineering', 'dana@example.test');
    const linked = await as(
      admin,
      '--json',
      'sso',
      'link',
      'Dana@example.test',
      '--subject',
      'd-42',
    );
    expect(linked.code, linked.stderr).toBe(0);
    expect(JSON.parse(linked.stdout)).toMatchObject({ userId: user.id, issuer, subject: 'd-42' });
    const stored = await t.ctx.db
      .selectFrom('sso_identities')
      .select(['issuer', 'subject'])
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toEqual([{ issuer, subject: 'd-42' }]);

    const unlinked = await as(admin, 'sso', 'unlink', 'dana@example.test');
    expect(unlinked.code, unlinked.stderr).toBe(0);
    expect(unlinked.stdout).toContain('Unlinked dana@example.test');
    const again = await as(admin, 'sso', 'unlink', 'dana@example.test');
    expect(again.code).toBe(3);
  });

  it('names an unknown e-mail address, and refuses a non-admin', async () => {
    const unknown = await as(admin, 'sso', 'link', 'nobody@example.test', '--subject', 'x');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('No user with e-mail nobody@example.test');
    const engineer = await t.tokenFor('engineering');
    const refused = await as(engineer, 'sso', 'link', 'nobody@example.test', '--subject', 'x');
    expect(refused.code).toBe(3);
  });
});
