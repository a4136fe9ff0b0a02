import { z } from 'zod';

/** People's roles. `auditor` is read-only everywhere; `viewer` reads the register only. */
export const USER_ROLES = [
  'admin',
  'quality',
  'engineering',
  'security',
  'auditor',
  'viewer',
] as const;
export const userRoleSchema = z.enum(USER_ROLES).describe('Role of a person');
export type UserRole = (typeof USER_ROLES)[number];

/** Roles a machine token may carry: any person's role. */
export const TOKEN_ROLES = USER_ROLES;
export const tokenRoleSchema = z.enum(TOKEN_ROLES).describe('Role a machine token acts with');

export type Role = UserRole;

/** Roles for which MFA is required by default (PLUMBLINE_REQUIRE_MFA). */
export const MFA_REQUIRED_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'security']);
