import type { AppContext } from '../../platform/context.js';
import { USER_ROLES, type UserRole } from '../../platform/auth/roles.js';
import { listActiveUserEmailsByRole } from '../identity/list-user-emails-by-role.js';
import type { Recipient } from './notification-texts.js';

function isUserRole(role: string): role is UserRole {
  return (USER_ROLES as readonly string[]).includes(role);
}

/** The active people of each role named (unknown role names have nobody). */
export async function recipientsByRole(
  ctx: Pick<AppContext, 'db'>,
  roles: readonly string[],
): Promise<Map<string, Recipient[]>> {
  const byRole = new Map<string, Recipient[]>();
  for (const role of new Set(roles)) {
    const people = isUserRole(role) ? await listActiveUserEmailsByRole(ctx, role) : [];
    byRole.set(
      role,
      people.map((person) => ({ ...person, role })),
    );
  }
  return byRole;
}
