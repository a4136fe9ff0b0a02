import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import { apiUrl } from './client.js';
import { usePagedListUntyped, useWholeListUntyped } from './paging.js';
import type { OccurrenceStatus, OccurrenceView, OwnerRole } from './types.js';
import type {
  AssigneeFilter,
  BulkAssignResponse,
  Colleague,
  CommentView,
  EachOrNoneReport,
  CreateWorkOrderInput,
  WorkRef,
  EvidenceView,
  NonconformanceStatus,
  NonconformanceItem,
  NonconformanceView,
  RejectWorkOrderInput,
  VerifyWorkOrderInput,
  WorkOrderDetail,
  WorkOrderFilters,
  WorkOrderView,
} from './work-types.js';

/**
 * Occurrences, work orders and nonconformances share one key: starting, completing or verifying
 * a work order changes the occurrence's status, My work and the dashboard counts at once.
 */
const WORK = 'work';

function useInvalidateWork(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [WORK] });
    await queryClient.invalidateQueries({ queryKey: ['posture'] });
  };
}

export interface OccurrenceFilters {
  status?: OccurrenceStatus[] | undefined;
  ownerRole?: OwnerRole | undefined;
  control?: string | undefined;
  asset?: string | undefined;
  /** Only occurrences due at or after this instant (ISO). */
  dueFrom?: string | undefined;
  /** Only occurrences due before this instant (ISO). */
  dueBefore?: string | undefined;
  assignee?: AssigneeFilter | undefined;
  /** My role's work, or assigned to me. */
  mine?: boolean | undefined;
}

const occurrenceQuery = ({ status, mine, ...rest }: OccurrenceFilters) => ({
  ...rest,
  status: status?.join(','),
  mine: mine ? 'true' : undefined,
});

/** Occurrences in due order, a page at a time (`pageSize` rows, then "Load more"). */
export function useOccurrences(filters: OccurrenceFilters = {}, pageSize?: number) {
  return usePagedListUntyped<OccurrenceView>(
    [WORK, 'occurrences', filters],
    '/occurrences',
    occurrenceQuery(filters),
    pageSize,
  );
}

/** Every occurrence the filters select, for views that group or count them all. */
export function useAllOccurrences(filters: OccurrenceFilters = {}) {
  return useWholeListUntyped<OccurrenceView>(
    [WORK, 'occurrences', filters],
    '/occurrences',
    occurrenceQuery(filters),
  );
}

export function useOccurrence(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [WORK, 'occurrence', id],
    queryFn: () => api.get<OccurrenceView>(`/occurrences/${encodeURIComponent(id)}`),
  });
}

/** Work orders, newest first, a page at a time. */
export function useWorkOrders(filters: WorkOrderFilters = {}) {
  const { status, mine, kind, assignee } = filters;
  return usePagedListUntyped<WorkOrderView>([WORK, 'work-orders', filters], '/work-orders', {
    status: status?.join(','),
    mine: mine ? 'true' : undefined,
    kind,
    assignee,
  });
}

export function useWorkOrder(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [WORK, 'work-order', id],
    queryFn: () => api.get<WorkOrderDetail>(`/work-orders/${encodeURIComponent(id)}`),
  });
}

/** Starts the work of an occurrence; answers its work order (an existing one if already started). */
export function useStartOccurrence() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (occurrenceId: string) =>
      api.send<WorkOrderView>('POST', `/occurrences/${occurrenceId}/start`),
    onSuccess: invalidate,
  });
}

export function useMarkNotApplicable() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({
      occurrenceId,
      justification,
    }: {
      occurrenceId: string;
      justification: string;
    }) =>
      api.send<unknown>('POST', `/occurrences/${occurrenceId}/not-applicable`, { justification }),
    onSuccess: invalidate,
  });
}

export function useCreateWorkOrder() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: CreateWorkOrderInput) =>
      api.send<WorkOrderView>('POST', '/work-orders', input),
    onSuccess: invalidate,
  });
}

/** Ticks or unticks a checklist item, showing the tick at once and undoing it if refused. */
export function useSetChecklistItem(workOrderId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateWork();
  const detailKey = [WORK, 'work-order', workOrderId];
  const mutationKey = [WORK, 'checklist', workOrderId];
  return useMutation({
    mutationKey,
    mutationFn: ({ itemId, done }: { itemId: string; done: boolean }) =>
      api.send<unknown>('PATCH', `/work-orders/${workOrderId}/checklist/${itemId}`, { done }),
    onMutate: async ({ itemId, done }) => {
      await queryClient.cancelQueries({ queryKey: detailKey });
      const previous = queryClient.getQueryData<WorkOrderDetail>(detailKey);
      if (previous) {
        queryClient.setQueryData<WorkOrderDetail>(detailKey, {
          ...previous,
          checklist: previous.checklist.map((item) =>
            item.id === itemId ? { ...item, done } : item,
          ),
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(detailKey, context.previous);
    },
    // Refetch only after the last of several quick ticks: a refetch started while another tick
    // is still being saved would bring back the list without it and untick it for a moment.
    onSettled: async () => {
      if (queryClient.isMutating({ mutationKey }) <= 1) await invalidate();
    },
  });
}

export function useUploadEvidence(workOrderId: string) {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<EvidenceView>(`/work-orders/${workOrderId}/evidence`, form, onProgress);
    },
    onSuccess: invalidate,
  });
}

export function evidenceDownloadUrl(evidenceId: string): string {
  return `/api/v1/evidence/${encodeURIComponent(evidenceId)}/download`;
}

export function useCompleteWorkOrder(workOrderId: string) {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: {
      note: string;
      /** A signed override of the automatic source's facts (only when they contradict it). */
      override?: { justification: string; password: string };
    }) => api.send<WorkOrderView>('POST', `/work-orders/${workOrderId}/complete`, input),
    onSuccess: invalidate,
  });
}

export function useVerifyWorkOrder(workOrderId: string) {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: VerifyWorkOrderInput) =>
      api.send<WorkOrderView>('POST', `/work-orders/${workOrderId}/verify`, input),
    onSuccess: invalidate,
  });
}

export function useRejectWorkOrder(workOrderId: string) {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: RejectWorkOrderInput) =>
      api.send<WorkOrderView>('POST', `/work-orders/${workOrderId}/reject`, input),
    onSuccess: invalidate,
  });
}

export interface NonconformanceFilters {
  deficiency?: boolean | undefined;
  overdue?: boolean | undefined;
  status?: NonconformanceStatus | undefined;
}

/** Nonconformances and deficiencies, newest first, a page at a time, filtered by the server. */
export function useNonconformances(filters: NonconformanceFilters = {}) {
  return usePagedListUntyped<NonconformanceItem>(
    [WORK, 'nonconformances', filters],
    '/nonconformances',
    {
      deficiency: filters.deficiency ? 'true' : undefined,
      overdue: filters.overdue ? 'true' : undefined,
      status: filters.status,
    },
  );
}

/** One nonconformance, with what the caller may do with it. */
export function useNonconformance(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [WORK, 'nonconformance', id],
    queryFn: () => api.get<NonconformanceItem>(`/nonconformances/${encodeURIComponent(id)}`),
  });
}

export function useUpdateNonconformance() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: NonconformanceStatus }) =>
      api.send<NonconformanceView>('PATCH', `/nonconformances/${id}`, { status }),
    onSuccess: invalidate,
  });
}

/** Everyone enabled, by name: whom work can be assigned to and who can be mentioned. */
export function useColleagues() {
  return useWholeListUntyped<Colleague>(['colleagues'], '/colleagues');
}

/** Assigns one occurrence or work order to a person, or unassigns it (`assigneeId` null). */
export function useAssign() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({ ref, assigneeId }: { ref: WorkRef; assigneeId: string | null }) =>
      api.send<unknown>(
        'PUT',
        `/${ref.type === 'occurrence' ? 'occurrences' : 'work-orders'}/${ref.id}/assignee`,
        { assigneeId },
      ),
    onSuccess: invalidate,
  });
}

/** Assigns many rows at once; the answer says, row by row, what was done or refused and why. */
export function useBulkAssign() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: { items: WorkRef[]; assigneeId: string | null }) =>
      api.send<BulkAssignResponse>('POST', '/work/bulk-assign', input),
    onSuccess: invalidate,
  });
}

/** A record with a comment thread: its collection in the API and its id. */
export interface CommentThread {
  records: 'work-orders' | 'nonconformances';
  id: string;
}

const commentsPath = (thread: CommentThread) =>
  `/${thread.records}/${encodeURIComponent(thread.id)}/comments`;

/** A record's comments, oldest first, a page at a time. */
export function useCommentThread(thread: CommentThread) {
  return usePagedListUntyped<CommentView>(
    [WORK, 'comments', thread.records, thread.id],
    commentsPath(thread),
  );
}

export function usePostComment(thread: CommentThread) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.send<CommentView>('POST', commentsPath(thread), { body }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [WORK, 'comments', thread.records, thread.id] }),
  });
}

/** Marks many occurrences not applicable with one justification: all of them, or none. */
export function useBulkNotApplicable() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: { occurrenceIds: string[]; justification: string }) =>
      api.send<EachOrNoneReport>('POST', '/occurrences/bulk-not-applicable', input),
    onSuccess: invalidate,
  });
}

/** What a triage sets on every nonconformance selected (at least one field). */
export interface NonconformanceTriage {
  status?: NonconformanceStatus;
  owner?: OwnerRole;
  ownerUserId?: string | null;
  dueOn?: string | null;
}

/** Triages many nonconformances at once: all of them, or none. */
export function useTriageNonconformances() {
  const api = useApi();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: NonconformanceTriage & { ids: string[] }) =>
      api.send<EachOrNoneReport>('POST', '/nonconformances/triage', input),
    onSuccess: invalidate,
  });
}

/** The CSV download of the nonconformances selected in a table. */
export function nonconformancesExportUrl(ids: readonly string[]): string {
  return apiUrl('/nonconformances/export.csv', { query: { ids: ids.join(',') } });
}
