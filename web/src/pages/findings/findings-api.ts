/**
 * Vulnerability findings as the web app reads them: the paged list, with types inferred from the
 * server's zod schemas, imported as types only.
 */
import { usePagedList } from '../../api/paging.js';
import type { FindingSeverity } from '../../../../src/modules/vulnerabilities/parsers/scan-report.js';
import type {
  FindingStatus,
  FindingView,
} from '../../../../src/modules/vulnerabilities/vulnerability.schema.js';

export type { FindingSeverity, FindingStatus, FindingView };

export const FINDING_SEVERITY_OPTIONS: FindingSeverity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'negligible',
  'unknown',
];
export const FINDING_STATUS_OPTIONS: FindingStatus[] = ['open', 'accepted', 'fixed'];

export interface FindingFilters {
  asset?: string | undefined;
  severity?: FindingSeverity | undefined;
  status?: FindingStatus | undefined;
  overdue?: boolean | undefined;
}

/** Findings, most recently detected first, a page at a time; filters are sent to the server. */
export function useFindings(filters: FindingFilters) {
  return usePagedList<FindingView>(['findings', filters], '/findings', {
    asset: filters.asset,
    severity: filters.severity,
    status: filters.status,
    overdue: filters.overdue ? 'true' : undefined,
  });
}
