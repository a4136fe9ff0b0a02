import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError } from '../../platform/errors.js';
import type { UserView } from './user.schema.js';
import { toUserView, userAuditView, userRepository } from './user.repository.js';

const SETUP_LINK_TTL_MS = 24 * 3_600_000;

export type FirstRunOutcome =
  | { kind: 'users-exist' }
  | { kind: 'bootstrapped'; email: string }
  | { kind: 'setup-link'; url: string; expiresAt: Date };

/**
 * At start: when nobody can sign in yet, either create the admin named in the environment (for
 * automation) or issue a one-time setup link for a person to create it.
 */
export async function prepareFirstRun(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<FirstRunOutcome> {
  if ((await userRepository.count(ctx.db)) > 0) return { kind: 'users-exist' };
  const bootstrap = ctx.config.bootstrapAdmin;
  if (bootstrap) {
    const passwordHash = await hashPassword(bootstrap.password);
    await mutate(ctx, systemActor, async (tx) => {
      const row = await userRepository.insert(tx.trx, {
        email: bootstrap.email,
        name: 'Administrator',
        role: 'admin',
        passwordHash,
        now: tx.now,
      });
      await tx.audit({
        action: 'user.bootstrapped',
        entityType: 'user',
        entityId: row.id,
        after: userAuditView(row),
      });
    });
    return { kind: 'bootstrapped', email: bootstrap.email };
  }
  const token = randomToken('setup_');
  const expiresAt = new Date(ctx.clock.now().getTime() + SETUP_LINK_TTL_MS);
  await mutate(ctx, systemActor, async (tx) => {
    await tx.trx
      .insertInto('setup_tokens')
      .values({ token_hash: sha256Hex(token), created_at: tx.now, expires_at: expiresAt })
      .execute();
    await tx.audit({
      action: 'setup.link_issued',
      entityType: 'setup',
      entityId: 'first-admin',
      after: { expiresAt },
    });
  });
  return {
    kind: 'setup-link',
    url: `${ctx.config.publicUrl}/setup?token=${encodeURIComponent(token)}`,
    expiresAt,
  };
}

export async function isSetupNeeded(ctx: Pick<AppContext, 'db'>): Promise<boolean> {
  return (await userRepository.count(ctx.db)) === 0;
}

/** Creates the first admin from the one-time setup link. The link works once, and only while no user exists. */
export async function completeSetup(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { token: string; email: string; name: string; password: string },
): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return mutate(ctx, systemActor, async (tx) => {
    const link = await tx.trx
      .selectFrom('setup_tokens')
      .selectAll()
      .where('token_hash', '=', sha256Hex(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!link || link.used_at !== null || link.expires_at <= tx.now) {
      throw new AppError(
        'forbidden',
        'This setup link is invalid, used or expired; restart the server for a new one',
      );
    }
    if ((await userRepository.count(tx.trx)) > 0)
      throw new AppError('conflict', 'Plumbline is already set up');
    await tx.trx
      .updateTable('setup_tokens')
      .set({ used_at: tx.now })
      .where('token_hash', '=', link.token_hash)
      .execute();
    const row = await userRepository.insert(tx.trx, {
      email: input.email,
      name: input.name,
      role: 'admin',
      passwordHash,
      now: tx.now,
    });
    await tx.audit({
      action: 'setup.completed',
      entityType: 'user',
      entityId: row.id,
      after: userAuditView(row),
    });
    return toUserView(row);
  });
}
