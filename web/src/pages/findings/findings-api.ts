/**
 * Vulnerability findings as the web app reads them: the paged list, one finding with its risk
 * acceptances, and the request and signed approval of an acceptance, with types inferred from the
 * server's zod schemas, imported as types only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';
import { usePagedListUntyped } from '../../api/paging.js';
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
  return usePagedListUntyped<FindingView>([FINDINGS, 'list', filters], '/findings', {
    asset: filters.asset,
    severity: filters.severity,
    status: filters.status,
    overdue: filters.overdue ? 'true' : undefined,
  });
}

/** One finding with its exceptions and what the signed-in person may do with each. */
export function useFinding(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [FINDINGS, 'detail', id],
    queryFn: () => api.get<FindingDetail>(`/findings/${encodeURIComponent(id)}`),
  });
}

function useFindingAction<Input>(path: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => api.send<FindingDetail>('POST', path, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [FINDINGS] });
    },
  });
}

/** Requests a risk acceptance: a reason and an expiry; it holds once Security signs it. */
export const useRequestFindingException = (findingId: string) =>
  useFindingAction<RequestExceptionBody>(`/findings/${encodeURIComponent(findingId)}/exceptions`);

/** Approves a requested risk acceptance with an e-signature. */
export const useApproveFindingException = (findingId: string, exceptionId: string) =>
  useFindingAction<SignatureCredentials & { note: string }>(
    `/findings/${encodeURIComponent(findingId)}/exceptions/${encodeURIComponent(exceptionId)}/approve`,
  );
