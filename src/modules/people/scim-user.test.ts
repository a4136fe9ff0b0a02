import { describe, expect, it } from 'vitest';
import {
  applyScimPatch,
  parseScimFilter,
  personFieldsFromScim,
  SCIM_ENTERPRISE_SCHEMA,
  SCIM_PATCH_SCHEMA,
  ScimError,
} from './scim-user.js';

const kept = { startDate: null, endDate: null };
const noManager = () => null;

describe('SCIM users', () => {
  it('reads the e-mail, name, title and department a provider sends', () => {
    const fields = personFieldsFromScim(
      {
        userName: 'Grace.Hopper@Example.test',
        name: { givenName: 'Grace', familyName: 'Hopper' },
        emails: [
          { value: 'home@example.test', type: 'home' },
          { value: 'grace@example.test', type: 'work', primary: 'True' },
        ],
        title: 'Engineer',
        active: 'False',
        [SCIM_ENTERPRISE_SCHEMA]: { department: 'Platform', manager: { value: 'm-1' } },
      },
      (id) => (id === 'm-1' ? 'boss@example.test' : null),
      kept,
    );
    expect(fields).toMatchObject({
      userName: 'grace.hopper@example.test',
      email: 'grace@example.test',
      name: 'Grace Hopper',
      jobTitle: 'Engineer',
      department: 'Platform',
      managerEmail: 'boss@example.test',
      active: false,
    });
  });

  it('refuses a user without any e-mail, and an active that is not a boolean', () => {
    expect(() => personFieldsFromScim({ userName: 'no-mail' }, noManager, kept)).toThrow(ScimError);
    expect(() =>
      personFieldsFromScim({ userName: 'a@example.test', active: 'perhaps' }, noManager, kept),
    ).toThrow(ScimError);
  });

  it('applies remove, dotted and case-insensitive paths, leaving the original untouched', () => {
    const original = { userName: 'a@example.test', title: 'SRE', name: { givenName: 'A' } };
    const patched = applyScimPatch(original, {
      schemas: [SCIM_PATCH_SCHEMA],
      Operations: [
        { op: 'Remove', path: 'title' },
        { op: 'replace', path: 'name.familyName', value: 'Archer' },
        { op: 'add', path: 'DisplayName', value: 'Alice Archer' },
      ],
    });
    expect(patched).toEqual({
      userName: 'a@example.test',
      name: { givenName: 'A', familyName: 'Archer' },
      displayName: 'Alice Archer',
    });
    expect(original.title).toBe('SRE');
  });

  it('parses only the userName and externalId equality filters', () => {
    expect(parseScimFilter('userName eq "a\\"b@example.test"')).toEqual({
      attribute: 'userName',
      value: 'a"b@example.test',
    });
    expect(parseScimFilter('EXTERNALID EQ "x"')).toEqual({ attribute: 'externalId', value: 'x' });
    expect(parseScimFilter(undefined)).toBeNull();
    expect(() => parseScimFilter('userName sw "a"')).toThrow(ScimError);
  });
});
