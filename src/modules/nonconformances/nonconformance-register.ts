import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { formatNonconformanceNumber } from './nonconformance.schema.js';
import { nonconformanceRepository } from './nonconformance.repository.js';

/** A nonconformance as a period's register shows it: its record, and whether it was closed by the end. */
export interface NonconformanceRegisterRow {
  number: string;
  sourceType: string;
  sourceId: string;
  title: string;
  description: string;
  requirementNotMet: string;
  containment: string;
  disposition: string;
  impactAssessment: string;
  raisedAt: Date;
  raisedBy: string | null;
  ownerRole: string;
  owner: string | null;
  dueOn: string | null;
  /** closed when closed by the end of the period, otherwise open (not yet closed). */
  statusAtEnd: 'open' | 'closed';
  overdueAtEnd: boolean;
  closedAt: Date | null;
  closedBy: string | null;
  resolutionNote: string | null;
  closureSignatureId: string | null;
}

const PAGE = 2000;

/**
 * The nonconformances open at some time in [start, end) as recorded by `asOf` (raised before the
 * end, not closed before the start), in number order, pages of 2,000, each with whether it was
 * closed by the end of the period (or `asOf`, if earlier) and whether it was overdue then. A
 * closure after that instant is not shown.
 */
export async function* nonconformanceRegisterPages(
  ctx: Pick<AppContext, 'db' | 'config'>,
  window: { start: Date; end: Date; asOf: Date },
): AsyncGenerator<NonconformanceRegisterRow[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  // A due date is past once its day has ended: before the day `until` falls in.
  const dayOfUntil = dateInZone(until, ctx.config.timezone);
  let afterNumber: number | null = null;
  for (;;) {
    const rows = await nonconformanceRepository.openDuring(ctx.db, {
      ...window,
      afterNumber,
      limit: PAGE,
    });
    if (rows.length > 0) {
      yield rows.map((row) => {
        const closed = row.closed_at !== null && row.closed_at <= until;
        return {
          number: formatNonconformanceNumber(row.number),
          sourceType: row.source_type,
          sourceId: row.source_id,
          title: row.title,
          description: row.description,
          requirementNotMet: row.requirement_not_met,
          containment: row.containment,
          disposition: row.disposition,
          impactAssessment: row.impact_assessment,
          raisedAt: row.raised_at,
          raisedBy: row.raised_by,
          ownerRole: row.owner_role,
          owner: row.owner_user_label,
          dueOn: row.due_on,
          statusAtEnd: closed ? 'closed' : 'open',
          overdueAtEnd: !closed && row.due_on !== null && row.due_on < dayOfUntil,
          closedAt: closed ? row.closed_at : null,
          closedBy: closed ? row.closed_by_label : null,
          resolutionNote: closed ? row.resolution_note : null,
          closureSignatureId: closed ? row.closure_signature_id : null,
        };
      });
    }
    if (rows.length < PAGE) return;
    afterNumber = rows[rows.length - 1]!.number;
  }
}

/** Nonconformances of a period: raised in it, and open at its end (the effectiveness report's counts). */
export async function countNonconformancesOfPeriod(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): Promise<{ raised: number; openAtEnd: number }> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  const row = await nonconformanceRepository.countsOfPeriod(ctx.db, { ...window, until });
  return { raised: Number(row.raised), openAtEnd: Number(row.open_at_end) };
}
