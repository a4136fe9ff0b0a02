import { z } from 'zod';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../platform/time/supported-instants.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { tokenRoleSchema } from '../../platform/auth/roles.js';
import { randomToken, sha256Hex } from '../../platform/crypto/secrets.js';
import { AppError, notFound } from '../../platform/errors.js';
import { apiTokenRepository } from './api-token.repository.js';

export const apiTokenViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: tokenRoleSchema,
  prefix: z.string().describe('First characters of the token, to recognise it'),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof apiTokenViewSchema>;

export const createApiTokenBodySchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  role: tokenRoleSchema,
  expiresAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO date-time' })
    .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE)
    .optional(),
});

type TokenRow = NonNullable<Awaited<ReturnType<typeof apiTokenRepository.findById>>>;

function toView(row: TokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ApiTokenView['role'],
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function listApiTokens(ctx: Pick<AppContext, 'db'>): Promise<ApiTokenView[]> {
  return (await apiTokenRepository.list(ctx.db)).map(toView);
}

/** Creates a machine token. The secret is returned this once; only its hash is stored. */
export async function createApiToken(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: z.infer<typeof createApiTokenBodySchema>,
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const token = randomToken('plb_');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= ctx.clock.now()) {
    throw new AppError('validation_failed', 'The expiry must be in the future', {
      issues: [{ path: 'body.expiresAt', message: 'must be in the future' }],
    });
  }
  return mutate(ctx, actor, async (tx) => {
    const row = await apiTokenRepository.insert(tx.trx, {
      name: input.name,
      role: input.role,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 10),
      createdBy: actor.type === 'user' ? actor.id : null,
      now: tx.now,
      expiresAt,
    });
    const view = toView(row);
    await tx.audit({
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      after: view,
    });
    return { token, apiToken: view };
  });
}

export async function revokeApiToken(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<ApiTokenView> {
  const existing = await apiTokenRepository.findById(ctx.db, id);
  if (!existing) throw notFound('API token');
  if (existing.revoked_at) return toView(existing);
  return mutate(ctx, actor, async (tx) => {
    const row = await apiTokenRepository.revoke(tx.trx, id, tx.now);
    await tx.audit({
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: toView(existing),
      after: toView(row),
    });
    return toView(row);
  });
}
