import type { AppContext } from '../../platform/context.js';
import type { FindingSeverity } from './parsers/scan-report.js';
import type { FindingStatus } from './vulnerability.schema.js';
import { vulnerabilityRepository } from './vulnerability.repository.js';

/** A finding as a period's register shows it: its facts, and where it stood at the period's end. */
export interface FindingRegisterRow {
  id: string;
  assetKey: string;
  vulnerabilityId: string;
  packageName: string;
  installedVersion: string;
  severity: FindingSeverity;
  scanner: string;
  fixedVersion: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Only when the fix was known by the end of the period. */
  fixedAt: Date | null;
  slaDueAt: Date | null;
  statusAtEnd: FindingStatus;
  overdueAtEnd: boolean;
  /** The latest expiry of its approved exceptions (as recorded now). */
  acceptedUntil: Date | null;
  slaOccurrenceId: string | null;
}

const PAGE = 2000;

/**
 * The findings open at some time in [start, end), as known at `asOf`: detected before the period
 * ended (a late-imported scan of the period included, if imported by `asOf`), not fixed before it
 * began. Pages of 2,000 in detection order,
 * each with its status at the period's end (or `asOf`, if earlier).
 */
export async function* findingRegisterPages(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): AsyncGenerator<FindingRegisterRow[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  let after: { firstSeenAt: Date; id: string } | undefined;
  for (;;) {
    const rows = await vulnerabilityRepository.openDuring(ctx.db, {
      start: window.start,
      until,
      asOf: window.asOf,
      ...(after ? { after } : {}),
      limit: PAGE,
    });
    if (rows.length > 0) {
      yield rows.map((row) => {
        const fixedAt = row.fixed_at !== null && row.fixed_at <= until ? row.fixed_at : null;
        const accepted = row.accepted_until !== null && row.accepted_until > until;
        const statusAtEnd: FindingStatus = fixedAt ? 'fixed' : accepted ? 'accepted' : 'open';
        return {
          id: row.id,
          assetKey: row.asset_key,
          vulnerabilityId: row.vulnerability_id,
          packageName: row.package_name,
          installedVersion: row.installed_version,
          severity: row.severity as FindingSeverity,
          scanner: row.scanner,
          fixedVersion: row.fixed_version,
          firstSeenAt: row.first_seen_at,
          lastSeenAt: row.last_seen_at,
          fixedAt,
          slaDueAt: row.sla_due_at,
          statusAtEnd,
          overdueAtEnd: statusAtEnd === 'open' && row.sla_due_at !== null && row.sla_due_at < until,
          acceptedUntil: row.accepted_until,
          slaOccurrenceId: row.sla_occurrence_id,
        };
      });
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { firstSeenAt: last.first_seen_at, id: last.id };
  }
}
