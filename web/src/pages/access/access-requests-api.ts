/**
 * Access requests as the web app reads and decides them, with types inferred from the server's
 * zod schemas (imported as types only).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../../src/shared/api/api-client.js';
import { useApiClient } from '../../api/ApiProvider.js';
import { usePagedList } from '../../api/paging.js';
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
  usePagedList([...ACCESS_REQUESTS, status ?? 'all'], '/access-requests', { query: { status } });

function useAccessRequestWrite<Input>(
  send: (input: Input) => Promise<ResponseOf<'/access-requests/{id}'>>,
) {
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

export function useRequestAccess() {
  const api = useApiClient();
  return useAccessRequestWrite((input: CreateAccessRequestInput) =>
    api.send('POST', '/access-requests', { body: input }),
  );
}

export function useApproveAccessRequest(id: string) {
  const api = useApiClient();
  return useAccessRequestWrite((input: SignatureCredentials & { note: string }) =>
    api.send('POST', '/access-requests/{id}/approve', { path: { id }, body: input }),
  );
}

export function useRejectAccessRequest(id: string) {
  const api = useApiClient();
  return useAccessRequestWrite((input: SignatureCredentials & { reason: string }) =>
    api.send('POST', '/access-requests/{id}/reject', { path: { id }, body: input }),
  );
}

export function useGrantAccessRequest(id: string) {
  const api = useApiClient();
  return useAccessRequestWrite((_input: Record<string, never>) =>
    api.send('POST', '/access-requests/{id}/grant', { path: { id } }),
  );
}
