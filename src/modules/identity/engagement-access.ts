import type { AppContext } from '../../platform/context.js';
import type { AuditorEngagementRow } from '../../platform/db/schema.js';
import type { EngagementAccess, EngagementScope } from '../../platform/http/engagement.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import type { EngagementStatus } from './auditor-engagement.schema.js';
import { auditorEngagementRepository } from './auditor-engagement.repository.js';

/** Where an engagement stands at an instant. */
export function engagementStatusAt(
  row: Pick<AuditorEngagementRow, 'starts_at' | 'expires_at' | 'revoked_at'>,
  now: Date,
): EngagementStatus {
  if (row.revoked_at !== null && row.revoked_at <= now) return 'revoked';
  if (now < row.starts_at) return 'scheduled';
  return now < row.expires_at ? 'active' : 'expired';
}

export function toEngagementScope(row: AuditorEngagementRow, timeZone: string): EngagementScope {
  return {
    engagementId: row.id,
    framework: row.framework_key,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    periodStart: startOfDate(row.period_from, timeZone),
    periodEnd: startOfDate(addDays(row.period_to, 1), timeZone),
    expiresAt: row.expires_at,
  };
}

/**
 * An auditor's access at an instant: `null` when they have no engagement at all (an internal
 * auditor, read-only everywhere as before), otherwise the active engagement or why none is.
 * Engagements of one auditor never overlap in time (invite-auditor.ts), so at most one is active.
 */
export async function resolveEngagementAccess(
  ctx: Pick<AppContext, 'db' | 'config'>,
  userId: string,
  now: Date,
): Promise<EngagementAccess | null> {
  const rows = await auditorEngagementRepository.listForUser(ctx.db, userId);
  if (rows.length === 0) return null;
  const active = rows.find((row) => engagementStatusAt(row, now) === 'active');
  if (active) return { status: 'active', scope: toEngagementScope(active, ctx.config.timezone) };
  const statuses = rows.map((row) => engagementStatusAt(row, now));
  const reason = statuses.includes('scheduled')
    ? 'not_started'
    : statuses[0] === 'revoked'
      ? 'revoked'
      : 'expired';
  return { status: 'ended', reason };
}
