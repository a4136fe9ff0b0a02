import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv/csv.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { listNonconformances } from './nonconformance.service.js';
import type { ExportNonconformancesQuery } from './nonconformance.schema.js';

export const NONCONFORMANCE_CSV_COLUMNS = [
  'number',
  'title',
  'status',
  'overdue',
  'deficiency',
  'source_type',
  'owner_role',
  'owner',
  'due_on',
  'raised_at',
  'closed_at',
  'description',
  'requirement_not_met',
  'containment',
  'disposition',
  'impact_assessment',
  'resolution_note',
  'id',
] as const;

/**
 * The nonconformances the filters select (or only those named in `ids`: a selection), newest
 * first, as CSV through the platform encoder (formulas neutralised). `within` is an engaged
 * auditor's period, applied in the query like the list's.
 */
export async function exportNonconformancesCsv(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: ExportNonconformancesQuery,
  within?: EngagementPeriod,
): Promise<string> {
  const rows = await listNonconformances(ctx, query, within);
  return toCsv(
    NONCONFORMANCE_CSV_COLUMNS,
    rows.map((row) => ({
      number: row.number,
      title: row.title,
      status: row.status,
      overdue: row.overdue ? 'true' : 'false',
      deficiency: row.deficiency ? 'true' : 'false',
      source_type: row.sourceType,
      owner_role: row.ownerRole,
      owner: row.ownerUserLabel ?? '',
      due_on: row.dueOn ?? '',
      raised_at: row.raisedAt,
      closed_at: row.closedAt ?? '',
      description: row.description,
      requirement_not_met: row.requirementNotMet,
      containment: row.containment,
      disposition: row.disposition,
      impact_assessment: row.impactAssessment,
      resolution_note: row.resolutionNote ?? '',
      id: row.id,
    })),
  );
}
