/** Supplier oversight: reviews, certificates and timelines, with types from the server's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CheckCuecBody,
  Decision,
  ReviewDetail,
  ReviewStatus,
  ReviewView,
} from '../../../src/modules/supplier-reviews/supplier-review.schema.js';
import type { BodyOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';
import type { SignatureCredentials } from './work-types.js';

export type { Decision, ReviewDetail, ReviewStatus, ReviewView };

const SUPPLIER_REVIEWS = 'supplier-reviews';

/** Supplier reviews, newest first (optionally one supplier's). */
export function useSupplierReviews(filter: { supplier?: string; status?: ReviewStatus | null }) {
  const query = {
    ...(filter.supplier ? { supplier: filter.supplier } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  return usePagedList([SUPPLIER_REVIEWS, 'list', query], '/supplier-reviews', { query });
}

export function useSupplierReview(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [SUPPLIER_REVIEWS, 'detail', id],
    queryFn: () => api.get('/supplier-reviews/{id}', { path: { id } }),
  });
}

export function useSupplierCertificates(key: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [SUPPLIER_REVIEWS, 'certificates', key],
    queryFn: () => api.get('/suppliers/{key}/certificates', { path: { key } }),
    select: (data) => data.items,
  });
}

export function useSupplierTimeline(key: string) {
  return usePagedList([SUPPLIER_REVIEWS, 'timeline', key], '/suppliers/{key}/timeline', {
    path: { key },
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [SUPPLIER_REVIEWS] });
    await queryClient.invalidateQueries({ queryKey: ['register'] });
  };
}

export function useCreateSupplierReview(supplierKey: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: BodyOf<'/suppliers/{key}/reviews', 'post'>) =>
      api.send('POST', '/suppliers/{key}/reviews', { path: { key: supplierKey }, body: input }),
    onSuccess: invalidate,
  });
}

export function useCheckCuec(reviewId: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ position, ...body }: CheckCuecBody & { position: number }) =>
      api.send('PATCH', '/supplier-reviews/{id}/cuecs/{position}', {
        path: { id: reviewId, position },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useAddCuec(reviewId: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (text: string) =>
      api.send('POST', '/supplier-reviews/{id}/cuecs', { path: { id: reviewId }, body: { text } }),
    onSuccess: invalidate,
  });
}

export function useSignSupplierReview(reviewId: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      input: SignatureCredentials & {
        decision: Decision;
        conditions: string;
        nextReviewDue: string;
        note?: string;
      },
    ) => api.send('POST', '/supplier-reviews/{id}/sign', { path: { id: reviewId }, body: input }),
    onSuccess: invalidate,
  });
}

export function useAttachReviewEvidence(reviewId: string) {
  const api = useApiClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.send('POST', '/supplier-reviews/{id}/evidence', { path: { id: reviewId }, form });
    },
    onSuccess: invalidate,
  });
}
