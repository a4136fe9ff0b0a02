import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv/csv.js';
import type { EngagementPeriod } from '../../platform/http/engagement.js';
import { listOccurrencesByIds } from './list-occurrences.js';
import type { ExportOccurrencesQuery } from './occurrence.schema.js';

export const OCCURRENCE_CSV_COLUMNS = [
  'control',
  'control_title',
  'period',
  'asset',
  'critical',
  'status',
  'owner_role',
  'assigned_to',
  'assignee_email',
  'opens_at',
  'due_at',
  'closes_at',
  'id',
] as const;

/**
 * The occurrences named in `ids` (a table's selection) in due order, each with its status now, as
 * CSV through the platform encoder (formulas neutralised). `within` is an engaged auditor's
 * period: an occurrence due outside it is left out, as it is from their list.
 */
export async function exportOccurrencesCsv(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ExportOccurrencesQuery,
  within?: EngagementPeriod,
): Promise<string> {
  const occurrences = await listOccurrencesByIds(ctx, query.ids, within);
  return toCsv(
    OCCURRENCE_CSV_COLUMNS,
    occurrences.map((occurrence) => ({
      control: occurrence.controlKey,
      control_title: occurrence.controlTitle,
      period: occurrence.periodKey,
      asset: occurrence.assetKey,
      critical: occurrence.critical ? 'true' : 'false',
      status: occurrence.status,
      owner_role: occurrence.ownerRole,
      assigned_to: occurrence.assignee?.name ?? '',
      assignee_email: occurrence.assignee?.email ?? '',
      opens_at: occurrence.opensAt,
      due_at: occurrence.dueAt,
      closes_at: occurrence.closesAt,
      id: occurrence.id,
    })),
  );
}
