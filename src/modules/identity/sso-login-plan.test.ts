import { describe, expect, it } from 'vitest';
import type { UserRow } from '../../platform/db/schema.js';
import { planSsoLogin } from './sso-login-plan.js';
import { groupsFromClaims, roleForGroups } from './sso-role-mapping.js';

const MAPPING = [
  { group: 'admins', role: 'admin' as const },
  { group: 'engineers', role: 'engineering' as const },
];

const linked = (role: string, disabled = false) =>
  ({ id: 'u1', role, disabled_at: disabled ? new Date() : null }) as UserRow;

const newcomer = {
  linkedUser: undefined,
  email: 'new@example.test',
  name: 'New Person',
  emailTaken: false,
  jitCreation: true,
};

describe('single sign-on role mapping', () => {
  it('takes the first mapping the person is a member of', () => {
    expect(roleForGroups(MAPPING, ['engineers', 'admins'])).toBe('admin');
    expect(roleForGroups(MAPPING, ['engineers'])).toBe('engineering');
    expect(roleForGroups(MAPPING, ['everyone'])).toBeNull();
  });

  it('reads the groups claim as an array or one string, and nothing else', () => {
    expect(groupsFromClaims({ groups: ['a', 3, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsFromClaims({ roles: 'a' }, 'roles')).toEqual(['a']);
    expect(groupsFromClaims({ groups: { a: true } }, 'groups')).toEqual([]);
    expect(groupsFromClaims({}, 'groups')).toEqual([]);
  });
});

describe('planning a single sign-on', () => {
  it('refuses groups that map to no role, even for a linked user', () => {
    expect(planSsoLogin({ ...newcomer, role: null })).toEqual({
      kind: 'refuse',
      reason: 'no_role',
    });
    expect(planSsoLogin({ ...newcomer, role: null, linkedUser: linked('admin') })).toEqual({
      kind: 'refuse',
      reason: 'no_role',
    });
  });

  it('signs a linked user in, with a role change when their groups changed', () => {
    expect(
      planSsoLogin({ ...newcomer, role: 'admin', linkedUser: linked('engineering') }),
    ).toMatchObject({
      kind: 'sign_in',
      role: 'admin',
      roleChanged: true,
    });
    expect(planSsoLogin({ ...newcomer, role: 'admin', linkedUser: linked('admin') })).toMatchObject(
      {
        kind: 'sign_in',
        roleChanged: false,
      },
    );
    expect(planSsoLogin({ ...newcomer, role: 'admin', linkedUser: linked('admin', true) })).toEqual(
      { kind: 'refuse', reason: 'account_disabled' },
    );
  });

  it('creates a newcomer just in time, unless that is off or their e-mail is missing or taken', () => {
    expect(planSsoLogin({ ...newcomer, role: 'engineering' })).toEqual({
      kind: 'create',
      email: 'new@example.test',
      name: 'New Person',
      role: 'engineering',
    });
    expect(planSsoLogin({ ...newcomer, role: 'engineering', jitCreation: false })).toEqual({
      kind: 'refuse',
      reason: 'not_provisioned',
    });
    expect(planSsoLogin({ ...newcomer, role: 'engineering', email: null })).toEqual({
      kind: 'refuse',
      reason: 'no_email',
    });
    expect(planSsoLogin({ ...newcomer, role: 'engineering', emailTaken: true })).toEqual({
      kind: 'refuse',
      reason: 'email_taken',
    });
  });
});
