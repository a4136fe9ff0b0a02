import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  apiUrl,
  type ApiClient,
  type QueryOf,
  type ResponseOf,
} from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList, useWholeList, wholeListOptions } from './paging.js';
import type { OccurrenceStatus, OwnerRole } from './types.js';
import type {
  AssigneeFilter,
  CreateWorkOrderInput,
  WorkRef,
  NonconformanceStatus,
  RejectWorkOrderInput,
  VerifyWorkOrderInput,
  WorkOrderFilters,
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

const occurrenceQuery = ({
  status,
  mine,
  ...rest
}: OccurrenceFilters): QueryOf<'/occurrences'> => ({
  ...rest,
  status: status?.join(','),
  mine: mine ? 'true' : undefined,
});

/** Occurrences in due order, a page at a time (`pageSize` rows, then "Load more"). */
export function useOccurrences(filters: OccurrenceFilters = {}, pageSize?: number) {
  return usePagedList(
    [WORK, 'occurrences', filters],
    '/occurrences',
    { query: occurrenceQuery(filters) },
    pageSize,
  );
}

/** Every occurrence the filters select, for views that group or count them all. */
export function allOccurrencesOptions(
  api: Pick<ApiClient, 'get'>,
  filters: OccurrenceFilters = {},
) {
  return wholeListOptions(api, [WORK, 'occurrences', filters], '/occurrences', {
    query: occurrenceQuery(filters),
  });
}

export function useAllOccurrences(filters: OccurrenceFilters = {}) {
  return useWholeList([WORK, 'occurrences', filters], '/occurrences', {
    query: occurrenceQuery(filters),
  });
}

export function useOccurrence(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [WORK, 'occurrence', id],
    queryFn: () => api.get('/occurrences/{id}', { path: { id } }),
  });
}

/** Work orders, newest first, a page at a time. */
export function useWorkOrders(filters: WorkOrderFilters = {}) {
  const { status, mine, kind, assignee } = filters;
  return usePagedList([WORK, 'work-orders', filters], '/work-orders', {
    query: { status: status?.join(','), mine: mine ? 'true' : undefined, kind, assignee },
  });
}

export function useWorkOrder(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [WORK, 'work-order', id],
    queryFn: () => api.get('/work-orders/{id}', { path: { id } }),
  });
}

/** Starts the work of an occurrence; answers its work order (an existing one if already started). */
export function useStartOccurrence() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (occurrenceId: string) =>
      api.send('POST', '/occurrences/{id}/start', { path: { id: occurrenceId } }),
    onSuccess: invalidate,
  });
}

export function useMarkNotApplicable() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({
      occurrenceId,
      justification,
    }: {
      occurrenceId: string;
      justification: string;
    }) =>
      api.send('POST', '/occurrences/{id}/not-applicable', {
        path: { id: occurrenceId },
        body: { justification },
      }),
    onSuccess: invalidate,
  });
}

export function useCreateWorkOrder() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: CreateWorkOrderInput) => api.send('POST', '/work-orders', { body: input }),
    onSuccess: invalidate,
  });
}

type WorkOrderDetail = ResponseOf<'/work-orders/{id}'>;

/** Ticks or unticks a checklist item, showing the tick at once and undoing it if refused. */
export function useSetChecklistItem(workOrderId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateWork();
  const detailKey = [WORK, 'work-order', workOrderId];
  const mutationKey = [WORK, 'checklist', workOrderId];
  return useMutation({
    mutationKey,
    mutationFn: ({ itemId, done }: { itemId: string; done: boolean }) =>
      api.send('PATCH', '/work-orders/{id}/checklist/{itemId}', {
        path: { id: workOrderId, itemId },
        body: { done },
      }),
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
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) => {
      const form = new FormData();
      form.append('file', file);
      return api.send('POST', '/work-orders/{id}/evidence', {
        path: { id: workOrderId },
        form,
        onUploadProgress: onProgress,
      });
    },
    onSuccess: invalidate,
  });
}

export function evidenceDownloadUrl(evidenceId: string): string {
  return apiUrl('/evidence/{id}/download', { path: { id: evidenceId } });
}

export function useCompleteWorkOrder(workOrderId: string) {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: {
      note: string;
      /** A signed override of the automatic source's facts (only when they contradict it). */
      override?: { justification: string; password: string };
    }) =>
      api.send('POST', '/work-orders/{id}/complete', { path: { id: workOrderId }, body: input }),
    onSuccess: invalidate,
  });
}

export function useVerifyWorkOrder(workOrderId: string) {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: VerifyWorkOrderInput) =>
      api.send('POST', '/work-orders/{id}/verify', { path: { id: workOrderId }, body: input }),
    onSuccess: invalidate,
  });
}

export function useRejectWorkOrder(workOrderId: string) {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: RejectWorkOrderInput) =>
      api.send('POST', '/work-orders/{id}/reject', { path: { id: workOrderId }, body: input }),
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
  return usePagedList([WORK, 'nonconformances', filters], '/nonconformances', {
    query: {
      deficiency: filters.deficiency ? 'true' : undefined,
      overdue: filters.overdue ? 'true' : undefined,
      status: filters.status,
    },
  });
}

/** One nonconformance, with what the caller may do with it. */
export function useNonconformance(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [WORK, 'nonconformance', id],
    queryFn: () => api.get('/nonconformances/{id}', { path: { id } }),
  });
}

export function useUpdateNonconformance() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: NonconformanceStatus }) =>
      api.send('PATCH', '/nonconformances/{id}', { path: { id }, body: { status } }),
    onSuccess: invalidate,
  });
}

/** Everyone enabled, by name: whom work can be assigned to and who can be mentioned. */
export function useColleagues() {
  return useWholeList(['colleagues'], '/colleagues', {});
}

/** Assigns one occurrence or work order to a person, or unassigns it (`assigneeId` null). */
export function useAssign() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: async ({ ref, assigneeId }: { ref: WorkRef; assigneeId: string | null }) => {
      const request = { path: { id: ref.id }, body: { assigneeId } };
      if (ref.type === 'occurrence') await api.send('PUT', '/occurrences/{id}/assignee', request);
      else await api.send('PUT', '/work-orders/{id}/assignee', request);
    },
    onSuccess: invalidate,
  });
}

/** Assigns many rows at once; the answer says, row by row, what was done or refused and why. */
export function useBulkAssign() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: { items: WorkRef[]; assigneeId: string | null }) =>
      api.send('POST', '/work/bulk-assign', { body: input }),
    onSuccess: invalidate,
  });
}

/** A record with a comment thread: its collection in the API and its id. */
export interface CommentThread {
  records: 'work-orders' | 'nonconformances';
  id: string;
}

const COMMENTS_PATH = {
  'work-orders': '/work-orders/{id}/comments',
  nonconformances: '/nonconformances/{id}/comments',
} as const satisfies Record<CommentThread['records'], string>;

/** A record's comments, oldest first, a page at a time. */
export function useCommentThread(thread: CommentThread) {
  return usePagedList(
    [WORK, 'comments', thread.records, thread.id],
    COMMENTS_PATH[thread.records],
    { path: { id: thread.id } },
  );
}

export function usePostComment(thread: CommentThread) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api.send('POST', COMMENTS_PATH[thread.records], { path: { id: thread.id }, body: { body } }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [WORK, 'comments', thread.records, thread.id] }),
  });
}

/** Marks many occurrences not applicable with one justification: all of them, or none. */
export function useBulkNotApplicable() {
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: { occurrenceIds: string[]; justification: string }) =>
      api.send('POST', '/occurrences/bulk-not-applicable', { body: input }),
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
  const api = useApiClient();
  const invalidate = useInvalidateWork();
  return useMutation({
    mutationFn: (input: NonconformanceTriage & { ids: string[] }) =>
      api.send('POST', '/nonconformances/triage', { body: input }),
    onSuccess: invalidate,
  });
}

/** The CSV download of the nonconformances selected in a table. */
export function nonconformancesExportUrl(ids: readonly string[]): string {
  return apiUrl('/nonconformances/export.csv', { query: { ids: ids.join(',') } });
}
