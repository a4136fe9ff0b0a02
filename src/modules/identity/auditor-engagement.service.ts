import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
  type PageQuery,
} from '../../platform/http/paging.js';
import type { AuditorEngagementView } from './auditor-engagement.schema.js';
import {
  auditorEngagementRepository,
  type EngagementWithUser,
} from './auditor-engagement.repository.js';
import { engagementStatusAt } from './engagement-access.js';
import { sessionRepository } from './session.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

function toView(row: EngagementWithUser, now: Date): AuditorEngagementView {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    framework: row.framework_key,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    startsAt: row.starts_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    status: engagementStatusAt(row, now),
    invitationAccepted: row.invite_used_at !== null,
    invitedBy: row.invited_by_label,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by_label,
    createdAt: row.created_at.toISOString(),
  };
}

/** An engagement's place in the list: (createdAt, id), newest first. */
const engagementKey = z.tuple([cursorInstant, z.uuid()]);

/** A page of engagements, newest first, each with its status now. */
export async function listAuditorEngagements(
  ctx: Ctx,
  query: PageQuery,
): Promise<Page<AuditorEngagementView>> {
  const now = ctx.clock.now();
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, engagementKey);
  const rows = await auditorEngagementRepository.list(ctx.db, {
    after: after && { createdAt: after[0], id: after[1] },
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.created_at.toISOString(), row.id],
    (row) => toView(row, now),
  );
}

export async function getAuditorEngagement(ctx: Ctx, id: string): Promise<AuditorEngagementView> {
  const row = await auditorEngagementRepository.find(ctx.db, id);
  if (!row) throw notFound('Auditor engagement');
  return toView(row, ctx.clock.now());
}

/** Ends an engagement at once: the auditor's sessions end and every later call is refused. */
export async function revokeAuditorEngagement(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<AuditorEngagementView> {
  const row = await auditorEngagementRepository.find(ctx.db, id);
  if (!row) throw notFound('Auditor engagement');
  if (row.revoked_at !== null) throw new AppError('conflict', 'The engagement is already revoked');
  await mutate(ctx, actor, async (tx) => {
    await auditorEngagementRepository.revoke(tx.trx, id, tx.now, actor.label);
    await sessionRepository.deleteForUser(tx.trx, row.user_id);
    await tx.audit({
      action: 'auditor_engagement.revoked',
      entityType: 'auditor_engagement',
      entityId: id,
      before: { status: engagementStatusAt(row, tx.now) },
      after: { status: 'revoked' },
    });
  });
  return getAuditorEngagement(ctx, id);
}
