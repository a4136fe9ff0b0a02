import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { scim, scimToken } from './accounts.fixtures.js';

interface ScimUser {
  id: string;
  meta: { location: string };
}
interface ScimList {
  totalResults: number;
}

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** Okta's create request (Okta SCIM 2.0 guide: "Create the user"). */
function oktaUser(userName: string, extra: Record<string, unknown> = {}) {
  const [given, family] = userName.split('@')[0]!.split('.');
  return {
    schemas: [USER],
    userName,
    name: { givenName: given, familyName: family ?? 'Example' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${given} ${family ?? 'Example'}`,
    locale: 'en-US',
    externalId: `00u${userName.length}abcdEFGH`,
    groups: [],
    password: 'never-stored-1!',
    active: true,
    ...extra,
  };
}

/** Entra ID's create request (Entra SCIM tutorial, "Create User" request). */
function entraUser(userName: string) {
  return {
    schemas: [USER, ENTERPRISE],
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
    title: 'Engineer',
    [ENTERPRISE]: { department: 'Platform', employeeNumber: '1701' },
    roles: [],
  };
}

/** The story of the first user an identity provider creates: the people register holds only them. */
async function probeThenCreateTheFirstUser(t: TestApp, token: string): Promise<void> {
  const probe = await scim(
    t,
    token,
    'GET',
    '/Users?filter=userName%20eq%20%22ada.lovelace%40example.test%22&startIndex=1&count=100',
  );
  expect(probe.statusCode, probe.body).toBe(200);
  expect(probe.headers['content-type']).toContain('application/scim+json');
  expect(probe.json()).toEqual({
    schemas: [LIST],
    totalResults: 0,
    startIndex: 1,
    itemsPerPage: 0,
    Resources: [],
  });

  const created = await scim(t, token, 'POST', '/Users', oktaUser('ada.lovelace@example.test'));
  expect(created.statusCode, created.body).toBe(201);
  const user = created.json<ScimUser>();
  expect(user).toMatchObject({
    schemas: [USER, ENTERPRISE],
    userName: 'ada.lovelace@example.test',
    active: true,
    displayName: 'ada lovelace',
    emails: [{ value: 'ada.lovelace@example.test', primary: true }],
    meta: { resourceType: 'User' },
  });
  expect(created.headers.location).toBe(user.meta.location);
  expect(JSON.stringify(user)).not.toContain('never-stored');

  const found = await scim(
    t,
    token,
    'GET',
    '/Users?filter=userName eq "ADA.LOVELACE@example.test"',
  );
  expect(found.json()).toMatchObject({ totalResults: 1, Resources: [{ id: user.id }] });
  const byId = await scim(t, token, 'GET', `/Users/${user.id}`);
  expect(byId.json()).toMatchObject({ id: user.id, userName: 'ada.lovelace@example.test' });

  const people = await t.call(await t.tokenFor('security'), 'GET', '/api/v1/people');
  expect(people.json<{ items: unknown[] }>().items).toEqual([
    expect.objectContaining({
      email: 'ada.lovelace@example.test',
      source: 'scim',
      status: 'active',
    }),
  ]);
}

describe('SCIM 2.0 provisioning (/scim/v2/Users)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await scimToken(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers Okta and Entra ID probes (filter userName eq) with an empty list, then creates the user', async () => {
    // It asserts the whole people register: its own app, whichever users other stories created.
    const own = await createTestApp();
    try {
      await probeThenCreateTheFirstUser(own, await scimToken(own));
    } finally {
      await own.close();
    }
  });

  it('refuses a second user with the same userName (409 uniqueness, SCIM error format)', async () => {
    await scim(t, token, 'POST', '/Users', oktaUser('twice.only@example.test'));
    const again = await scim(t, token, 'POST', '/Users', oktaUser('twice.only@example.test'));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
      detail: expect.any(String) as string,
    });
  });

  it('creates an Entra ID user with its enterprise extension (department, title)', async () => {
    const created = await scim(t, token, 'POST', '/Users', entraUser('grace.hopper@example.test'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      displayName: 'Grace Hopper',
      title: 'Engineer',
      [ENTERPRISE]: { department: 'Platform' },
    });
  });

  it('replaces a user (PUT) with what Okta sends on a profile change', async () => {
    const { id } = (
      await scim(t, token, 'POST', '/Users', oktaUser('put.me@example.test'))
    ).json<ScimUser>();
    const replaced = await scim(t, token, 'PUT', `/Users/${id}`, {
      ...oktaUser('put.me@example.test'),
      id,
      displayName: 'Put Me Renamed',
      title: 'Staff Engineer',
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      id,
      displayName: 'Put Me Renamed',
      title: 'Staff Engineer',
      active: true,
    });
  });

  it("deactivates with Okta's PATCH shape (path-less replace of active: false)", async () => {
    const { id } = (
      await scim(t, token, 'POST', '/Users', oktaUser('okta.leaver@example.test'))
    ).json<ScimUser>();
    const patched = await scim(t, token, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ id, active: false });
    const person = await t.call(await t.tokenFor('security'), 'GET', `/api/v1/people/${id}`);
    expect(person.json()).toMatchObject({ status: 'left', leftAt: expect.any(String) as string });
  });

  it('deactivates with Entra ID\'s PATCH shape ("Replace", path active, value "False")', async () => {
    const { id } = (
      await scim(t, token, 'POST', '/Users', entraUser('entra.leaver@example.test'))
    ).json<ScimUser>();
    const patched = await scim(t, token, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ active: false });
  });

  it('applies Entra ID attribute patches: paths, emails[type eq "work"].value and path-less values', async () => {
    const { id } = (
      await scim(t, token, 'POST', '/Users', entraUser('entra.mover@example.test'))
    ).json<ScimUser>();
    const patched = await scim(t, token, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Replace',
          path: 'emails[type eq "work"].value',
          value: 'entra.mover@corp.example.test',
        },
        { op: 'Replace', path: 'name.familyName', value: 'Mover' },
        {
          op: 'Add',
          value: { title: 'Security Engineer', [`${ENTERPRISE}:department`]: 'Security' },
        },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      emails: [{ value: 'entra.mover@corp.example.test' }],
      title: 'Security Engineer',
      [ENTERPRISE]: { department: 'Security' },
    });
  });

  it('refuses a malformed PATCH and an unsupported filter in the SCIM error format', async () => {
    const { id } = (
      await scim(t, token, 'POST', '/Users', oktaUser('bad.patch@example.test'))
    ).json<ScimUser>();
    const noOps = await scim(t, token, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'frobnicate' }],
    });
    expect(noOps.statusCode).toBe(400);
    expect(noOps.json()).toMatchObject({
      schemas: [ERROR],
      status: '400',
      scimType: 'invalidSyntax',
    });
    const filter = await scim(t, token, 'GET', '/Users?filter=name.familyName%20co%20%22x%22');
    expect(filter.statusCode).toBe(400);
    expect(filter.json()).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter' });
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      payload: '{"userName":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ schemas: [ERROR], status: '400' });
    const missing = await scim(t, token, 'GET', '/Users/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ schemas: [ERROR], status: '404' });
  });

  it('deletes a user: gone from SCIM (404), kept in the register as a leaver', async () => {
    const { id } = (
      await scim(t, token, 'POST', '/Users', oktaUser('deleted.user@example.test'))
    ).json<ScimUser>();
    const deleted = await scim(t, token, 'DELETE', `/Users/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await scim(t, token, 'GET', `/Users/${id}`)).statusCode).toBe(404);
    const listed = await scim(
      t,
      token,
      'GET',
      '/Users?filter=userName eq "deleted.user@example.test"',
    );
    expect(listed.json<ScimList>().totalResults).toBe(0);
    const person = await t.call(await t.tokenFor('security'), 'GET', `/api/v1/people/${id}`);
    expect(person.json()).toMatchObject({ status: 'left' });
  });

  it('is refused to every token but the scim role, and to anonymous callers, in the SCIM error format', async () => {
    const anonymous = await scim(t, null, 'GET', '/Users');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ schemas: [ERROR], status: '401' });
    const writer = await createApiToken(t.ctx, systemActor, {
      name: 'backup-job',
      role: 'backup-writer',
    });
    for (const other of [await t.tokenFor('security'), await t.tokenFor('viewer'), writer.token]) {
      const refused = await scim(t, other, 'POST', '/Users', oktaUser('intruder@example.test'));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ schemas: [ERROR], status: '403' });
    }
    const listed = await scim(t, token, 'GET', '/Users?filter=userName eq "intruder@example.test"');
    expect(listed.json<ScimList>().totalResults).toBe(0);
  });

  it('keeps the scim token out of the API', async () => {
    const response = await t.call(token, 'GET', '/api/v1/people');
    expect(response.statusCode).toBe(403);
  });
});
