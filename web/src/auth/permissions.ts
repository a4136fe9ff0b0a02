// The server's policy module is pure (no I/O, no zod); importing it keeps one source of truth for
// which role may do what. The server enforces it regardless: the UI only hides what would fail.
import { can } from '../../../src/platform/auth/policy.js';
import { useSession } from '../api/identity.js';
import type { Permission, UserView } from '../api/types.js';

/** Whether the signed-in person's role holds the permission. */
export function useCan(): (permission: Permission) => boolean {
  const { data: session } = useSession();
  const role = session?.user?.role;
  return (permission) => (role ? can(role, permission) : false);
}

/** The signed-in person; only call below <RequireSession>. */
export function useCurrentUser(): UserView {
  const { data: session } = useSession();
  if (!session?.user) throw new Error('useCurrentUser needs a signed-in session');
  return session.user;
}
