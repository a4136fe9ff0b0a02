import { AppError } from '../errors.js';
import type { Role } from './roles.js';

/**
 * Every permission Plumbline knows. Each route names exactly one; a route that names none cannot
 * be registered (see http/access.ts), so authorisation is deny by default.
 */
export const PERMISSIONS = [
  'register:read',
  'register:write',
  'register:import',
  'review:manage',
  'review:respond',
  'users:manage',
  'tokens:manage',
  'audit:read',
  'catalog:read',
  'catalog:manage',
  'work:read',
  'work:perform',
  'work:verify',
  'work:assign',
  'comments:write',
  'events:record',
  'posture:read',
  'reports:read',
  'nonconformance:manage',
  'notifications:read',
  'backups:read',
  'backups:write',
  'backups:manage',
  'alerts:write',
  'alerts:read',
  'incidents:read',
  'incidents:manage',
  'incidents:decide',
  'changes:read',
  'changes:manage',
  'people:read',
  'people:manage',
  'accounts:read',
  'accounts:import',
  'access:request',
  'access:approve',
  'access-reviews:manage',
  'access-reviews:decide',
  'scim:provision',
  'documents:read',
  'documents:manage',
  'documents:sign',
  'training:read',
  'training:complete',
  'suppliers:review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What an auditor may see: everything, changing nothing. */
const READ_ONLY: Permission[] = [
  'register:read',
  'audit:read',
  'catalog:read',
  'work:read',
  'posture:read',
  'reports:read',
  'notifications:read',
  'backups:read',
  'alerts:read',
  'incidents:read',
  'changes:read',
  'people:read',
  'accounts:read',
  'documents:read',
  'training:read',
];
/** The people who run the programme: edit the register, do and verify the work. */
const PRACTITIONER: Permission[] = [
  'register:read',
  'register:write',
  'register:import',
  'review:respond',
  'audit:read',
  'catalog:read',
  'work:read',
  'work:perform',
  'work:verify',
  // Handing work to a person (themselves included) and commenting on it: whoever does the work.
  'work:assign',
  'comments:write',
  'events:record',
  'posture:read',
  'backups:read',
  'backups:manage',
  'alerts:read',
  'incidents:read',
  'incidents:manage',
  'changes:read',
  'changes:manage',
  'accounts:read',
  'access:request',
  // Deciding is further limited to the system's owner or a delegate (access-reviews module).
  'access-reviews:decide',
  'documents:read',
  'documents:sign',
  'training:complete',
];

/** The single source of truth for who may do what. */
const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  quality: new Set<Permission>([
    ...PRACTITIONER,
    'review:manage',
    'catalog:manage',
    'reports:read',
    'nonconformance:manage',
    'notifications:read',
    'incidents:decide',
    'people:read',
    'documents:manage',
    'training:read',
    // Quality reviews suppliers' reports and certificates and signs the decision.
    'suppliers:review',
  ]),
  engineering: new Set<Permission>(PRACTITIONER),
  // Security owns access management: the people register, account snapshots, approvals.
  security: new Set<Permission>([
    ...PRACTITIONER,
    'reports:read',
    'people:read',
    'people:manage',
    'accounts:import',
    'access:approve',
    'access-reviews:manage',
  ]),
  auditor: new Set<Permission>(READ_ONLY),
  viewer: new Set<Permission>(['register:read', 'catalog:read', 'backups:read']),
  // A backup job's token: it posts runs and can read nothing, not even what it posted.
  'backup-writer': new Set<Permission>(['backups:write']),
  // Alertmanager's or Grafana's token: it posts alerts and can read nothing.
  'alert-writer': new Set<Permission>(['alerts:write']),
  // An identity provider's provisioning token (Okta, Entra ID): the SCIM endpoint and nothing else.
  scim: new Set<Permission>(['scim:provision']),
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Throws `forbidden` unless the role holds the permission. */
export function authorize(role: Role, permission: Permission): void {
  if (!can(role, permission)) {
    throw new AppError('forbidden', `Your role (${role}) does not allow ${permission}`);
  }
}
