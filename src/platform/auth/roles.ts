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

/**
 * Roles only a machine token may carry: narrow scopes for jobs, never given to a person.
 * `backup-writer` may post backup runs and nothing else (docs/backups.md); `alert-writer` may post
 * monitoring alerts (Alertmanager's or Grafana's webhook) and nothing else (docs/incidents.md);
 * `scim` may provision people through the SCIM endpoint and nothing else
 * (docs/access-management.md).
 */
export const TOKEN_ONLY_ROLES = ['backup-writer', 'alert-writer', 'scim'] as const;
export type TokenOnlyRole = (typeof TOKEN_ONLY_ROLES)[number];

/** Roles a machine token may carry: any person's role, or a token-only role. */
export const TOKEN_ROLES = [...USER_ROLES, ...TOKEN_ONLY_ROLES] as const;
export const tokenRoleSchema = z.enum(TOKEN_ROLES).describe('Role a machine token acts with');
export type TokenRole = (typeof TOKEN_ROLES)[number];

export type Role = TokenRole;

/** Roles for which MFA is required by default (PLUMBLINE_REQUIRE_MFA). */
export const MFA_REQUIRED_ROLES: ReadonlySet<Role> = new Set<Role>(['admin', 'security']);
