/**
 * Vulnerability findings as the web app reads them: the paged list, one finding with its risk
 * acceptances, and the request and signed approval of an acceptance, with types inferred from the
 * server's zod schemas, imported as types only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../api/ApiProvider.js';
import { usePagedList } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type { FindingSeverity } from '../../../../src/modules/vulnerabilities/parsers/scan-report.js';
import type {
  FindingDetail,
  FindingExceptionView,
  FindingStatus,
  FindingView,
  RequestExceptionBody,
} from '../../../../src/modules/vulnerabilities/vulnerability.schema.js';

export type { FindingDetail, FindingExceptionView, FindingSeverity, FindingStatus, FindingView };

const FINDINGS = 'findings';

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
  return usePagedList([FINDINGS, 'list', filters], '/findings', {
    query: {
      asset: filters.asset,
      severity: filters.severity,
      status: filters.status,
      overdue: filters.overdue ? 'true' : undefined,
    },
  });
}

/** One finding with its exceptions and what the signed-in person may do with each. */
export function useFinding(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [FINDINGS, 'detail', id],
    queryFn: () => api.get('/findings/{id}', { path: { id } }),
  });
}

function useRefreshFindings() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [FINDINGS] });
}

/** Requests a risk acceptance: a reason and an expiry; it holds once Security signs it. */
export function useRequestFindingException(findingId: string) {
  const api = useApiClient();
  const onSuccess = useRefreshFindings();
  return useMutation({
    mutationFn: (input: RequestExceptionBody) =>
      api.send('POST', '/findings/{id}/exceptions', { path: { id: findingId }, body: input }),
    onSuccess,
  });
}

/** Approves a requested risk acceptance with an e-signature. */
export function useApproveFindingException(findingId: string, exceptionId: string) {
  const api = useApiClient();
  const onSuccess = useRefreshFindings();
  return useMutation({
    mutationFn: (input: SignatureCredentials & { note: string }) =>
      api.send('POST', '/findings/{id}/exceptions/{exceptionId}/approve', {
        path: { id: findingId, exceptionId },
        body: input,
      }),
    onSuccess,
  });
}
