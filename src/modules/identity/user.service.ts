import { z } from 'zod';
import {
  decodeCursor,
  MAX_PAGE_LIMIT,
  pageFromRows,
  readAllPages,
  type Page,
  type PageQuery,
} from '../../platform/http/paging.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { AppError, notFound } from '../../platform/errors.js';
import { sessionRepository } from './session.repository.js';
import type { CreateUserInput, UpdateUserInput, UserView } from './user.schema.js';
import { toUserView, userAuditView, userRepository } from './user.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

/** Lists every account. */
const userCursor = z.tuple([z.string()]);

/** Users by e-mail address, a page at a time. */
export async function listUsers(
  ctx: Pick<AppContext, 'db'>,
  query: PageQuery,
): Promise<Page<UserView>> {
  const rows = await userRepository.page(ctx.db, {
    after: query.cursor ? decodeCursor(query.cursor, userCursor)[0] : undefined,
    limit: query.limit + 1,
  });
  return pageFromRows(rows, query.limit, (row) => [row.email], toUserView);
}

/** One user by id, or undefined when there is none. */
export async function findUserById(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<UserView | undefined> {
  const row = await userRepository.findById(ctx.db, id);
  return row ? toUserView(row) : undefined;
}

/** Every user, page after page: for use cases that need all of them. */
export function listAllUsers(ctx: Pick<AppContext, 'db'>): Promise<UserView[]> {
  return readAllPages((cursor) =>
    listUsers(ctx, { limit: MAX_PAGE_LIMIT, ...(cursor ? { cursor } : {}) }),
  );
}

/** Creates an account with an initial password the person changes after signing in. */
export async function createUser(
  ctx: Ctx,
  actor: Actor,
  input: CreateUserInput,
): Promise<UserView> {
  if (await userRepository.findByEmail(ctx.db, input.email)) {
    throw new AppError('conflict', `A user with e-mail ${input.email} already exists`, {
      issues: [{ path: 'body.email', message: 'is already used by another account' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  return mutate(ctx, actor, async (tx) => {
    const row = await userRepository.insert(tx.trx, { ...input, passwordHash, now: tx.now });
    await tx.audit({
      action: 'user.created',
      entityType: 'user',
      entityId: row.id,
      after: userAuditView(row),
    });
    return toUserView(row);
  });
}

/** Renames, changes the role of, or disables an account. Disabling ends its sessions. */
export async function updateUser(
  ctx: Ctx,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
): Promise<UserView> {
  const existing = await userRepository.findById(ctx.db, userId);
  if (!existing) throw notFound('User');
  if (
    actor.id === userId &&
    (input.disabled === true || (input.role && input.role !== existing.role))
  ) {
    throw new AppError('conflict', 'You cannot disable yourself or change your own role');
  }
  return mutate(ctx, actor, async (tx) => {
    const row = await userRepository.update(
      tx.trx,
      userId,
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabled_at: input.disabled ? tx.now : null } : {}),
      },
      tx.now,
    );
    if (input.disabled === true || input.role !== undefined)
      await sessionRepository.deleteForUser(tx.trx, userId);
    await tx.audit({
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      before: userAuditView(existing),
      after: userAuditView(row),
    });
    return toUserView(row);
  });
}

/** Clears a lost second factor; the person enrols again at next sign-in. */
export async function resetUserMfa(ctx: Ctx, actor: Actor, userId: string): Promise<UserView> {
  const existing = await userRepository.findById(ctx.db, userId);
  if (!existing) throw notFound('User');
  return mutate(ctx, actor, async (tx) => {
    const row = await userRepository.update(
      tx.trx,
      userId,
      {
        mfa_enabled: false,
        mfa_secret: null,
        mfa_pending_secret: null,
        mfa_last_step: null,
        recovery_code_hashes: '[]',
      },
      tx.now,
    );
    await sessionRepository.deleteForUser(tx.trx, userId);
    await tx.audit({
      action: 'user.mfa_reset',
      entityType: 'user',
      entityId: userId,
      before: userAuditView(existing),
      after: userAuditView(row),
    });
    return toUserView(row);
  });
}
