import type { Role } from '../auth/roles.js';

/** Who performed an action: a signed-in person, a machine token, or Plumbline itself. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string | null;
  /** Human-readable name kept in the audit trail even if the user is later renamed. */
  label: string;
  role: Role;
}

export const systemActor: Actor = { type: 'system', id: null, label: 'plumbline', role: 'admin' };
