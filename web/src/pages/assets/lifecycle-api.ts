/**
 * An asset's provisioning requests and decommissioning records as the web app reads and moves
 * them, with types inferred from the server's zod schemas (imported as types only).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';
import { usePagedListUntyped } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  CreateDecommissioningRecord,
  CreateProvisioningRequest,
  DecommissioningRecordDetail,
  DecommissioningRecordView,
  ProvisioningRequestDetail,
  ProvisioningRequestView,
} from '../../../../src/modules/provisioning/provisioning.schema.js';

export type {
  DecommissioningRecordDetail,
  DecommissioningRecordView,
  ProvisioningRequestDetail,
  ProvisioningRequestView,
};

const LIFECYCLE = 'lifecycle';

/** An asset's provisioning requests, newest first. */
export const useProvisioningRequests = (asset: string) =>
  usePagedListUntyped<ProvisioningRequestView>(
    [LIFECYCLE, 'provisioning', asset],
    '/provisioning-requests',
    { asset },
  );

/** An asset's decommissioning records, newest first. */
export const useDecommissioningRecords = (asset: string) =>
  usePagedListUntyped<DecommissioningRecordView>(
    [LIFECYCLE, 'decommissioning', asset],
    '/decommissioning-records',
    { asset },
  );

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

const provisioningPath = (id: string) => `/provisioning-requests/${encodeURIComponent(id)}`;
const decommissioningPath = (id: string) => `/decommissioning-records/${encodeURIComponent(id)}`;

export function useRequestProvisioning() {
  const api = useApi();
  return useLifecycleWrite((input: CreateProvisioningRequest) =>
    api.send<ProvisioningRequestDetail>('POST', '/provisioning-requests', input),
  );
}

export function useApproveProvisioning(id: string) {
  const api = useApi();
  return useLifecycleWrite((input: SignatureCredentials & { note: string }) =>
    api.send<ProvisioningRequestDetail>('POST', `${provisioningPath(id)}/approval`, input),
  );
}

export function useStartProvisioning(id: string) {
  const api = useApi();
  return useLifecycleWrite((_input: Record<string, never>) =>
    api.send<ProvisioningRequestDetail>('POST', `${provisioningPath(id)}/start`),
  );
}

export function useVerifyCriterion(id: string) {
  const api = useApi();
  return useLifecycleWrite(
    ({ position, ...body }: SignatureCredentials & { observation: string; position: number }) =>
      api.send<ProvisioningRequestDetail>(
        'POST',
        `${provisioningPath(id)}/criteria/${position}/verification`,
        body,
      ),
  );
}

export function useRecordDecommissioning() {
  const api = useApi();
  return useLifecycleWrite((input: Partial<CreateDecommissioningRecord> & { asset: string }) =>
    api.send<DecommissioningRecordDetail>('POST', '/decommissioning-records', input),
  );
}

export function useUpdateDecommissioning(id: string) {
  const api = useApi();
  return useLifecycleWrite((patch: Partial<CreateDecommissioningRecord>) =>
    api.send<DecommissioningRecordDetail>('PATCH', decommissioningPath(id), patch),
  );
}

export function useSignDecommissioning(id: string) {
  const api = useApi();
  return useLifecycleWrite((input: SignatureCredentials & { note: string }) =>
    api.send<DecommissioningRecordDetail>('POST', `${decommissioningPath(id)}/signature`, input),
  );
}
