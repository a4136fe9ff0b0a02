import type { AppContext } from '../../platform/context.js';
import type { Role } from '../../platform/auth/roles.js';
import { userRepository } from './user.repository.js';

/** Who to notify for a role: the e-mail addresses of its enabled accounts, by address. */
export async function listActiveUserEmailsByRole(
  ctx: Pick<AppContext, 'db'>,
  role: Role,
): Promise<{ email: string; name: string }[]> {
  return (await userRepository.activeByRole(ctx.db, role)).map((user) => ({
    email: user.email,
    name: user.name,
  }));
}
