/**
 * An asset's provisioning requests and decommissioning records as the web app reads and moves
 * them, with types inferred from the server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf } from '../../../../src/shared/api/api-client.js';
import { useApiClient } from '../../api/ApiProvider.js';
import { usePagedList } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  DecommissioningRecordDetail,
  ProvisioningRequestDetail,
} from '../../../../src/modules/provisioning/provisioning.schema.js';

export type { DecommissioningRecordDetail, ProvisioningRequestDetail };

type NewDecommissioningRecord = BodyOf<'/decommissioning-records', 'post'>;

/**
 * A decommissioning record as the form sends it: its two choices may still be unmade, and the
 * server then names each missing one (400), as it does for every other field.
 */
export type DecommissioningDraft = Omit<
  NewDecommissioningRecord,
  'dataDisposition' | 'sanitisationMethod'
> &
  Partial<Pick<NewDecommissioningRecord, 'dataDisposition' | 'sanitisationMethod'>>;

const LIFECYCLE = 'lifecycle';

/** An asset's provisioning requests, newest first. */
export const useProvisioningRequests = (asset: string) =>
  usePagedList([LIFECYCLE, 'provisioning', asset], '/provisioning-requests', {
    query: { asset },
  });

/** An asset's decommissioning records, newest first. */
export const useDecommissioningRecords = (asset: string) =>
  usePagedList([LIFECYCLE, 'decommissioning', asset], '/decommissioning-records', {
    query: { asset },
  });

/** One provisioning request with its criteria and what the caller may do with it. */
export function useProvisioningRequest(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [LIFECYCLE, 'provisioning-detail', id],
    queryFn: () => api.get('/provisioning-requests/{id}', { path: { id } }),
  });
}

/** One decommissioning record with what it lacks and what the caller may do with it. */
export function useDecommissioningRecord(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [LIFECYCLE, 'decommissioning-detail', id],
    queryFn: () => api.get('/decommissioning-records/{id}', { path: { id } }),
  });
}

/** A write that refreshes the lifecycle lists and the asset (its lifecycle status moves). */
function useLifecycleWrite<Input, Result>(write: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [LIFECYCLE] });
      await queryClient.invalidateQueries({ queryKey: ['register'] });
    },
  });
}

export function useRequestProvisioning() {
  const api = useApiClient();
  return useLifecycleWrite((input: BodyOf<'/provisioning-requests', 'post'>) =>
    api.send('POST', '/provisioning-requests', { body: input }),
  );
}

export function useApproveProvisioning(id: string) {
  const api = useApiClient();
  return useLifecycleWrite((input: SignatureCredentials & { note: string }) =>
    api.send('POST', '/provisioning-requests/{id}/approval', { path: { id }, body: input }),
  );
}

export function useStartProvisioning(id: string) {
  const api = useApiClient();
  return useLifecycleWrite((_input: Record<string, never>) =>
    api.send('POST', '/provisioning-requests/{id}/start', { path: { id } }),
  );
}

export function useVerifyCriterion(id: string) {
  const api = useApiClient();
  return useLifecycleWrite(
    ({ position, ...body }: SignatureCredentials & { observation: string; position: number }) =>
      api.send('POST', '/provisioning-requests/{id}/criteria/{position}/verification', {
        path: { id, position },
        body,
      }),
  );
}

export function useRecordDecommissioning() {
  const api = useApiClient();
  return useLifecycleWrite((draft: DecommissioningDraft) =>
    api.send('POST', '/decommissioning-records', {
      // Sent as the form holds it: the server refuses an unmade choice, naming the field.
      body: draft as NewDecommissioningRecord,
    }),
  );
}

export function useUpdateDecommissioning(id: string) {
  const api = useApiClient();
  return useLifecycleWrite((patch: BodyOf<'/decommissioning-records/{id}', 'patch'>) =>
    api.send('PATCH', '/decommissioning-records/{id}', { path: { id }, body: patch }),
  );
}

export function useSignDecommissioning(id: string) {
  const api = useApiClient();
  return useLifecycleWrite((input: SignatureCredentials & { note: string }) =>
    api.send('POST', '/decommissioning-records/{id}/signature', { path: { id }, body: input }),
  );
}
