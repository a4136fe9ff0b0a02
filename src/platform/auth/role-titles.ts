import type { UserRole } from './roles.js';

/**
 * Each person's role as people read it: in calendar events and e-mails written by the server, and
 * in the web's labels (web/src/components/labels.ts), so both say the same words. No zod here: the
 * web's first page imports this file.
 */
export const ROLE_TITLES: Record<UserRole, string> = {
  admin: 'Admin',
  quality: 'Quality',
  engineering: 'Engineering',
  security: 'Security',
  auditor: 'Auditor',
  viewer: 'Viewer',
};

/** The title of a role stored as text (an owner role); a key that is no role reads as itself. */
export function roleTitle(role: string): string {
  return Object.hasOwn(ROLE_TITLES, role) ? ROLE_TITLES[role as UserRole] : role;
}
