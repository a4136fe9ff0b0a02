/**
 * Access requests as the web app reads and decides them, with types inferred from the server's
 * zod schemas (imported as types only).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';
import { usePagedListUntyped } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  AccessRequestStatus,
  AccessRequestView,
  CreateAccessRequestInput,
} from '../../../../src/modules/accounts/access-request.schema.js';

export type { AccessRequestStatus, AccessRequestView };

const ACCESS_REQUESTS = ['access', 'requests'];

/** Access requests, newest first, a page at a time; `status` undefined means all of them. */
export const useAccessRequests = (status?: AccessRequestStatus) =>
  usePagedListUntyped<AccessRequestView>(
    [...ACCESS_REQUESTS, status ?? 'all'],
    '/access-requests',
    {
      status,
    },
  );

function useAccessRequestWrite<Input>(send: (input: Input) => Promise<AccessRequestView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ACCESS_REQUESTS });
      // Approved requests clear accounts of their "unrequested" flag.
      await queryClient.invalidateQueries({ queryKey: ['access', 'accounts'] });
    },
  });
}

const path = (id: string) => `/access-requests/${encodeURIComponent(id)}`;

export function useRequestAccess() {
  const api = useApi();
  return useAccessRequestWrite((input: CreateAccessRequestInput) =>
    api.send<AccessRequestView>('POST', '/access-requests', input),
  );
}

export function useApproveAccessRequest(id: string) {
  const api = useApi();
  return useAccessRequestWrite((input: SignatureCredentials & { note: string }) =>
    api.send<AccessRequestView>('POST', `${path(id)}/approve`, input),
  );
}

export function useRejectAccessRequest(id: string) {
  const api = useApi();
  return useAccessRequestWrite((input: SignatureCredentials & { reason: string }) =>
    api.send<AccessRequestView>('POST', `${path(id)}/reject`, input),
  );
}

export function useGrantAccessRequest(id: string) {
  const api = useApi();
  return useAccessRequestWrite((_input: Record<string, never>) =>
    api.send<AccessRequestView>('POST', `${path(id)}/grant`),
  );
}
